"""Upload rules for every document and image staff add: documents are PDFs only, judged by what
the file holds (Wagtail's own form field already enforces WAGTAILDOCS_MAX_UPLOAD_SIZE); images
too large for Pillow to open are refused like any other image over the pixel limit."""

from PIL import Image

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def is_pdf(uploaded):
    """A PDF starts with "%PDF-" within its first kilobyte; an HTML or SVG file renamed .pdf does not."""
    position = uploaded.tell()
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(position)
    return b"%PDF-" in head and not head.lstrip().lower().startswith((b"<", b"<!doctype"))


class PdfDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or "file" not in self.changed_data:
            return uploaded
        if not is_pdf(uploaded):
            raise forms.ValidationError(
                _(
                    "This file is not a PDF, whatever its name says. Export the leaflet as PDF and upload that."
                )
            )
        return uploaded


class ImageUploadField(WagtailImageField):
    """Wagtail's image field, which also refuses an image too large for Pillow even to open.

    Wagtail counts the pixels against WAGTAILIMAGES_MAX_IMAGE_PIXELS, but it asks Pillow for the
    size, and Pillow refuses outright an image of more than twice its own limit (about 179
    million pixels: a 20000 by 20000 PNG of a few kilobytes) with an error Wagtail lets through as
    a server error. Such an image is over our limit by far, and is refused as such.
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except Image.DecompressionBombError as error:
            raise forms.ValidationError(
                _("This image has far too many pixels. The most an image may have is %(max)s.")
                % {"max": intcomma(self.max_image_pixels)},
                code="file_too_many_pixels",
            ) from error


class ImageForm(BaseImageForm):
    """Every image upload form Wagtail builds (single, multiple, chooser) starts from this one
    (WAGTAILIMAGES_IMAGE_FORM_BASE); Wagtail makes the file field itself, so it is swapped here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            wagtails = self.fields["file"]
            self.fields["file"] = ImageUploadField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget
            )
