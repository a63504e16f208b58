"""The demo's 2024 records add up to the source's figures exactly, its monthly review is left
where a walk-through needs it, and loading again changes nothing."""

import datetime
import io
from dataclasses import replace

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import (
    ActivityRecord,
    Campaign,
    CampaignTarget,
    Indicator,
    ReportingPeriod,
    ResultsPage,
)
from campaigns.totals import Filters, progress, totals
from home.models import HomePage
from taxonomy.models import AdministrativeUnit


def province_totals_2024():
    province = AdministrativeUnit.objects.get(code="75")
    rows = totals(("indicator",), Filters(units=(province,), year=2024))
    return {
        row["indicator"].code: (row["quantity"], row["attendees"] or row["minutes"]) for row in rows
    }


@pytest.mark.django_db
class TestDemoRecords:
    def test_province_totals_for_2024_match_the_source(self, demo_data):
        assert province_totals_2024() == {
            "sessions": (5_500, 170_000),
            "posters": (1_988, None),
            "leaflets": (68_777, None),
            "news": (2_636, None),
            "broadcasts": (4_050, 60_750),
        }

    def test_every_district_and_month_has_records(self, demo_data):
        rows = totals(("unit", "month"), Filters(year=2024))
        assert {row["unit"].code for row in rows} == set(
            AdministrativeUnit.objects.filter(level=2, parent__code="75").values_list(
                "code", flat=True
            )
        )
        assert len({row["month"] for row in rows}) == 12

    def test_the_districts_record_until_june_2025_and_the_communes_from_july(self, demo_data):
        rows = totals(("unit", "month"), Filters(year=2025))
        by_level = {}
        for row in rows:
            by_level.setdefault(row["unit"].level, set()).add(row["month"])
        assert by_level[2] == {f"2025-{m:02d}" for m in range(1, 7)}
        assert by_level[3] == {f"2025-{m:02d}" for m in range(7, 13)}
        communes = {row["unit"] for row in totals(("unit",), Filters(year=2026))}
        assert all(unit.valid_from == datetime.date(2025, 7, 1) for unit in communes)
        # Uneven, as a real province is: most communes report, not every one every month.
        assert 80 < len(communes) <= 95
        months = totals(("unit", "month"), Filters(year=2026))
        assert len(months) < len(communes) * 11

    def test_one_province_total_in_either_geography_of_2025(self, demo_data, client):
        page = ResultsPage.objects.get(locale__language_code="vi")
        tables = [
            client.get(page.url, {"year": 2025, **as_of}).context["table"]
            for as_of in ({}, {"as_of": "2025-06-30"})
        ]
        # The new communes by default; on 30 June the districts of the old Đồng Nai and, for
        # the communes' records from July on, of the old Bình Phước whose area they now cover.
        assert [len(table.rows) for table in tables] == [95, 22]
        assert tables[0].total == tables[1].total
        for table in tables:
            columns = zip(*(row.values for row in table.rows), strict=True)
            assert [sum(column) for column in columns] == list(table.total.values)

    def test_every_record_passes_the_models_own_rules(self, demo_data):
        """Every rule but the lock: most of the demo's months are approved, so locked."""
        for record in ActivityRecord.objects.select_related("unit", "indicator", "campaign")[:200]:
            record.clean_fields()
            assert record.rule_errors() == {}

    def test_the_action_month_and_yearly_plan_have_targets_with_progress(self, demo_data):
        plan = Campaign.objects.get(start_date__month=1, end_date__month=12)
        wide = {p.indicator.code: p for p in progress(plan) if p.unit is None}
        assert (wide["sessions"].actual, wide["sessions"].target) == (5_500, 5_000)
        assert Campaign.objects.get(start_date__month=7).targets.count() == 5

    def test_loading_again_changes_nothing(self, demo_data):
        def state():
            return (
                list(
                    ActivityRecord.objects.order_by("pk").values_list(
                        "pk", "quantity", "updated_at"
                    )
                ),
                Indicator.objects.count(),
                Campaign.objects.count(),
                CampaignTarget.objects.count(),
            )

        before = state()
        call_command("load_demo", stdout=io.StringIO())
        assert state() == before
        assert province_totals_2024()["leaflets"] == (68_777, None)

    def test_attendees_are_required_for_sessions_minutes_optional_for_broadcasts(self, demo_data):
        required = dict(Indicator.objects.values_list("code", "second_measure_required"))
        assert required["sessions"] is True
        assert required["broadcasts"] is False


@pytest.mark.django_db
def test_coordinator_sees_the_province_totals_and_targets_on_my_totals(
    demo_data, client, django_assert_max_num_queries
):
    client.force_login(get_user_model().objects.get(username="dieuphoi"))
    with django_assert_max_num_queries(60):
        response = client.get(reverse("campaigns_my_totals"), {"year": 2024, "month": 7})
    html = response.content.decode()
    assert "68.777" in html or "68,777" in html
    assert len(response.context["targets"]) == 10


@pytest.mark.django_db
class TestDemoPublicResults:
    def test_the_results_page_is_in_the_menu_and_shows_the_2024_totals(self, demo_data, client):
        page = ResultsPage.objects.get(locale__language_code="vi")
        assert page.get_parent().specific_class is HomePage
        assert page.live and page.show_in_menus
        html = client.get(page.url, {"year": 2024}).content.decode()
        for figure in ("5.500", "170.000", "1.988", "68.777", "2.636", "4.050"):
            assert figure in html

    def test_the_home_page_shows_a_live_total_of_leaflets(self, demo_data, client):
        body = HomePage.objects.get(locale__language_code="vi").body
        assert [block.block_type for block in body] == ["paragraph", "live_total"]
        assert '<span class="live-total__number">68.777</span>' in client.get("/").content.decode()

    def test_some_leaflet_and_poster_records_name_a_published_material(self, demo_data):
        with_material = ActivityRecord.objects.exclude(material=None).select_related("indicator")
        assert {r.indicator.code for r in with_material} == {"leaflets", "posters"}
        for record in with_material.select_related("unit", "campaign", "material")[:50]:
            assert record.rule_errors() == {}
            assert (
                record.material.specific_class.__name__
                == {
                    "leaflets": "LeafletPage",
                    "posters": "PosterPage",
                }[record.indicator.code]
            )

    def test_2026_shows_the_approved_months_and_says_so(self, demo_data, client):
        """The demo leaves October 2026 under review: it stays off the public page."""
        page = ResultsPage.objects.get(locale__language_code="vi")
        response = client.get(page.url, {"year": 2026})
        assert "Số liệu đã duyệt đến hết tháng 09/2026." in response.content.decode()
        shown = response.context["table"].total.values[
            response.context["table"].column_for(Indicator.objects.get(code="leaflets"))
        ]
        september = Filters(year=2026, date_to=datetime.date(2026, 9, 30))
        assert shown == grand_leaflets(september) < grand_leaflets(Filters(year=2026))

    def test_the_review_is_left_under_way_for_october_2026(self, demo_data):
        statuses = dict(
            ReportingPeriod.objects.filter(month=datetime.date(2026, 10, 1)).values_list(
                "unit__code", "status"
            )
        )
        assert set(statuses.values()) == {ReportingPeriod.Status.SUBMITTED}
        assert {"26041", "26134"} <= set(statuses) and len(statuses) == 5
        assert (
            not ReportingPeriod.objects.exclude(status=ReportingPeriod.Status.APPROVED)
            .exclude(month=datetime.date(2026, 10, 1))
            .exists()
        )


def grand_leaflets(filters):
    return totals((), replace(filters, indicators=(Indicator.objects.get(code="leaflets"),)))[0][
        "quantity"
    ]
