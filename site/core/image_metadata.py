"""Pictures lose what the camera wrote about where, when and with what before they are stored.

A phone's photo carries its GPS position, the camera's make, model and serial number, and often
the author's name and the time (EXIF, XMP, IPTC, comments, PNG text chunks). Wagtail's renditions
copy the original's EXIF (Willow keeps it) and a poster's "original" download is the stored file
itself, so the original must be clean. `core.forms.ImageForm` cleans what Wagtail's upload forms
receive, `core.storage` whatever else stores an original, and `manage.py strip_image_metadata` the
originals stored before (docs/security.md).

A picture with metadata is decoded and encoded again with nothing but its pixels, colour profile,
transparency, resolution and animation timing: a JPEG with its own quantisation tables (the
quality it had), PNG, GIF and lossless WebP without loss. The camera's orientation is applied to
the pixels first, since the tag that says "turn me" goes with the rest.
"""

import io

from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin

# Pillow's name of a format, and the format the clean copy is written in (MPO is a phone's JPEG
# with a second, preview picture appended, which goes with its own EXIF).
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}
# What a picture keeps: how it looks and moves, never who made it or where.
KEPT = ("icc_profile", "transparency", "dpi", "duration", "loop", "background")
# Where Pillow puts what cameras and editing programs wrote (PNG text chunks are `.text`).
METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")
# GIF application extensions that only say how an animation loops; any other (IPTC, for one) goes.
GIF_LOOPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
# JPEG segments that only describe the pixels: JFIF, the colour profile, Adobe's colour transform.
PIXEL_SEGMENTS = (("APP0", b"JFIF"), ("APP2", b"ICC_PROFILE"), ("APP14", b"Adobe"))
# Lossy WebP has no quantisation tables to keep: this is close to what phones and editors write.
WEBP_QUALITY = 90


def without_metadata(data):
    """The picture in `data` written again without metadata, or None when it carries none.

    Raises OSError or ValueError for a file Pillow cannot read to the end or a format not in
    FORMATS: storing it as it is could keep what it says about its author.
    """
    with Image.open(io.BytesIO(data)) as picture:
        if picture.format not in FORMATS:
            raise ValueError(f"cannot clean a {picture.format} picture")
        # Every frame, loaded: a GIF's later frames have comments of their own, PNG text chunks
        # may follow the pixels, and a truncated file fails here rather than half-written.
        found = any(carries_metadata(frame) for frame in ImageSequence.Iterator(picture))
        if not found:
            return None
        picture.seek(0)
        return _encode(picture, lossless_webp=b"VP8L" in data)


def carries_metadata(frame):
    frame.load()
    info = frame.info
    if any(key in info for key in METADATA) or getattr(frame, "text", None):
        return True
    if "extension" in info and not info["extension"][0].startswith(GIF_LOOPS):
        return True
    return any(
        not any(marker == kept and body.startswith(prefix) for kept, prefix in PIXEL_SEGMENTS)
        for marker, body in getattr(frame, "applist", ())
    )


def _encode(picture, lossless_webp):
    save_as = FORMATS[picture.format]
    options = {key: picture.info[key] for key in KEPT if key in picture.info}
    # MPO's second frame is the preview picture, which is dropped; other formats animate.
    animated = save_as != "JPEG" and getattr(picture, "n_frames", 1) > 1
    if save_as == "JPEG":
        options.update(
            qtables=picture.quantization,
            subsampling=JpegImagePlugin.get_sampling(picture),
            progressive=bool(picture.info.get("progressive")),
        )
    elif save_as == "WEBP":
        options.update(lossless=lossless_webp, quality=100 if lossless_webp else WEBP_QUALITY)
    # An animation's frames are written as they are: a camera's orientation tag is a photo's.
    clean = picture if animated else ImageOps.exif_transpose(picture)
    # Pillow's writers fall back on the picture's own info (a JPEG's comment, for one).
    clean.info = {}
    buffer = io.BytesIO()
    clean.save(buffer, save_as, save_all=animated, **options)
    return buffer.getvalue()
