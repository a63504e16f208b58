"""Admin screens of the spreadsheet import: choose and upload, preview, confirm with progress.

Anyone who may add records imports, for the units `campaigns.access` gives them: another unit
is not a choice in the form, its template is not found, and a row naming it is a problem. A
batch is seen and confirmed by the person who uploaded it only.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from accounts.models import UnitAssignment
from taxonomy.forms import UnitChoiceField

from ..access import units_for
from ..months import month_format_message, month_key, month_label, month_start, parse_month
from .batches import ImportFailed, already_imported_message, earlier_import, upload, write
from .models import ImportBatch
from .reading import megabytes
from .template import csv_template, xlsx_template

# Problems listed on the preview; the rest are counted (they are usually the same mistake).
PROBLEMS_SHOWN = 200
# Splits the rendered progress page: the part before streams first, the rows' progress next.
PROGRESS_MARK = "<!--import-progress-->"


def _require_importer(request):
    if not request.user.has_perm("campaigns.add_activityrecord"):
        raise PermissionDenied


class UnitMonthForm(forms.Form):
    """Which unit's month: the template's choice, and the first half of the upload's."""

    unit = UnitChoiceField(queryset=None, label=_("Unit"), empty_label=None)
    month = forms.CharField(label=_("Month"), widget=forms.TextInput(attrs={"type": "month"}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user).order_by("level", "code")

    def clean_month(self):
        try:
            return parse_month(self.cleaned_data["month"])
        except ValueError as error:
            raise forms.ValidationError(month_format_message()) from error

    def clean(self):
        data = super().clean()
        unit, first = data.get("unit"), data.get("month")
        if unit is not None and first is not None and not unit.existed_on(first):
            # The code's other holder, if that one is the unit of the month and the caller's.
            data["unit"] = self.fields["unit"].queryset.named(unit.code, on=first) or unit
        return data


class ImportForm(UnitMonthForm):
    file = forms.FileField(
        label=_("Filled-in file (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB. Split it into smaller files.")
                % {"size": megabytes(settings.IMPORT_MAX_BYTES)}
            )
        return upload


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Choose the unit and month, download the template, upload the filled-in file."""

    template_name = "campaigns/importing/start.html"
    form_class = ImportForm
    page_title = _("Import from a spreadsheet")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require_importer(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"user": self.request.user, **super().get_form_kwargs()}

    def get_initial(self):
        get = self.request.GET
        assigned = (
            UnitAssignment.objects.current()
            .filter(user=self.request.user)
            .values_list("unit__code", flat=True)[:1]
        )
        return {
            "unit": get.get("unit") or next(iter(assigned), None),
            "month": get.get("month") or month_key(month_start(timezone.localdate())),
        }

    def form_valid(self, form):
        upload_file = form.cleaned_data["file"]
        batch = upload(
            self.request.user,
            form.cleaned_data["unit"],
            form.cleaned_data["month"],
            upload_file.name,
            upload_file.read(),
        )
        return redirect("campaigns_import_batch", batch.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_form"] = UnitMonthForm(
            self.request.user, initial=context["form"].initial, auto_id="template_%s"
        )
        context["recent"] = (
            ImportBatch.objects.filter(user=self.request.user)
            .defer("content", "summary")
            .select_related("unit")[:10]
        )
        context["max_mb"] = megabytes(settings.IMPORT_MAX_BYTES)
        context["max_rows"] = settings.IMPORT_MAX_ROWS
        return context


class TemplateDownloadView(View):
    """The template for the unit and month in the query string; another unit's is not found."""

    def get(self, request, *args, **kwargs):
        _require_importer(request)
        form = UnitMonthForm(request.user, request.GET)
        if not form.is_valid():
            raise Http404
        unit, first = form.cleaned_data["unit"], form.cleaned_data["month"]
        if request.GET.get("format") == "csv":
            return csv_template(request.user, unit, first)
        return xlsx_template(request.user, unit, first)


class BatchMixin:
    def dispatch(self, request, pk, *args, **kwargs):
        _require_importer(request)
        self.batch = get_object_or_404(
            self.batches().select_related("unit", "user"), pk=pk, user=request.user
        )
        return super().dispatch(request, pk, *args, **kwargs)

    def batches(self):
        return ImportBatch.objects.all()

    def get_page_title(self):
        return _("Import %(file)s · %(unit)s · %(month)s") % {
            "file": self.batch.file_name,
            "unit": self.batch.unit.full_name,
            "month": month_label(self.batch.month),
        }


class BatchView(BatchMixin, WagtailAdminTemplateMixin, TemplateView):
    """The preview (before the import) or the result (after it)."""

    template_name = "campaigns/importing/batch.html"
    header_icon = "upload"

    def batches(self):
        return ImportBatch.objects.defer("content")  # up to IMPORT_MAX_MB, not shown

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = self.batch.summary
        problems = summary.get("problems", [])
        earlier = earlier_import(self.batch)
        context.update(
            batch=self.batch,
            summary=summary,
            problems=problems[:PROBLEMS_SHOWN],
            more_problems=max(0, len(problems) - PROBLEMS_SHOWN),
            earlier=already_imported_message(earlier) if earlier else "",
            can_confirm=self.batch.status == ImportBatch.Status.CHECKED
            and not problems
            and (summary.get("rows") or summary.get("skipped_count")),
            restart_query=f"unit={self.batch.unit.code}&month={month_key(self.batch.month)}",
        )
        return context


class ConfirmView(BatchMixin, WagtailAdminTemplateMixin, TemplateView):
    """Write the batch, showing the progress as the rows are written (a streamed page: it needs no
    script and no job queue, and the whole import is one transaction of this one request)."""

    http_method_names = ["post"]
    template_name = "campaigns/importing/progress.html"
    header_icon = "upload"

    def post(self, request, *args, **kwargs):
        # Taken now: the outcome is rendered without the request, and may offer to confirm again.
        self.csrf_token = get_token(request)
        page = render_to_string(
            self.template_name,
            self.get_context_data(batch=self.batch, mark=PROGRESS_MARK),
            request,
        )
        head, tail = page.split(PROGRESS_MARK)
        response = StreamingHttpResponse(
            self.stream(head, tail, translation.get_language()),
            content_type="text/html; charset=utf-8",
        )
        response["Cache-Control"] = "no-store"
        response["X-Accel-Buffering"] = "no"  # a proxy passes each step on at once
        return response

    def stream(self, head, tail, language):
        yield head
        with translation.override(language):
            failed = None
            try:
                for done, total in write(self.batch, self.request.user):
                    yield render_to_string(
                        "campaigns/importing/includes/step.html", {"done": done, "total": total}
                    )
            except ImportFailed as refused:
                failed = refused
            # Rendered from what is in memory: after an interruption the database may be gone.
            yield render_to_string(
                "campaigns/importing/includes/outcome.html",
                {
                    "batch": self.batch,
                    "error": failed.message if failed else "",
                    "interrupted": failed is not None and failed.interrupted,
                    "csrf_token": self.csrf_token,
                },
            )
        yield tail
