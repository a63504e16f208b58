"""The totals service adds up: every grouping equals the sum of the records it covers."""

import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import ActivityRecord
from campaigns.totals import GROUPINGS, Filters, UnitTree, grand_total, progress, totals
from taxonomy.models import AdministrativeUnit
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    BroadcastsIndicatorFactory,
    CampaignFactory,
    CampaignTargetFactory,
    DistrictFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
)

Level = AdministrativeUnit.Level

RECORD = st.fixed_dictionaries(
    {
        "unit": st.integers(0, 5),
        "indicator": st.integers(0, 2),
        "date": st.dates(datetime.date(2023, 11, 1), datetime.date(2024, 12, 31)),
        "quantity": st.integers(1, 1000),
        "second": st.integers(0, 500),
        "campaign": st.booleans(),
    }
)
EDIT = st.tuples(st.integers(0, 39), st.integers(1, 1000), st.integers(0, 5))

# Every grouping alone and in pairs, plus three at once.
COMBINATIONS = [
    *itertools.combinations(GROUPINGS, 1),
    *itertools.combinations(GROUPINGS, 2),
    ("unit", "indicator", "month"),
]


def period_key(grouping, day):
    return {
        "year": day.year,
        "quarter": f"{day.year}-Q{(day.month - 1) // 3 + 1}",
        "month": f"{day.year}-{day.month:02d}",
    }[grouping]


def record_keys(record, group_by, tree, unit_level, roll_up):
    """The group keys one record should be counted under, computed without the service."""
    key = []
    for grouping in group_by:
        if grouping in ("year", "quarter", "month"):
            key.append(period_key(grouping, record.date))
        else:
            key.append(getattr(record, f"{grouping}_id"))
    if "unit" not in group_by:
        return [tuple(key)]
    i = group_by.index("unit")
    if roll_up:
        units = tree.ancestor_ids(record.unit_id)
    elif unit_level:
        units = [tree.at_level(record.unit_id, unit_level)]
    else:
        units = [record.unit_id]
    return [(*key[:i], unit, *key[i + 1 :]) for unit in units]


def expected_totals(records, group_by, tree, unit_level=None, roll_up=False):
    expected = {}
    for record in records:
        for key in record_keys(record, group_by, tree, unit_level, roll_up):
            sums = expected.setdefault(key, {"quantity": 0, "attendees": None, "minutes": None})
            sums["quantity"] += record.quantity
            for measure in ("attendees", "minutes"):
                value = getattr(record, measure)
                if value is not None:
                    sums[measure] = (sums[measure] or 0) + value
    return expected


def as_keyed(rows, group_by):
    def plain(value):
        return getattr(value, "pk", value)

    return {
        tuple(plain(row[g]) for g in group_by): {
            m: row[m] for m in ("quantity", "attendees", "minutes")
        }
        for row in rows
    }


class TestTotalsAddUp(TestCase):
    @classmethod
    def setUpTestData(cls):
        province = AdministrativeUnitFactory(code="75")
        d1 = DistrictFactory(code="731", parent=province)
        d2 = DistrictFactory(code="741", parent=province)
        c1 = AdministrativeUnitFactory(code="26000", level=Level.COMMUNE, parent=d1)
        c2 = AdministrativeUnitFactory(code="26100", level=Level.COMMUNE, parent=d2)
        h1 = AdministrativeUnitFactory(code="2600001", level=Level.HAMLET, parent=c1)
        cls.units = [province, d1, d2, c1, c2, h1]
        cls.indicators = [
            SessionsIndicatorFactory(),
            IndicatorFactory(code="leaflets"),
            BroadcastsIndicatorFactory(),
        ]
        cls.campaign = CampaignFactory(units=[province])

    def build(self, spec):
        indicator = self.indicators[spec["indicator"]]
        measure = indicator.second_measure
        return ActivityRecord(
            unit=self.units[spec["unit"]],
            indicator=indicator,
            date=spec["date"],
            quantity=spec["quantity"],
            attendees=spec["second"] if measure == "attendees" else None,
            minutes=spec["second"] if measure == "minutes" else None,
            campaign=self.campaign if spec["campaign"] and spec["date"].year == 2024 else None,
        )

    @settings(max_examples=25, deadline=None)
    @given(
        specs=st.lists(RECORD, max_size=40),
        edits=st.lists(EDIT, max_size=10),
        deletes=st.sets(st.integers(0, 39), max_size=10),
    )
    def test_every_grouping_adds_up_after_edits_and_deletes(self, specs, edits, deletes):
        records = ActivityRecord.objects.bulk_create([self.build(spec) for spec in specs])
        for index, quantity, unit in edits:
            if index < len(records):
                record = records[index]
                record.quantity, record.unit = quantity, self.units[unit]
                record.save()
        ActivityRecord.objects.filter(
            pk__in=[records[i].pk for i in deletes if i < len(records)]
        ).delete()
        remaining = list(ActivityRecord.objects.all())
        tree = UnitTree()

        for group_by in COMBINATIONS:
            assert as_keyed(totals(group_by, tree=tree), group_by) == expected_totals(
                remaining, group_by, tree
            ), group_by
        for options in ({"unit_level": Level.DISTRICT}, {"roll_up": True}):
            group_by = ("unit", "indicator")
            assert as_keyed(totals(group_by, tree=tree, **options), group_by) == expected_totals(
                remaining, group_by, tree, **options
            ), options

        assert grand_total()["quantity"] == (sum(r.quantity for r in remaining) or None)
        d1 = self.units[1]
        in_d1 = [r for r in remaining if r.unit_id in tree.descendant_ids([d1.pk])]
        assert grand_total(Filters(units=(d1,)))["quantity"] == (
            sum(r.quantity for r in in_d1) or None
        )


@pytest.mark.django_db
class TestFiltersAndProgress:
    def test_filters_by_unit_with_its_children_indicator_campaign_and_dates(
        self, district, other_district
    ):
        commune = AdministrativeUnitFactory(level=Level.COMMUNE, parent=district)
        leaflets = IndicatorFactory(code="leaflets")
        posters = IndicatorFactory(code="posters")
        campaign = CampaignFactory(units=[district.parent])
        ActivityRecordFactory(unit=commune, indicator=leaflets, quantity=5, campaign=campaign)
        ActivityRecordFactory(
            unit=district, indicator=leaflets, quantity=7, date=datetime.date(2023, 3, 1)
        )
        ActivityRecordFactory(unit=other_district, indicator=leaflets, quantity=11)
        ActivityRecordFactory(unit=district, indicator=posters, quantity=13)

        def quantity(**filters):
            return grand_total(Filters(**filters))["quantity"]

        assert quantity(units=(district,)) == 5 + 7 + 13
        assert quantity(units=(district,), indicators=(leaflets,)) == 5 + 7
        assert quantity(campaign=campaign) == 5
        assert quantity(year=2024, indicators=(leaflets,)) == 5 + 11
        assert (
            quantity(date_from=datetime.date(2023, 1, 1), date_to=datetime.date(2023, 12, 31)) == 7
        )

    def test_progress_against_province_and_unit_targets(self, district, other_district):
        sessions = SessionsIndicatorFactory()
        campaign = CampaignFactory(
            units=[district.parent],
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2024, 7, 31),
        )
        CampaignTargetFactory(campaign=campaign, indicator=sessions, quantity=40)
        CampaignTargetFactory(campaign=campaign, indicator=sessions, unit=district, quantity=10)
        ActivityRecordFactory(unit=district, indicator=sessions, quantity=5, attendees=50)
        ActivityRecordFactory(unit=other_district, indicator=sessions, quantity=15, attendees=90)
        # Outside the campaign's dates: not counted.
        ActivityRecordFactory(
            unit=district,
            indicator=sessions,
            quantity=100,
            attendees=1,
            date=datetime.date(2024, 8, 1),
        )

        rows = {(p.unit, p.indicator.code): p for p in progress(campaign)}
        assert (rows[None, "sessions"].actual, rows[None, "sessions"].target) == (20, 40)
        assert rows[None, "sessions"].percentage == 50
        assert rows[district, "sessions"].actual == 5
        assert rows[district, "sessions"].percentage == 50

    def test_query_count_does_not_grow_with_the_records(
        self, django_assert_max_num_queries, district
    ):
        indicators = [IndicatorFactory() for _ in range(3)]
        campaign = CampaignFactory(units=[district])
        for target_indicator in indicators:
            CampaignTargetFactory(campaign=campaign, indicator=target_indicator, unit=district)
        for i in range(30):
            ActivityRecordFactory(
                unit=district, indicator=indicators[i % 3], date=datetime.date(2024, 1 + i % 12, 1)
            )
        with django_assert_max_num_queries(4):
            totals(("unit", "indicator", "campaign", "month"))
        with django_assert_max_num_queries(7):
            progress(campaign)


@pytest.mark.django_db
def test_the_grand_total_is_summed_by_the_database_in_one_row(district):
    """The live-total block on the home page and in articles: one aggregate over the records,
    never one row per record brought back to Python."""
    indicator = IndicatorFactory()
    for day in range(1, 21):
        ActivityRecordFactory(unit=district, indicator=indicator, date=datetime.date(2024, 5, day))
    with CaptureQueriesContext(connection) as captured:
        total = grand_total(Filters(indicators=(indicator,), year=2024))
    assert total["quantity"] == 200
    sums = [q["sql"] for q in captured.captured_queries if "SUM(" in q["sql"].upper()]
    assert len(sums) == 1 and "GROUP BY" not in sums[0].upper()
