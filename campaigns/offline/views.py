"""Offline entry: the queue's sync endpoint, the staff and public service workers, the manifest.

The public site's worker is `news.offline`. The device only holds queued records; the server decides. A queued record is posted to
`QueuedRecordView` with the fields of the admin record form and its own Idempotency-Key, and
goes through that form (`screens.record_form_class`) and `idempotency.answer_once`. A queued
month (the month entry form) is posted to `QueuedMonthView` likewise, and goes through the
screen's own `MonthEntry`.
"""

import json

from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from wagtail.log_actions import LogContext

from ..periods.locks import PeriodLocked
from ..records.month_entry import MonthEntry, MonthNotOpen, period_url
from .idempotency import HEADER, KeyReused, answer_once, key_problem
from .screens import record_form_class, record_form_url, staff_screens

OWNER_HEADER = "X-Queue-Owner"


def refusal(status, reason, errors=None):
    return JsonResponse({"reason": reason, "errors": errors or {}}, status=status)


def form_reason(form, label=None):
    """Every error of the form in one line, each after its field's label (or `label(name)`)."""
    label = label or (lambda name: form.fields[name].label if name in form.fields else "")
    parts = []
    for field, errors in form.errors.items():
        name = label(field)
        parts.extend(f"{name}: {message}" if name else message for message in errors)
    return " ".join(parts)


class QueuedWriteView(View):
    """POST: one queued item, written once under its Idempotency-Key by `write(request)`, which
    returns (status, data, record id or None) as `answer_once` expects."""

    def post(self, request):
        if not request.user.has_perm("campaigns.add_activityrecord"):
            return refusal(403, _("You may not record activities."))
        if request.headers.get(OWNER_HEADER) != str(request.user.pk):
            return refusal(403, _("This record was queued by another account on this device."))
        key = request.headers.get(HEADER, "")
        problem = key_problem(key)
        if problem:
            return refusal(400, str(problem))
        try:
            answer = answer_once(request.user, key, request.POST, lambda: self.write(request))
        except KeyReused as reused:
            return refusal(409, str(reused.message))
        except PeriodLocked as locked:  # approved between the form's check and the write
            reasons = locked.message_dict.get("date", locked.messages)
            return refusal(400, " ".join(reasons), {"date": reasons})
        response = JsonResponse(answer.data, status=answer.status)
        if answer.replayed:
            response["Idempotent-Replayed"] = "true"
        return response

    def write(self, request):
        """Check and save what was queued; each kind of queued item (a record, a month) says how."""
        raise NotImplementedError


class QueuedRecordView(QueuedWriteView):
    """GET: who is signed in and a fresh CSRF token, for the queue. POST: one queued record."""

    def get(self, request):
        response = JsonResponse({"user": request.user.pk, "csrf": get_token(request)})
        response["Cache-Control"] = "no-store"
        return response

    def write(self, request):
        form = record_form_class()(request.POST, for_user=request.user)
        if not form.is_valid():
            return 400, {"reason": form_reason(form), "errors": form.errors}, None
        record = form.save(commit=False)
        record.recorded_by = request.user
        with LogContext(user=request.user):
            record.save()
        form.save_m2m()
        return 201, {"id": record.pk, "record": str(record)}, record.pk


class QueuedMonthView(QueuedWriteView):
    """POST: one queued month of the month entry form: its fields, with `unit` (code) and `month`
    ("2026-12"). It meets the screen's checks (`MonthEntry`: own units, the lock, a unit that
    ended, the reason an unusual figure needs) and saves all its records or none."""

    def write(self, request):
        try:
            entry = MonthEntry.open(
                request.user, request.POST.get("unit", ""), request.POST.get("month", "")
            )
        except MonthNotOpen as closed:
            return 400, {"reason": str(closed.reason), "errors": {}}, None
        form = entry.form(request.POST)
        records = entry.save(form)
        if not records:
            return 400, {"reason": form_reason(form, row_label(form)), "errors": form.errors}, None
        message = entry.success_message(len(records))
        messages.success(request, message)  # shown by the next admin page the user opens
        return (
            201,
            {"records": [r.pk for r in records], "message": message, "url": period_url(entry)},
            None,
        )


def row_label(form):
    """A month form's field named by its indicator: "Tờ rơi phát ra (tờ)"."""
    names = {}
    for indicator, *fields in form.rows():
        for field in filter(None, fields):
            names[field.name] = f"{indicator.display_name} ({field.label})"
    return names.get


class ScriptView(TemplateView):
    """A service worker's script: never cached by HTTP, so an update reaches phones at once; it
    touches no session, so answering it sets no cookie."""

    content_type = "text/javascript; charset=utf-8"
    scope = None

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = "no-cache"
        if self.scope:
            response["Service-Worker-Allowed"] = self.scope
        return response


class StaffServiceWorker(ScriptView):
    template_name = "offline/staff-sw.js"
    scope = "/admin/"

    def get_context_data(self, **kwargs):
        return {"screens": json.dumps(staff_screens()), "static_prefix": json.dumps(static(""))}


def manifest(request):
    """The staff entry screens as an installable app, opening on the record form."""
    icon = static("icons/app-512.png")
    return JsonResponse(
        {
            "name": _("Record awareness activities"),
            "short_name": _("Record activities"),
            "lang": translation.get_language(),
            "start_url": record_form_url(),
            "scope": "/admin/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b4f8a",
            "icons": [
                {"src": static("icons/app-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": icon, "sizes": "512x512", "type": "image/png"},
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
