"""The approved-figures filter: whatever months are approved for whichever units, a total of
approved figures counts exactly the records of approved months, no more and no fewer (runs of
months approved for the whole province are read as one date range, which must not swallow a
month in between)."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import ActivityRecord, ReportingPeriod
from campaigns.totals import Filters, grand_total
from taxonomy.models import AdministrativeUnit
from tests.factories import ActivityRecordFactory, DistrictFactory, approve_months

MONTHS = [datetime.date(2024, month, 1) for month in range(1, 13)]


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    approved=st.sets(st.tuples(st.integers(0, 1), st.integers(0, 11))),
    whole_province=st.sets(st.integers(0, 11)),
    year_only=st.booleans(),
)
def test_exactly_the_records_of_approved_months_count(
    province, approved, whole_province, year_only
):
    ReportingPeriod.objects.all().delete()
    ActivityRecord.objects.all().delete()
    units = [
        AdministrativeUnit.objects.filter(code=code).first()
        or DistrictFactory(parent=province, code=code)
        for code in ("801", "802")
    ]
    # A month approved for the province is approved for every unit in it.
    approved = approved | {(u, m) for u in (0, 1) for m in whole_province}
    first_month = 0 if year_only else 2
    expected = 0
    for u, unit in enumerate(units):
        for m, first in enumerate(MONTHS):
            quantity = 1 + u * 12 + m  # a different number each, so a wrong month shows
            ActivityRecordFactory(unit=unit, date=first.replace(day=15), quantity=quantity)
            if (u, m) in approved and m >= first_month:
                expected += quantity
    approve_months(province, *(MONTHS[m] for m in whole_province))
    for u, m in approved:
        approve_months(units[u], MONTHS[m])
    if year_only:
        filters = Filters(year=2024, approved_only=True)
    else:
        filters = Filters(
            date_from=MONTHS[first_month], date_to=datetime.date(2024, 12, 31), approved_only=True
        )
    assert (grand_total(filters)["quantity"] or 0) == expected
