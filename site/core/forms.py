"""Upload rules for every document and image staff add: PDFs only, judged by what the file holds;
pictures stored without camera metadata. Wagtail's own form fields already enforce the size and
pixel limits (WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE and _MAX_IMAGE_PIXELS)."""

from PIL import Image

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .image_metadata import without_metadata

PDF_SIGNATURE = b"%PDF-"
UTF8_BOM = b"\xef\xbb\xbf"


class PdfDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or "file" not in self.changed_data:
            return uploaded
        # Exactly "%PDF-" first: readers that look further in would let an HTML page, or a file a
        # browser sniffs as one, through as a leaflet.
        uploaded.seek(0)
        before, found, _after = uploaded.read(1024).partition(PDF_SIGNATURE)
        uploaded.seek(0)
        if found and not before:
            return uploaded
        if found and not before.removeprefix(UTF8_BOM).strip():
            raise forms.ValidationError(
                _(
                    "This PDF has a byte order mark or blank space before its first line "
                    "(“%PDF-”). Save it again as PDF from the program that made it and upload that."
                )
            )
        raise forms.ValidationError(
            _(
                "This file is not a PDF, whatever its name says. Export the leaflet as PDF and upload that."
            )
        )

    def _post_clean(self):
        refused = "file" in self._errors
        super()._post_clean()
        if refused:
            # Wagtail's Document.clean() then checks the extension of the file the form did not
            # keep ("“” is not allowed"): the reason given above is the one that matters.
            del self._errors["file"][1:]


class PictureField(WagtailImageField):
    """Wagtail's image field, cleaning the picture (core/image_metadata.py) before Wagtail records
    its size and hash and stores it, and refusing a damaged or huge one in words: Willow decodes
    the picture to count its frames and would otherwise fail with a server error."""

    def to_python(self, data):
        try:
            uploaded = super().to_python(data)
            if uploaded is None:
                return None
            uploaded.seek(0)
            cleaned = without_metadata(uploaded.read())
        except Image.DecompressionBombError as error:
            # Pillow's own limit, far above WAGTAILIMAGES_MAX_IMAGE_PIXELS, met before Wagtail's.
            raise forms.ValidationError(
                _(
                    "This picture has too many pixels: the most is %(max_pixels)s. Make it smaller "
                    "and upload it again."
                ),
                code="file_too_many_pixels",
                params={"max_pixels": intcomma(self.max_image_pixels)},
            ) from error
        except (OSError, ValueError) as error:
            raise forms.ValidationError(
                _(
                    "This picture cannot be read to the end: it may be damaged or cut short. "
                    "Save it again from the program that made it and upload that."
                ),
                code="damaged",
            ) from error
        if cleaned is None:
            uploaded.seek(0)
            return uploaded
        return SimpleUploadedFile(uploaded.name, cleaned, content_type=uploaded.content_type)


class ImageForm(BaseImageForm):
    """Wagtail's image form for every upload screen: add, replace, chooser, multiple upload."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail makes this field itself (`formfield_for_dbfield`, whatever the base form
            # declares); ours adds to its checks and keeps its settings.
            self.fields["file"].__class__ = PictureField
