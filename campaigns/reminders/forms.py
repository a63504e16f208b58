from django import forms

from wagtail.admin.widgets.switch import SwitchInput

from .models import ReminderPreference


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["reminders"]
        widgets = {"reminders": SwitchInput()}
