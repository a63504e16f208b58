"""The activity-record form as the admin posts it, shared by the admin, period and audit tests."""


def form_data(unit, indicator, **overrides):
    return {
        "date": "2024-07-30",
        "unit": unit.pk,
        "indicator": indicator.pk,
        "quantity": "50",
        "attendees": "",
        "minutes": "",
        "place": "Xã Tân Hạnh",
        "campaign": "",
        "material": "",
        "note": "",
        **overrides,
    }
