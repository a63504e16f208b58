"""What the import remembers: each uploaded file (a batch) and the key of every row it wrote.

A batch keeps the uploaded bytes from the preview to the confirmation (so the confirmation checks
the very file the preview showed) and forgets them once the records are written. A row's key is
the SHA-256 of its values and of how many identical rows came before it in the file; the key is
unique, so no row is ever written twice, whatever file it comes back in.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import AdministrativeUnit


class ImportBatch(models.Model):
    """One uploaded spreadsheet of records for a unit's month, from preview to import."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not imported")
        IMPORTED = "imported", _("Imported")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("month"))
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    content = models.BinaryField(_("file"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKED
    )
    # What the preview shows, saved so that showing it again reads no file: the problems, a
    # sample of the rows, the totals per indicator, the rows skipped as already imported.
    summary = models.JSONField(_("summary"), default=dict)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    written = models.PositiveIntegerField(_("rows written"), default=0)
    skipped = models.PositiveIntegerField(_("rows skipped"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name


class ImportedRow(models.Model):
    """A row an import wrote: its key, and the record it became (gone if deleted since)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="rows")
    key = models.CharField(max_length=64, unique=True)
    row = models.PositiveIntegerField(_("row"))
    record = models.ForeignKey(
        "campaigns.ActivityRecord", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")

    def __str__(self):
        return f"{self.batch} · {self.row}"
