"""The units a report shows across the 2025 reform: the choice of geography, the ranked table,
grouping under former districts and the dot map, on the report screen, the yearly report and the
public Results page."""

import datetime
import re
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.reports.maps import EMPTY_RADIUS, dot_map, radius
from taxonomy.geography import Geography
from taxonomy.models import AdministrativeUnit, UnitSuccession
from taxonomy.reference import load
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    IndicatorFactory,
    ResultsPageFactory,
    approve_recorded_months,
)

LAST_OLD_DAY = datetime.date(2025, 6, 30)
REFORM_DAY = datetime.date(2025, 7, 1)
COMMUNE = AdministrativeUnit.Level.COMMUNE
DISTRICT = AdministrativeUnit.Level.DISTRICT


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi phát ra", unit_label="tờ", sort_order=0)


@pytest.fixture
def reform(db):
    """A small province through the reform: two districts of two communes each until 30 June
    2025, then three communes directly under the province. Phường Hai takes all of Xã 1B (20 km²)
    and 30% of Xã 2A (10 km²), so it comes mostly from Biên Hòa; Xã Ba takes the rest of 2A and
    all of 2B."""
    province = AdministrativeUnitFactory(code="75", name="Đồng Nai", designation="tỉnh")

    def unit(code, name, parent, level, **fields):
        return AdministrativeUnitFactory(code=code, name=name, parent=parent, level=level, **fields)

    old = {"valid_to": LAST_OLD_DAY}
    bien_hoa = unit("731", "Biên Hòa", province, DISTRICT, designation="huyện", **old)
    xuan_loc = unit("741", "Xuân Lộc", province, DISTRICT, designation="huyện", **old)
    c1a = unit("26001", "1A", bien_hoa, COMMUNE, designation="xã", area_km2=15, **old)
    c1b = unit("26002", "1B", bien_hoa, COMMUNE, designation="xã", area_km2=20, **old)
    c2a = unit("26101", "2A", xuan_loc, COMMUNE, designation="xã", area_km2=10, **old)
    c2b = unit("26102", "2B", xuan_loc, COMMUNE, designation="xã", area_km2=30, **old)
    new = {"valid_from": REFORM_DAY}
    mot = unit("27001", "Một", province, COMMUNE, designation="phường", **new)
    mot.latitude, mot.longitude = 10.95, 106.82
    hai = unit("27002", "Hai", province, COMMUNE, designation="phường", **new)
    hai.latitude, hai.longitude = 10.90, 106.95
    ba = unit("27003", "Ba", province, COMMUNE, designation="xã", **new)
    ba.latitude, ba.longitude = 10.93, 107.24
    for commune in (mot, hai, ba):
        commune.save()
    for predecessor, successor, share in [
        (c1a, mot, 1),
        (c1b, hai, 1),
        (c2a, hai, Decimal("0.3")),
        (c2a, ba, Decimal("0.7")),
        (c2b, ba, 1),
        (bien_hoa, mot, Decimal("0.5")),
        (bien_hoa, hai, Decimal("0.5")),
        (xuan_loc, hai, Decimal("0.1")),
        (xuan_loc, ba, Decimal("0.9")),
    ]:
        UnitSuccession.objects.create(predecessor=predecessor, successor=successor, share=share)
    return {u.name: u for u in AdministrativeUnit.objects.all()}


@pytest.fixture
def records(reform, leaflets):
    for name, day, quantity in [
        ("1A", datetime.date(2025, 1, 10), 100),
        ("1B", datetime.date(2025, 2, 10), 50),
        ("2A", datetime.date(2025, 3, 10), 40),
        ("2B", datetime.date(2025, 4, 10), 10),
        ("Một", datetime.date(2025, 8, 10), 5),
        ("Hai", datetime.date(2025, 9, 10), 200),
    ]:
        ActivityRecordFactory(unit=reform[name], indicator=leaflets, date=day, quantity=quantity)
    approve_recorded_months()


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def results_page(home_page, site_settings):
    return ResultsPageFactory(parent=home_page)


def report(client, **params):
    return client.get(reverse("campaigns_report"), {"year": 2025, **params})


def ranked(response):
    return [
        (row.rank, row.unit.name, row.value) for row in response.context["display"].ranking.rows
    ]


@pytest.mark.django_db
class TestFormerParents:
    def test_a_commune_names_the_districts_it_came_from_largest_first(self, reform):
        geography = Geography(REFORM_DAY)
        names = {
            name: [d.name for d in geography.former_parents(reform[name].pk)]
            for name in ("Một", "Hai", "Ba")
        }
        # Hai: 20 km² from Biên Hòa's 1B, 3 km² from Xuân Lộc's 2A.
        assert names == {"Một": ["Biên Hòa"], "Hai": ["Biên Hòa", "Xuân Lộc"], "Ba": ["Xuân Lộc"]}

    def test_a_unit_formed_from_nothing_has_no_former_parent(self, reform):
        assert Geography(REFORM_DAY).former_parents(reform["Biên Hòa"].pk) == []


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestReportGeography:
    def test_2025_defaults_to_the_communes_ranked_largest_first(self, as_coordinator):
        response = report(as_coordinator, figures="all")
        # Một: 100 + 5; Hai: 50 + 30% of 40 + 200; Ba: 70% of 40 + 10.
        assert ranked(response) == [(1, "Hai", 262), (2, "Một", 105), (3, "Ba", 38)]
        ranking = response.context["display"].ranking
        assert ranking.total == 405 == sum(row.value for row in ranking.rows)
        # Một took the whole of 1A: not an estimate; Hai and Ba share 2A by area.
        assert {row.unit.name: row.estimated for row in ranking.rows} == {
            "Hai": True,
            "Một": False,
            "Ba": True,
        }
        html = response.content.decode()
        assert "ước tính: số liệu phân bổ" in html
        # Two rows and the legend.
        assert html.count('class="estimated-mark" aria-hidden="true"') == 3

    def test_as_of_the_last_old_day_gives_the_districts_with_the_same_total(self, as_coordinator):
        new = report(as_coordinator, figures="all")
        old = report(as_coordinator, figures="all", as_of="2025-06-30")
        assert [name for _rank, name, _value in ranked(old)] == ["Biên Hòa", "Xuân Lộc"]
        assert {row.unit.level for row in old.context["display"].ranking.rows} == {DISTRICT}
        assert old.context["display"].ranking.total == new.context["display"].ranking.total
        assert old.context["table"].total.values == new.context["table"].total.values
        assert sum(value for _rank, _name, value in ranked(old)) == 405

    def test_the_choice_of_units_links_both_geographies_keeping_the_other_choices(
        self, as_coordinator
    ):
        response = report(as_coordinator, figures="all", indicator="leaflets")
        choices = response.context["display"].geographies
        assert [(c.label, c.current) for c in choices] == [
            ("Đơn vị từ 01/07/2025", True),
            ("Đơn vị đến 30/06/2025", False),
        ]
        assert "as_of" not in choices[0].url and "indicator=leaflets" in choices[0].url
        assert "as_of=2025-06-30" in choices[1].url and "figures=all" in choices[1].url
        html = response.content.decode()
        assert html.count('class="unit-choice__current"') == 2  # units, and ranked not grouped

    def test_a_day_inside_a_span_marks_that_span(self, as_coordinator):
        response = report(as_coordinator, figures="all", as_of="2025-03-15")
        choices = response.context["display"].geographies
        assert [c.current for c in choices] == [False, True]
        assert {row.unit.level for row in response.context["display"].ranking.rows} == {DISTRICT}

    def test_a_year_without_a_change_offers_no_choice(self, as_coordinator):
        response = as_coordinator.get(reverse("campaigns_report"), {"year": 2026})
        assert response.context["display"].geographies == ()
        assert "Đơn vị hiển thị:" not in response.content.decode()

    def test_ties_share_a_rank(self, as_coordinator, reform, leaflets):
        ActivityRecordFactory(
            unit=reform["Ba"], indicator=leaflets, date=datetime.date(2025, 10, 1), quantity=67
        )
        assert ranked(report(as_coordinator, figures="all")) == [
            (1, "Hai", 262),
            (2, "Một", 105),  # ties in code order
            (2, "Ba", 105),
        ]

    def test_grouped_by_former_district_subtotals_add_up_to_the_total(self, as_coordinator):
        response = report(as_coordinator, figures="all", group="former")
        ranking = response.context["display"].ranking
        groups = [(g.parent.name, [r.unit.name for r in g.rows], g.total) for g in ranking.groups]
        assert groups == [("Biên Hòa", ["Hai", "Một"], 367), ("Xuân Lộc", ["Ba"], 38)]
        assert sum(g.total for g in ranking.groups) == ranking.total == 405
        hai = next(row for row in ranking.rows if row.unit.name == "Hai")
        assert [d.name for d in hai.also_from] == ["Xuân Lộc"]
        html = response.content.decode()
        assert "Trước đây thuộc Huyện Biên Hòa" in html
        assert "huyện đóng góp phần diện tích lớn nhất" in html  # the note on Hai

    def test_districts_have_nothing_to_group_by(self, as_coordinator):
        response = report(as_coordinator, figures="all", as_of="2025-06-30", group="former")
        assert response.context["display"].grouping == ()
        assert response.context["display"].ranking.groups == ()

    def test_the_map_has_a_circle_per_unit_with_coordinates_sized_by_value(self, as_coordinator):
        response = report(as_coordinator, figures="all")
        dots = {dot.label: dot for dot in response.context["display"].map.dots}
        assert set(dots) == {"Phường Một", "Phường Hai", "Xã Ba"}
        assert dots["Phường Hai"].r > dots["Phường Một"].r > dots["Xã Ba"].r
        # West to east: Một (106.82), Hai (106.95), Ba (107.24); north to south: Một, Ba, Hai.
        assert dots["Phường Một"].x < dots["Phường Hai"].x < dots["Xã Ba"].x
        assert dots["Phường Một"].y < dots["Xã Ba"].y < dots["Phường Hai"].y
        html = response.content.decode()
        svg = html.split('<svg class="chart dot-map"', 1)[1].split("</svg>", 1)[0]
        assert svg.count("<circle") == 3 and svg.count("<title>") == 3
        assert '<title id="unit-map-title">' in svg
        assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")

    def test_the_districts_without_coordinates_are_listed_under_the_map(self, as_coordinator):
        response = report(as_coordinator, figures="all", as_of="2025-06-30")
        display = response.context["display"]
        assert display.map.dots == () and display.map.missing == (
            "Huyện Biên Hòa",
            "Huyện Xuân Lộc",
        )
        assert '<svg class="chart dot-map"' not in response.content.decode()

    def test_yearly_report_follows_the_choice(self, as_coordinator):
        url = reverse("campaigns_yearly_report", args=[2025])
        new = as_coordinator.get(url, {"figures": "all"})
        old = as_coordinator.get(url, {"figures": "all", "as_of": "2025-06-30"})
        assert [r.unit.name for r in new.context["report"].table.rows] == ["Một", "Hai", "Ba"]
        assert ranked(new)[0] == (1, "Hai", 262)
        assert [name for _rank, name, _value in ranked(old)] == ["Biên Hòa", "Xuân Lộc"]
        assert old.context["report"].table.total.values == new.context["report"].table.total.values
        html = new.content.decode()
        assert 'aria-current="true"' in html and "as_of=2025-06-30" in html

    def test_results_page_follows_the_choice(self, client, results_page):
        new = client.get(results_page.url, {"year": 2025})
        old = client.get(results_page.url, {"year": 2025, "as_of": "2025-06-30"})
        assert ranked(new) == [(1, "Hai", 262), (2, "Một", 105), (3, "Ba", 38)]
        assert [name for _rank, name, _value in ranked(old)] == ["Biên Hòa", "Xuân Lộc"]
        html = new.content.decode()
        assert html.count("<circle") == 3
        assert 'href="?year=2025&amp;as_of=2025-06-30"' in html
        grouped = client.get(results_page.url, {"year": 2025, "group": "former"})
        assert [g.total for g in grouped.context["display"].ranking.groups] == [367, 38]


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestQueryCounts:
    """Each screen costs the same with three communes as with many more, and more records."""

    def more(self, reform, leaflets):
        province = reform["Đồng Nai"]
        for n in range(12):
            commune = AdministrativeUnitFactory(
                code=f"28{n:03d}",
                name=f"Mới {n}",
                parent=province,
                level=COMMUNE,
                valid_from=REFORM_DAY,
                latitude=11 + n / 100,
                longitude=107 + n / 100,
            )
            UnitSuccession.objects.create(
                predecessor=reform["2B"], successor=commune, share=Decimal("0.01")
            )
            ActivityRecordFactory.create_batch(
                3, unit=commune, indicator=leaflets, date=datetime.date(2025, 11, 5)
            )
        approve_recorded_months()

    def assert_same_cost(self, get, reform, leaflets, django_assert_num_queries, most):
        get()  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as few:
            get()
        count = len(few)  # now: each request empties the connection's query log
        assert count <= most
        self.more(reform, leaflets)
        get()  # saving units refreshes the site's caches: warm them again
        with django_assert_num_queries(count):
            response = get()
        assert len(response.context["display"].ranking.rows) == 15
        return response

    def test_report_screen(self, as_coordinator, reform, leaflets, django_assert_num_queries):
        self.assert_same_cost(
            lambda: report(as_coordinator, figures="all", group="former"),
            reform,
            leaflets,
            django_assert_num_queries,
            30,
        )

    def test_yearly_report(self, as_coordinator, reform, leaflets, django_assert_num_queries):
        url = reverse("campaigns_yearly_report", args=[2025])
        self.assert_same_cost(
            lambda: as_coordinator.get(url, {"figures": "all", "group": "former"}),
            reform,
            leaflets,
            django_assert_num_queries,
            30,
        )

    def test_results_page(self, client, results_page, reform, leaflets, django_assert_num_queries):
        self.assert_same_cost(
            lambda: client.get(results_page.url, {"year": 2025, "group": "former"}),
            reform,
            leaflets,
            django_assert_num_queries,
            20,
        )


class TestMapLayout:
    def test_circle_area_is_proportional_to_the_value(self):
        assert radius(400, 400) == pytest.approx(4 * radius(25, 400))
        assert radius(0, 400) == EMPTY_RADIUS
        assert radius(1, 10**9) > 0  # a figure above 0 stays visible

    def test_zero_is_a_hollow_ring_and_units_without_coordinates_are_missing(self):
        class Unit:
            def __init__(self, code, name, latitude, longitude):
                self.code, self.full_name = code, name
                self.latitude, self.longitude = latitude, longitude

        drawn = dot_map(
            "m",
            "Map",
            [
                (Unit("1", "A", 11.0, 107.0), 10, False),
                (Unit("2", "B", 11.5, 106.5), 0, False),
                (Unit("3", "C", None, None), 3, False),
            ],
        )
        assert [(d.label, d.hollow) for d in drawn.dots] == [("A", False), ("B", True)]
        assert drawn.missing == ("C",)
        assert all(0 <= d.x <= drawn.width and 0 <= d.y <= drawn.height for d in drawn.dots)


@pytest.mark.django_db
class TestTodaysProvince:
    """The real 95 communes and wards of Đồng Nai, from the reference data."""

    def test_results_page_2025_ranks_and_maps_all_95(self, client, home_page, site_settings):
        load("75")
        leaflets = IndicatorFactory(code="leaflets", unit_label="tờ")
        tran_bien = AdministrativeUnit.objects.get(code="26041", valid_from=REFORM_DAY)
        ActivityRecordFactory(
            unit=tran_bien, indicator=leaflets, date=datetime.date(2025, 8, 1), quantity=500
        )
        old_commune = AdministrativeUnit.objects.filter(valid_to=LAST_OLD_DAY, level=COMMUNE)[0]
        ActivityRecordFactory(
            unit=old_commune, indicator=leaflets, date=datetime.date(2025, 3, 1), quantity=90
        )
        approve_recorded_months()
        page = ResultsPageFactory(parent=home_page)

        response = client.get(page.url, {"year": 2025})
        display = response.context["display"]
        assert len(display.ranking.rows) == 95
        assert display.ranking.rows[0].unit == tran_bien
        assert len(display.map.dots) == 95 and display.map.missing == ()
        html = response.content.decode()
        svg = re.search(r'<svg class="chart dot-map".*?</svg>', html, re.S).group(0)
        assert svg.count("<circle") == 95
        assert display.ranking.total == 590

        grouped = client.get(page.url, {"year": 2025, "group": "former"})
        groups = grouped.context["display"].ranking.groups
        assert all(g.parent is not None and g.parent.level == DISTRICT for g in groups)
        assert sum(g.total for g in groups) == 590
        assert sum(len(g.rows) for g in groups) == 95

        old = client.get(page.url, {"year": 2025, "as_of": "2025-06-30"})
        rows = old.context["display"].ranking.rows
        assert {row.unit.level for row in rows} == {DISTRICT}
        assert sum(row.value for row in rows) == 590


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestResultsPageCache:
    """The page cache keeps one copy per real choice of units, indicator and grouping."""

    @pytest.fixture(autouse=True)
    def page_cache_on(self, settings):
        settings.PAGE_CACHE_ENABLED = True

    def test_a_real_choice_is_stored(self, client, results_page):
        query = "?as_of=2025-06-30&group=former&indicator=leaflets&year=2025"
        assert client.get(results_page.url + query).status_code == 200
        assert client.get(results_page.url + query).get("Age") is not None

    @pytest.mark.parametrize(
        "query", ["?year=2025&group=yes", "?year=2025&indicator=nothing", "?year=2025&as_of=x"]
    )
    def test_a_made_up_choice_is_not(self, client, results_page, query):
        client.get(results_page.url + query)
        assert client.get(results_page.url + query).get("Age") is None
