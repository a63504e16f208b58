"""The activity-record form and the month entry form as the admin posts them, shared by the
admin, period, audit, month entry and offline tests."""

from tests.factories import BroadcastsIndicatorFactory, IndicatorFactory, SessionsIndicatorFactory


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


def month_indicators():
    """Three indicators: sessions (attendees required), leaflets, broadcasts (minutes optional)."""
    return {
        "sessions": SessionsIndicatorFactory(sort_order=0),
        "leaflets": IndicatorFactory(code="leaflets", name="Tờ rơi", sort_order=1),
        "broadcasts": BroadcastsIndicatorFactory(sort_order=2, second_measure_required=False),
    }


def month_fields(indicators, **values):
    """{"leaflets": 300, "sessions": (2, 85)} as the month entry form posts them."""
    data = {}
    for code, value in values.items():
        indicator = indicators[code]
        quantity, second = value if isinstance(value, tuple) else (value, None)
        data[f"quantity-{indicator.pk}"] = str(quantity)
        if indicator.second_measure:
            data[f"{indicator.second_measure}-{indicator.pk}"] = "" if second is None else second
    return data
