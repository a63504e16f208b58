import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from taxonomy.models import AdministrativeUnit
from tests.factories import AdministrativeUnitFactory, DistrictFactory

Level = AdministrativeUnit.Level


@pytest.mark.django_db
class TestUnitRules:
    def test_a_district_must_sit_under_a_province(self, district, province):
        district.parent = None
        with pytest.raises(ValidationError) as error:
            district.full_clean()
        assert "parent" in error.value.message_dict

    def test_a_parent_must_be_at_a_higher_level(self, district, other_district):
        district.parent = other_district
        with pytest.raises(ValidationError) as error:
            district.full_clean()
        assert "parent" in error.value.message_dict

    def test_a_unit_cannot_be_moved_under_its_own_child(self, province, district):
        commune = AdministrativeUnitFactory(level=Level.COMMUNE, parent=district)
        hamlet = AdministrativeUnitFactory(level=Level.HAMLET, parent=commune)
        commune.level, commune.parent = Level.HAMLET, hamlet  # levels alone would not catch this
        hamlet.level = Level.COMMUNE
        with pytest.raises(ValidationError) as error:
            commune.full_clean()
        assert "parent" in error.value.message_dict

    def test_end_date_cannot_precede_start_date(self, district):
        district.valid_from = datetime.date(2020, 1, 1)
        district.valid_to = datetime.date(2019, 1, 1)
        with pytest.raises(ValidationError) as error:
            district.full_clean()
        assert "valid_to" in error.value.message_dict

    def test_the_database_refuses_an_end_before_the_start_too(self, district):
        with pytest.raises(IntegrityError), transaction.atomic():
            AdministrativeUnit.objects.filter(pk=district.pk).update(
                valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2019, 1, 1)
            )

    def test_codes_are_unique(self, district):
        with pytest.raises(IntegrityError), transaction.atomic():
            DistrictFactory(code=district.code, parent=district.parent)

    def test_a_unit_with_children_cannot_be_deleted(self, province, district):
        with pytest.raises(ProtectedError):
            province.delete()


@pytest.mark.django_db
class TestUnitNames:
    def test_english_name_falls_back_to_the_name_without_diacritics(self, district):
        with translation.override("en"):
            assert str(district) == "Bien Hoa"
        with translation.override("vi"):
            assert str(district) == "Biên Hòa"

    def test_full_name_carries_the_designation_in_vietnamese(self, district):
        with translation.override("vi"):
            assert district.full_name == "Huyện Biên Hòa"

    def test_ancestors_run_up_to_the_province(self, province, district):
        commune = AdministrativeUnitFactory(level=Level.COMMUNE, parent=district)
        assert commune.ancestors() == [district, province]


@pytest.mark.django_db
def test_existed_on_respects_the_validity_dates(district):
    district.valid_from = datetime.date(2004, 1, 1)
    district.valid_to = datetime.date(2025, 6, 30)
    assert district.existed_on(datetime.date(2024, 7, 30))
    assert not district.existed_on(datetime.date(2025, 7, 1))
    assert not district.existed_on(datetime.date(2003, 12, 31))


def naive_descendants(parents, start):
    found = {start}
    changed = True
    while changed:
        changed = False
        for child, parent in parents.items():
            if parent in found and child not in found:
                found.add(child)
                changed = True
    return found


# Random trees: unit i's parent is any earlier unit (or none), which is every possible tree shape.
trees = st.integers(min_value=1, max_value=25).flatmap(
    lambda size: st.tuples(
        *[st.just(None)] + [st.one_of(st.none(), st.integers(0, i - 1)) for i in range(1, size)]
    )
)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None)
@given(parents=trees, data=st.data())
def test_descendants_are_exactly_the_units_below(parents, data):
    AdministrativeUnit.objects.update(parent=None)
    AdministrativeUnit.objects.all().delete()
    units = []
    for index, parent in enumerate(parents):
        units.append(
            AdministrativeUnit.objects.create(
                code=f"T{index}",
                name=f"Unit {index}",
                level=1,
                parent=units[parent] if parent is not None else None,
            )
        )
    ids = {index: unit.pk for index, unit in enumerate(units)}
    start = data.draw(st.integers(0, len(units) - 1))
    expected = {ids[i] for i in naive_descendants(dict(enumerate(parents)), start)}
    assert AdministrativeUnit.descendant_ids([ids[start]]) == expected
