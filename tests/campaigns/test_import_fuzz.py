"""Hypothesis fuzzes the cells of an import file: whatever they hold, the import either names
its problems in Vietnamese and writes nothing, or writes every row and the totals grow by exactly
the file's sums; importing the same file again then changes nothing."""

import datetime
import re

from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.roles import Role
from accounts.staff import save_staff_account
from campaigns.importing.batches import ImportFailed, upload, write_all
from campaigns.importing.models import ImportedRow
from campaigns.models import ActivityRecord
from campaigns.totals import Filters, totals
from tests.campaigns.spreadsheets import csv_bytes, row, xlsx_bytes
from tests.factories import (
    AdministrativeUnitFactory,
    DistrictFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
)

JULY = datetime.date(2024, 7, 1)
JULY_END = datetime.date(2024, 7, 31)
VIETNAMESE = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]")

# Text a person could type: no control characters (XLSX cannot hold them), never starting with
# "#" (that makes a row a comment, which the expected sums below do not model).
typed = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).filter(
    lambda text: not text.strip().startswith("#")
)

units = st.sampled_from(["731", "741", "99999", 731, "", None])
dates = st.one_of(
    st.dates(JULY, JULY_END).map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates(JULY, JULY_END).map(lambda d: datetime.datetime(d.year, d.month, d.day)),
    st.dates(datetime.date(2024, 6, 25), datetime.date(2024, 8, 5)).map(str),
    typed,
    st.none(),
)
indicators = st.sampled_from(["leaflets", "sessions", "LEAFLETS", "xyz", "", None])
quantities = st.one_of(
    st.integers(-3, 100_003),
    st.floats(-2, 500, allow_nan=False),
    st.sampled_from(["12", " 7 ", "1.000", "=1+1", "", "-5"]),
    typed,
    st.none(),
)
attendees = st.one_of(st.none(), st.integers(-2, 300), st.sampled_from(["40", "x"]))
good_rows = st.one_of(
    st.builds(
        lambda unit, day, quantity, place: row(
            unit=unit, date=day, indicator="leaflets", quantity=quantity, place=place
        ),
        st.sampled_from(["731", 731]),
        dates.filter(lambda d: isinstance(d, datetime.datetime) or (d and "/" in d)),
        st.one_of(st.integers(1, 100_000), st.sampled_from(["12", " 7 ", 3.0])),
        typed,
    ),
    st.builds(
        lambda day, quantity, people: row(
            date=day, indicator="sessions", quantity=quantity, attendees=people
        ),
        st.dates(JULY, JULY_END).map(lambda d: d.strftime("%d/%m/%Y")),
        st.integers(1, 50),
        st.integers(0, 300),
    ),
)
any_rows = st.lists(
    st.builds(
        lambda unit, day, indicator, quantity, people, place: row(
            unit=unit,
            date=day,
            indicator=indicator,
            quantity=quantity,
            attendees=people,
            place=place,
        ),
        units,
        dates,
        indicators,
        quantities,
        attendees,
        typed,
    ),
    min_size=1,
    max_size=8,
)
# Mostly junk finds the problems; mostly good rows with the odd bad one finds the writes.
rows = st.one_of(
    any_rows,
    st.lists(good_rows, min_size=1, max_size=12),
    st.lists(
        st.one_of(good_rows, good_rows, good_rows, any_rows.map(lambda r: r[0])), max_size=12
    ).filter(bool),
)


class ImportFuzzTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        province = AdministrativeUnitFactory(code="75", name="Đồng Nai")
        cls.district = DistrictFactory(code="731", name="Biên Hòa", parent=province)
        DistrictFactory(code="741", name="Xuân Lộc", parent=province)
        IndicatorFactory(code="leaflets", name="Tờ rơi phát ra")
        SessionsIndicatorFactory()
        cls.user, _ = save_staff_account("canbo.fuzz", Role.LOCAL, [cls.district])

    def sums(self):
        return {
            r["indicator"].code: (r["quantity"], r["attendees"])
            for r in totals(
                ("indicator",), Filters(units=(self.district,), date_from=JULY, date_to=JULY_END)
            )
        }

    @settings(max_examples=60, deadline=None)
    @given(rows=rows, as_csv=st.booleans(), separator=st.sampled_from([",", ";"]))
    def test_named_problems_and_nothing_or_every_row_and_exact_totals(
        self, rows, as_csv, separator
    ):
        content = csv_bytes(rows, delimiter=separator) if as_csv else xlsx_bytes(rows)
        name = "so-lieu.csv" if as_csv else "so-lieu.xlsx"
        batch = upload(self.user, self.district, JULY, name, content)
        problems = batch.summary["problems"]
        event("refused" if problems else "written")
        if problems:
            for _row, _column, message in problems:
                assert VIETNAMESE.search(message), message
            with self.assertRaises(ImportFailed):
                write_all(batch, self.user)
            assert not ActivityRecord.objects.exists()
            assert not ImportedRow.objects.exists()
            return

        write_all(batch, self.user)
        data_rows = [r for r in rows if any(c not in (None, "") for c in r)]
        assert ActivityRecord.objects.count() == len(data_rows) == batch.written
        expected = {}
        for cells in data_rows:
            code = str(cells[2]).casefold()
            quantity, people = expected.get(code, (0, None))
            extra = int(str(cells[4]).strip()) if cells[4] not in (None, "") else None
            expected[code] = (
                quantity + int(float(str(cells[3]).strip())),
                people if extra is None else (people or 0) + extra,
            )
        assert self.sums() == expected

        again = upload(self.user, self.district, JULY, name, content)
        assert (again.summary["rows"], again.summary["skipped_count"]) == (0, len(data_rows))
        write_all(again, self.user)
        assert self.sums() == expected
