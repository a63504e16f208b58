"""The reminders' switch on each person's account settings (*Notifications*)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .forms import ReminderPreferenceForm
from .models import ReminderPreference


class ReminderSettingsPanel(BaseSettingsPanel):
    name = "reminders"
    title = _("Reminders")
    tab = notifications_tab
    order = 200
    form_class = ReminderPreferenceForm

    def is_active(self):
        """For those the reminders are written to: staff who submit months, coordinators."""
        return self.user.has_perm("campaigns.submit_reportingperiod") or self.user.has_perm(
            "campaigns.approve_reportingperiod"
        )

    def get_form(self):
        instance = ReminderPreference.objects.filter(user=self.user).first()
        kwargs = {"instance": instance or ReminderPreference(user=self.user), "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)


@hooks.register("register_account_settings_panel")
def reminder_settings_panel(request, user, profile):
    return ReminderSettingsPanel(request, user, profile)
