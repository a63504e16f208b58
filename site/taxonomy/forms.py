"""Unit forms: the admin's, whose successions must describe the whole area once, and the
choice of a unit by its code."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm


class AdministrativeUnitForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        successions = [
            form.cleaned_data
            for form in self.formsets["successions"].forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not successions:
            return cleaned_data
        valid_to = cleaned_data.get("valid_to")
        if valid_to is None:
            self.add_error(
                "valid_to",
                _("A unit that is replaced by others needs the date it ended."),
            )
        total = sum((succession["share"] for succession in successions), Decimal(0))
        if total != 1:
            raise ValidationError(
                _("The shares of the units that replaced it add up to %(total)s, not 1.")
                % {"total": number_format(total, decimal_pos=6)}
            )
        for succession in successions:
            successor = succession["successor"]
            if valid_to and successor.valid_to and successor.valid_to <= valid_to:
                raise ValidationError(
                    _("%(unit)s ended before this unit did, so it cannot have replaced it.")
                    % {"unit": successor.full_name}
                )
        return cleaned_data


class UnitChoiceField(forms.ModelChoiceField):
    """A unit chosen by its code, as links and the API name units. A code names the unit that
    holds it today (`UnitQuerySet.named`); a form that also knows the day picks that day's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, to_field_name="code", **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        unit = self.queryset.named(str(value)) if isinstance(value, str | int) else None
        if unit is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return unit
