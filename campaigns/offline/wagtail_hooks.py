"""The queue's endpoint in the admin, and the queue script, indicator and manifest on its pages.

The script runs on every admin page, since signing out (from any page) must ask about the
queue; it shows the indicator and queues records on the staff entry screens only.
"""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext, ngettext, pgettext

from wagtail import hooks

from .screens import record_form_url, staff_screens
from .views import QueuedMonthView, QueuedRecordView


@hooks.register("register_admin_urls")
def register_offline_urls():
    return [
        path("offline/records/", QueuedRecordView.as_view(), name="offline_records"),
        path("offline/months/", QueuedMonthView.as_view(), name="offline_months"),
    ]


@hooks.register("insert_global_admin_css")
def offline_css():
    return format_html(
        '<link rel="manifest" href="{}"><link rel="stylesheet" href="{}">',
        reverse("offline_manifest"),
        static("css/offline.css"),
    )


@hooks.register("insert_global_admin_js")
def offline_js():
    config = {
        "syncUrl": reverse("offline_records"),
        "monthSyncUrl": reverse("offline_months"),
        "workerUrl": reverse("offline_staff_sw"),
        "screens": staff_screens(),
        "formPath": record_form_url(),
        "strings": queue_strings(),
    }
    return json_script(config, "offline-queue-config") + format_html(
        '<script src="{}" defer></script>', static("js/offline-queue.js")
    )


def queue_strings():
    """Every word the queue script shows; `%(count)s` and `%(reason)s` are filled in by it."""
    return {
        "online": pgettext("connection", "Online"),
        "offline": pgettext("connection", "Offline"),
        "queuedOne": ngettext(
            "%(count)s record waiting to be sent", "%(count)s records waiting to be sent", 1
        ),
        "queuedMany": ngettext(
            "%(count)s record waiting to be sent", "%(count)s records waiting to be sent", 2
        ),
        "sendNow": gettext("Send now"),
        "sending": gettext("Sending…"),
        "savedOffline": gettext(
            "No connection: the record is kept on this device and will be sent when the "
            "connection returns."
        ),
        "monthSavedOffline": gettext(
            "No connection: the month's figures are kept on this device and will be sent when "
            "the connection returns."
        ),
        "monthRefused": gettext("The month was not saved: %(reason)s"),
        "sent": gettext("Records sent: %(count)s."),
        "refused": gettext("Refused: %(reason)s"),
        "waiting": gettext("Waiting to be sent"),
        "fix": gettext("Fix"),
        "discard": gettext("Discard"),
        "confirmDiscard": gettext("Discard this record? It has not been sent."),
        "confirmSignOut": gettext(
            "%(count)s records on this device have not been sent. Signing out deletes them. "
            "Sign out anyway?"
        ),
        "fixing": gettext("Fixing a queued record: save to put it back in the queue."),
        "fixingMonth": gettext(
            "Fixing a queued month: correct it, then save to put it back in the queue."
        ),
        "queueTitle": gettext("Records on this device"),
        "draft": gettext(
            "Your last save may not have reached the server: the connection dropped before the "
            "answer came. Check the list of records before saving it again."
        ),
        "restore": gettext("Restore what I typed"),
        "serverError": gettext("The server could not save it now; it will be tried again."),
    }
