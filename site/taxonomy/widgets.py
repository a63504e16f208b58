"""The choice of areas an editor tags content with, laid out as readers find them."""

from django import forms
from django.utils.translation import gettext as _

from .areas import Areas


class AreaCheckboxes(forms.CheckboxSelectMultiple):
    """Every former district with today's communes and wards formed mostly from it, so an
    editor finds "Xuân Lộc" and the communes of Xuân Lộc together rather than in one list of a
    hundred names. A unit offered but in no group (a unit tagged before the reform) comes last."""

    def optgroups(self, name, value, attrs=None):
        offered = {str(choice): label for choice, label in self.choices}
        areas = Areas.today()
        grouped, placed = [], set()
        for district, communes in areas.groups:
            members = [unit for unit in [district, *communes] if unit and str(unit.pk) in offered]
            if members:
                heading = district.reader_name if district else _("Other units")
                grouped.append((heading, [(unit.pk, unit.reader_name) for unit in members]))
                placed.update(str(unit.pk) for unit in members)
        others = [(pk, label) for pk, label in offered.items() if pk not in placed]
        if others:
            grouped.append((_("Other units"), others))
        self.choices = grouped
        return super().optgroups(name, value, attrs)
