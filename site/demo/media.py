"""Pictures and PDFs for the demo, drawn with Pillow so the demo needs no binary files but a font.

DejaVu Sans ships with the demo (site/demo/fonts, under its own free licence) because Pillow's
built-in font has no Vietnamese letters.
"""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent / "fonts"


def font(size, bold=False):
    return ImageFont.truetype(
        str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size
    )


def wrap(draw, text, typeface, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def illustration(title, background="#0b4f8a", ink="#ffffff", size=(1200, 750)):
    """A plain title card: the article's headline on a solid colour with a hotline ribbon. JPEG bytes."""
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    typeface = font(64, bold=True)
    y = 90
    for line in wrap(draw, title, typeface, size[0] - 160):
        draw.text((80, y), line, font=typeface, fill=ink)
        y += 82
    draw.rectangle([0, size[1] - 110, size[0], size[1]], fill="#a4120f")
    draw.text(
        (80, size[1] - 86),
        "Đường dây nóng 111 · miễn phí · 24/7",
        font=font(44, bold=True),
        fill="#ffffff",
    )
    return encode(image, "JPEG")


def poster(lines, background, ink, size=(1000, 1414)):
    """An A-series poster: big words, the hotline at the foot. PNG bytes."""
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    y = 160
    for index, line in enumerate(lines):
        typeface = font(112 if index < 2 else 86, bold=index < 2)
        draw.text((size[0] // 2, y), line, font=typeface, fill=ink, anchor="mt")
        y += 190 if index < 2 else 130
    draw.rectangle(
        [0, size[1] - 220, size[0], size[1]],
        fill="#ffffff" if background != "#ffffff" else "#0b4f8a",
    )
    draw.text(
        (size[0] // 2, size[1] - 150),
        "GỌI 111",
        font=font(110, bold=True),
        fill="#a4120f",
        anchor="mt",
    )
    return encode(image, "PNG")


def leaflet_pdf(title, pages, size=(1240, 1754)):
    """A leaflet as a PDF with one A4 page (150 dpi) per list of lines. PDF bytes."""
    rendered = []
    for lines in pages:
        page = Image.new("L", size, 255)
        draw = ImageDraw.Draw(page)
        draw.rectangle([0, 0, size[0], 40], fill=60)
        draw.text((100, 90), title, font=font(30), fill=90)
        y = 200
        for index, line in enumerate(lines):
            typeface = font(64 if index == 0 else 44, bold=index == 0)
            for wrapped in wrap(draw, line, typeface, size[0] - 200) or [""]:
                draw.text((100, y), wrapped, font=typeface, fill=0)
                y += 80 if index == 0 else 66
        draw.text(
            (100, size[1] - 140),
            "Đường dây nóng 111 · miễn phí · 24/7",
            font=font(44, bold=True),
            fill=0,
        )
        rendered.append(page)
    buffer = io.BytesIO()
    rendered[0].save(
        buffer, "PDF", resolution=150, save_all=True, append_images=rendered[1:], title=title
    )
    return buffer.getvalue()


def encode(image, image_format):
    buffer = io.BytesIO()
    image.save(buffer, image_format, quality=82, optimize=True)
    return buffer.getvalue()
