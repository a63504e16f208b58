"""Upload rules for every document staff add: PDFs only, judged by what the file holds.
Wagtail's own form field already enforces WAGTAILDOCS_MAX_UPLOAD_SIZE."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm


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
