"""Offline entry: the queue's sync endpoint, the staff and public service workers, the manifest.

The public site's worker is `news.offline`. The device only holds queued records; the server decides. A queued record is posted to
`QueuedRecordView` with the fields of the admin record form and its own Idempotency-Key, and
goes through that form (`screens.record_form_class`) and `idempotency.answer_once`.
"""

import json

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from wagtail.log_actions import LogContext

from ..periods.locks import PeriodLocked
from .idempotency import HEADER, KeyReused, answer_once, key_problem
from .screens import record_form_class, record_form_url, staff_screens

OWNER_HEADER = "X-Queue-Owner"


def refusal(status, reason, errors=None):
    return JsonResponse({"reason": reason, "errors": errors or {}}, status=status)


def form_reason(form):
    """Every error of the form in one line, each after its field's label."""
    parts = []
    for field, messages in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        parts.extend(f"{label}: {message}" if label else message for message in messages)
    return " ".join(parts)


class QueuedRecordView(View):
    """GET: who is signed in and a fresh CSRF token, for the queue. POST: one queued record."""

    def get(self, request):
        response = JsonResponse({"user": request.user.pk, "csrf": get_token(request)})
        response["Cache-Control"] = "no-store"
        return response

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

    @staticmethod
    def write(request):
        form = record_form_class()(request.POST, for_user=request.user)
        if not form.is_valid():
            return 400, {"reason": form_reason(form), "errors": form.errors}, None
        record = form.save(commit=False)
        record.recorded_by = request.user
        with LogContext(user=request.user):
            record.save()
        form.save_m2m()
        return 201, {"id": record.pk, "record": str(record)}, record.pk


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
