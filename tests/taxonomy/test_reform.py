"""The 2025 reform as data: the units loaded from the reference packages, their successions, and
totals that add up in the geography of any day."""

import datetime
import importlib.util
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.roles import Role
from accounts.staff import waiting_for_a_unit
from campaigns.access import unit_ids_for
from campaigns.models import ActivityRecord, ReportingPeriod
from campaigns.reporting.overview import province_month
from campaigns.totals import Filters, UnitTree, grand_total, totals
from taxonomy.geography import Geography, change_days
from taxonomy.models import AdministrativeUnit, UnitSuccession
from taxonomy.reference import REFORM_DAY, load
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    IndicatorFactory,
    approve_months,
    small_reform,
)

BEFORE = datetime.date(2024, 12, 31)
AFTER = datetime.date(2026, 1, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)


def official_list():
    """Đồng Nai in `vietnam-provinces`, read as the test's own independent check."""
    spec = importlib.util.find_spec("vietnam_provinces")
    path = Path(spec.submodule_search_locations[0]) / "data" / "nested-divisions.json"
    province = next(p for p in json.loads(path.read_text("utf-8")) if p["code"] == 75)
    return {f"{ward['code']:05d}": ward for ward in province["wards"]}


@pytest.fixture
def loaded(db):
    load("75")
    return AdministrativeUnit.objects.in_bulk()


@pytest.mark.django_db
class TestLoadingTheUnits:
    def test_todays_province_has_the_95_official_communes_and_wards(self, loaded):
        today = [u for u in loaded.values() if u.existed_on(AFTER) and u.level == 3]
        official = official_list()
        assert len(today) == 95
        assert {u.code for u in today} == set(official)
        assert all(u.parent.code == "75" and u.valid_from == REFORM_DAY for u in today)
        kinds = [u.designation for u in today]
        assert (kinds.count("xã"), kinds.count("phường")) == (72, 23)
        assert all(u.latitude and u.longitude and u.area_km2 for u in today)
        tran_bien = next(u for u in today if u.code == "26041")
        assert tran_bien.full_name == "Phường Trấn Biên"

    def test_the_old_provinces_districts_and_communes_end_the_day_before_the_reform(self, loaded):
        old = [u for u in loaded.values() if u.valid_to == LAST_OLD_DAY]
        provinces = {u.code for u in old if u.level == 1}
        assert provinces == {"70"}  # Bình Phước; Đồng Nai (75) goes on
        districts = [u for u in old if u.level == 2]
        assert sum(d.parent.code == "75" for d in districts) == 11
        assert sum(d.parent.code == "70" for d in districts) == 11
        communes = [u for u in old if u.level == 3]
        assert sum(c.parent.parent.code == "75" for c in communes) == 159
        assert sum(c.parent.parent.code == "70" for c in communes) == 111
        assert "Biên Hòa" in {d.name for d in districts}

    def test_every_ended_unit_hands_over_exactly_its_whole_area(self, loaded):
        shares = {}
        for succession in UnitSuccession.objects.all():
            shares.setdefault(succession.predecessor_id, []).append(succession.share)
        ended = {pk for pk, u in loaded.items() if u.valid_to == LAST_OLD_DAY}
        assert set(shares) == ended
        assert all(sum(values) == Decimal(1) for values in shares.values())
        # Every new commune was formed from at least one old one.
        successors = set(UnitSuccession.objects.values_list("successor_id", flat=True))
        assert {pk for pk, u in loaded.items() if u.valid_from == REFORM_DAY} <= successors

    def test_a_divided_commune_is_shared_and_a_merged_one_goes_whole(self, loaded):
        xuan_tam = AdministrativeUnit.objects.get(name="Xuân Tâm", valid_to=LAST_OLD_DAY)
        parts = {s.successor.name: s.share for s in xuan_tam.successions.all()}
        assert set(parts) == {"Xuân Đông", "Xuân Hòa"}
        assert 0 < parts["Xuân Đông"] < parts["Xuân Hòa"] < 1
        whole = AdministrativeUnit.objects.get(name="Trảng Dài", valid_to=LAST_OLD_DAY)
        assert [s.share for s in whole.successions.all()] == [Decimal(1)]

    def test_loading_again_changes_nothing_and_says_so(self, loaded, capsys):
        before = list(UnitSuccession.objects.values_list("pk", "share"))
        call_command("load_units")
        said = capsys.readouterr().out
        assert "tạo mới 0, cập nhật 0, không đổi 389" in said
        assert "ghi 0, xóa 0" in said
        assert list(UnitSuccession.objects.values_list("pk", "share")) == before

    def test_loading_repairs_an_edited_unit_and_keeps_units_it_does_not_know(self, loaded):
        AdministrativeUnit.objects.filter(code="26041", valid_from=REFORM_DAY).update(name="Sai")
        own = AdministrativeUnitFactory(
            code="99999", name="Đặc khu thử", parent=AdministrativeUnit.objects.get(code="75")
        )
        changes = load("75")
        assert [u.code for u in changes.updated] == ["26041"]
        assert (
            AdministrativeUnit.objects.get(code="26041", valid_from=REFORM_DAY).name == "Trấn Biên"
        )
        assert AdministrativeUnit.objects.filter(pk=own.pk).exists()
        assert changes.not_in_reference == 1

    def test_the_change_day_is_found_from_the_data(self, loaded):
        assert change_days(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == [REFORM_DAY]
        assert change_days(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)) == []


@pytest.mark.django_db
class TestUnitRules:
    def test_a_code_can_be_reused_only_after_the_other_unit_ended(self, province):
        AdministrativeUnitFactory(code="26041", parent=province, level=3, valid_to=LAST_OLD_DAY)
        overlapping = AdministrativeUnitFactory.build(
            code="26041", parent=province, level=3, valid_from=datetime.date(2025, 6, 1)
        )
        with pytest.raises(ValidationError, match="code"):
            overlapping.full_clean()
        later = AdministrativeUnitFactory.build(
            code="26041", parent=province, level=3, valid_from=REFORM_DAY
        )
        later.full_clean()

    def test_a_record_after_its_units_end_is_refused_naming_the_units_that_replaced_it(
        self, loaded
    ):
        old = AdministrativeUnit.objects.get(name="Xuân Tâm", valid_to=LAST_OLD_DAY)
        record = ActivityRecordFactory.build(
            unit=old, indicator=IndicatorFactory(), date=datetime.date(2025, 8, 1), quantity=3
        )
        with pytest.raises(ValidationError) as refused:
            record.full_clean()
        message = " ".join(refused.value.message_dict["date"])
        assert "30/06/2025" in message
        assert "Xã Xuân Đông" in message and "Xã Xuân Hòa" in message

    def test_a_record_before_a_unit_was_formed_is_refused(self, loaded):
        new = AdministrativeUnit.objects.get(code="26041", valid_from=REFORM_DAY)
        record = ActivityRecordFactory.build(
            unit=new, indicator=IndicatorFactory(), date=datetime.date(2025, 6, 30), quantity=3
        )
        with pytest.raises(ValidationError, match="01/07/2025"):
            record.full_clean()


def by_unit(rows):
    return {row["unit"].code: (row["quantity"], row["estimated"]) for row in rows}


@pytest.mark.django_db
class TestTotalsInTheGeographyOfADay:
    @pytest.fixture
    def units(self, province):
        return small_reform(province)

    def test_old_figures_shown_on_the_new_communes(self, units):
        leaflets = IndicatorFactory()
        for code, quantity in (("1", 10), ("2", 4), ("3", 6), ("4", 10), ("701", 3)):
            ActivityRecordFactory(
                unit=units[code],
                indicator=leaflets,
                date=datetime.date(2024, 5, 1),
                quantity=quantity,
            )
        tree = UnitTree()
        rows = totals(("unit",), geography=Geography(AFTER, units=tree.units), tree=tree)
        # N1: A 10 + half of the district's 3 = 11.5; N2: B 4 + C 6 + 3 of D + 1.5 = 14.5; N3: 7.
        # One unit left over after flooring; the tie goes to the lower code.
        assert by_unit(rows) == {"11": (12, True), "12": (14, True), "13": (7, True)}
        assert sum(row["quantity"] for row in rows) == 33

    def test_new_figures_shown_on_the_old_districts(self, units):
        sessions = IndicatorFactory()
        for code, quantity in (("11", 8), ("12", 9), ("13", 5)):
            ActivityRecordFactory(
                unit=units[code],
                indicator=sessions,
                date=datetime.date(2026, 3, 1),
                quantity=quantity,
            )
        rows = totals(("unit",), geography=Geography(BEFORE))
        # N1 came from A (east); N2 from B, C and 0.3 of D, so 1/2.3 of it is east's (3.9) and
        # the rest west's (5.1); N3 from D (west): east 11.9 → 12, west 10.1 → 10.
        quantities = {code: quantity for code, (quantity, _estimated) in by_unit(rows).items()}
        assert quantities == {"701": 8 + 4, "702": 5 + 5}
        assert sum(quantities.values()) == 22

    def test_a_unit_in_its_own_geography_is_exact(self, units):
        ActivityRecordFactory(unit=units["1"], date=datetime.date(2024, 5, 1), quantity=5)
        rows = totals(("unit",), geography=Geography(BEFORE))
        assert by_unit(rows) == {"701": (5, False)}

    @settings(
        max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        records=st.lists(
            st.tuples(
                st.sampled_from(["1", "2", "3", "4", "701", "702", "11", "12", "13"]),
                st.sampled_from(
                    [
                        datetime.date(2024, 3, 1),
                        datetime.date(2025, 2, 1),
                        datetime.date(2026, 4, 1),
                    ]
                ),
                st.integers(min_value=1, max_value=10_000),
            ),
            max_size=12,
        ),
        day=st.sampled_from([BEFORE, LAST_OLD_DAY, REFORM_DAY, AFTER]),
    )
    def test_every_geography_gives_the_same_exact_totals(self, units, records, day):
        ActivityRecord.objects.all().delete()
        indicator = IndicatorFactory()
        for code, date, quantity in records:
            unit = units[code]
            # Stored as they would have been recorded: by a unit that existed on the day.
            ActivityRecord.objects.bulk_create(
                [ActivityRecord(unit=unit, indicator=indicator, date=date, quantity=quantity)]
            )
        exact = ActivityRecord.objects.aggregate(total=Sum("quantity"))["total"] or 0
        for group_by in (("unit",), ("unit", "year"), ("year", "unit", "month")):
            rows = totals(group_by, geography=Geography(day))
            assert all(isinstance(row["quantity"], int) and row["quantity"] >= 0 for row in rows)
            assert sum(row["quantity"] for row in rows) == exact
            for year in {date.year for _code, date, _quantity in records}:
                in_year = totals(("unit",), Filters(year=year), geography=Geography(day))
                assert (
                    sum(row["quantity"] for row in in_year)
                    == grand_total(Filters(year=year))["quantity"]
                )


@pytest.mark.django_db
class TestStaffAcrossTheReform:
    def test_staff_of_an_ended_unit_lose_it_and_wait_for_a_new_one(
        self, loaded, make_staff, client
    ):
        bien_hoa = AdministrativeUnit.objects.get(code="731")
        tran_bien = AdministrativeUnit.objects.get(code="26041", valid_from=REFORM_DAY)
        old_hand = make_staff(Role.LOCAL, [bien_hoa], username="canbo.cu")
        new_hand = make_staff(Role.LOCAL, [tran_bien], username="canbo.moi")
        assert unit_ids_for(old_hand) == set()
        assert unit_ids_for(new_hand) == {tran_bien.pk}
        assert list(waiting_for_a_unit()) == [old_hand]
        client.force_login(make_staff(Role.COORDINATOR))
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "canbo.cu" in html and "canbo.moi" not in html

    def test_an_assignment_ends_on_its_own_date_too(self, province, make_staff):
        commune = AdministrativeUnitFactory(code="26999", level=3, parent=province)
        staff = make_staff(Role.LOCAL, [commune], username="canbo.tam")
        staff.unit_assignments.update(valid_to=datetime.date(2025, 12, 31))
        assert unit_ids_for(staff) == set()
        staff.unit_assignments.update(valid_to=None, valid_from=datetime.date(2099, 1, 1))
        assert unit_ids_for(staff) == set()

    def test_the_old_role_name_still_works_on_the_command_line(self, loaded):
        out = io.StringIO()
        call_command(
            "staff_account", "canbo.a", "--role", "district", "--unit", "26041", stdout=out
        )
        assert "Local staff" in out.getvalue() or "Cán bộ cấp xã" in out.getvalue()
        user = get_user_model().objects.get(username="canbo.a")
        assert [a.unit.valid_from for a in user.unit_assignments.all()] == [REFORM_DAY]


@pytest.mark.django_db
class TestTheApi:
    def test_units_carry_their_validity_and_successors(self, loaded, client):
        rows, url = [], "/api/v1/units/"
        while url:
            page = client.get(url).json()
            rows += page["results"]
            url = page["next"]
        xuan_tam = next(u for u in rows if u["name"] == "Xuân Tâm")
        assert xuan_tam["valid_to"] == "2025-06-30" and xuan_tam["level"] == 3
        assert {s["code"] for s in xuan_tam["successors"]} == {
            u.code
            for u in AdministrativeUnit.objects.filter(
                name__in=["Xuân Đông", "Xuân Hòa"], valid_from=REFORM_DAY
            )
        }
        assert sum(s["share"] for s in xuan_tam["successors"]) == pytest.approx(1)
        assert sum(1 for u in rows if u["valid_from"] == "2025-07-01") == 95

    def test_totals_as_of_a_day_keep_the_province_total(self, province, client):
        units = small_reform(province)
        leaflets = IndicatorFactory(code="leaflets")
        for code, quantity in (("1", 10), ("4", 10)):
            record = ActivityRecordFactory(
                unit=units[code],
                indicator=leaflets,
                date=datetime.date(2024, 5, 1),
                quantity=quantity,
            )
            approve_months(record.unit.parent, datetime.date(2024, 5, 1))
        rows = client.get(
            "/api/v1/totals/", {"group_by": "unit", "as_of": "2026-01-01", "year": 2024}
        ).json()["results"]
        assert {(r["unit"], r["quantity"], r["estimated"]) for r in rows} == {
            ("11", 10, False),
            ("12", 3, True),
            ("13", 7, True),
        }
        refused = client.get("/api/v1/totals/", {"as_of": "01-01-2026"})
        assert refused.status_code == 400 and "as_of" in refused.json()


@pytest.mark.django_db
class TestRecordingAChangeInTheAdmin:
    def post(self, client, unit, successions, valid_to="2026-12-31"):
        data = {
            "code": unit.code,
            "level": unit.level,
            "name": unit.name,
            "designation": unit.designation,
            "parent": unit.parent_id,
            "valid_to": valid_to,
            **nested_form_data({"successions": inline_formset(successions)}),
        }
        return client.post(
            reverse("wagtailsnippets_taxonomy_administrativeunit:edit", args=[unit.pk]), data
        )

    def test_a_coordinator_records_a_split_whose_shares_add_up(self, province, make_staff, client):
        client.force_login(make_staff(Role.COORDINATOR))
        old = AdministrativeUnitFactory(code="26001", level=3, parent=province)
        east, west = (
            AdministrativeUnitFactory(
                code=c, level=3, parent=province, valid_from=datetime.date(2027, 1, 1)
            )
            for c in ("26002", "26003")
        )
        refused = self.post(
            client,
            old,
            [{"successor": east.pk, "share": "0.5"}, {"successor": west.pk, "share": "0.4"}],
        )
        assert refused.status_code == 200
        assert "0,900000" in refused.content.decode() or "0.900000" in refused.content.decode()
        assert not UnitSuccession.objects.exists()
        done = self.post(
            client,
            old,
            [{"successor": east.pk, "share": "0.6"}, {"successor": west.pk, "share": "0.4"}],
        )
        assert done.status_code == 302
        assert sorted(old.successions.values_list("share", flat=True)) == [
            Decimal("0.4"),
            Decimal("0.6"),
        ]


@pytest.mark.django_db
class TestCommuneIsolation:
    """Staff of a commune formed in 2025 see and change only their commune's records: neither a
    neighbouring commune's nor those of the old district and communes their commune came from."""

    @pytest.fixture
    def records(self, province):
        units = small_reform(province)
        july = datetime.date(2025, 7, 15)
        return {
            "own": ActivityRecordFactory(unit=units["12"], date=july, place="Nhà văn hóa N2"),
            "neighbour": ActivityRecordFactory(unit=units["13"], date=july, place="Chợ N3"),
            "predecessor": ActivityRecordFactory(
                unit=units["702"], date=datetime.date(2025, 3, 1), place="Huyện cũ"
            ),
        }

    @pytest.fixture
    def staff(self, make_staff, records):
        return make_staff(Role.LOCAL, [records["own"].unit], username="canbo.n2")

    def test_lists_show_only_their_communes_records(self, client, staff, records):
        client.force_login(staff)
        listed = {row["id"] for row in client.get("/api/v1/records/").json()["results"]}
        assert listed == {records["own"].pk}
        html = client.get("/admin/activity_records/").content.decode()
        assert "Nhà văn hóa N2" in html
        assert "Chợ N3" not in html and "Huyện cũ" not in html

    @pytest.mark.parametrize("other", ["neighbour", "predecessor"])
    def test_other_records_are_not_found_and_cannot_change(self, client, staff, records, other):
        client.force_login(staff)
        record = records[other]
        assert client.get(f"/admin/activity_records/edit/{record.pk}/").status_code == 404
        assert client.get(f"/api/v1/records/{record.pk}/").status_code == 404
        assert client.delete(f"/api/v1/records/{record.pk}/").status_code == 404
        response = client.post(
            "/api/v1/records/",
            {
                "unit": record.unit.code,
                "indicator": record.indicator.code,
                "date": record.date.isoformat(),
                "quantity": 1,
            },
            content_type="application/json",
        )
        assert response.status_code in {400, 403}
        assert ActivityRecord.objects.filter(unit=record.unit).count() == 1


@pytest.mark.django_db
class TestCompletenessAcrossTheChange:
    """Each month expects the units that existed in it: June 2025 the districts, July the
    communes and wards formed on the 1st."""

    @pytest.mark.parametrize(
        "today, expected",
        [
            (datetime.date(2025, 7, 10), ["701", "702"]),  # last month: June
            (datetime.date(2025, 8, 10), ["11", "12", "13"]),  # last month: July
        ],
    )
    def test_last_months_expected_and_missing_units(self, province, today, expected):
        units = small_reform(province)
        first = datetime.date(today.year, today.month - 1, 1)
        ReportingPeriod.objects.create(
            unit=units[expected[0]], month=first, status=ReportingPeriod.Status.SUBMITTED
        )
        month = province_month(today=today)
        assert [unit.code for unit in month.expected] == expected
        assert [unit.code for unit in month.not_reported] == expected[1:]
        assert month.reporting_rate == round(100 / len(expected))
