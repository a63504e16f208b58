"""Spreadsheet import: templates, preview with named problems, all-or-nothing, no double counting,
locking, isolation, limits, hostile files."""

import csv
import datetime
import io
import itertools
import zipfile

import pytest
from openpyxl import load_workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError
from django.test import override_settings
from django.urls import reverse

from campaigns.audit.models import ReportingLogEntry
from campaigns.importing.batches import ImportFailed, upload, write_all
from campaigns.importing.models import ImportBatch, ImportedRow
from campaigns.models import ActivityRecord
from campaigns.reporting.review import act
from campaigns.totals import Filters, totals
from taxonomy.models import AdministrativeUnit
from tests.campaigns.spreadsheets import HEADER, csv_bytes, row, xlsx_bytes
from tests.factories import (
    AdministrativeUnitFactory,
    CampaignFactory,
    IndicatorFactory,
    LeafletPageFactory,
    SessionsIndicatorFactory,
)

JULY = datetime.date(2024, 7, 1)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi phát ra", unit_label="tờ")


@pytest.fixture
def sessions(db):
    return SessionsIndicatorFactory()


@pytest.fixture
def commune(district):
    return AdministrativeUnitFactory(
        code="26020", name="Tân Hạnh", level=AdministrativeUnit.Level.COMMUNE, parent=district
    )


def post_file(client, content, name="so-lieu.xlsx", unit="731", month="2024-07"):
    return client.post(
        reverse("campaigns_import"),
        {"unit": unit, "month": month, "file": SimpleUploadedFile(name, content)},
    )


def preview(client, content, **kwargs):
    """Upload a file; the preview page's HTML and its batch."""
    response = post_file(client, content, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    return client.get(response["Location"]).content.decode(), batch


def confirm(client, batch):
    response = client.post(reverse("campaigns_import_confirm", args=[batch.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


@pytest.mark.django_db
class TestTemplates:
    def test_xlsx_lists_headers_codes_units_and_materials_in_vietnamese(
        self, client, district_staff, district, commune, other_district, leaflets, sessions
    ):
        LeafletPageFactory(title="Cẩm nang nhận diện thủ đoạn")
        client.force_login(district_staff)
        response = client.get(
            reverse("campaigns_import_template"), {"unit": "731", "month": "2024-07"}
        )
        assert response.status_code == 200
        assert 'filename="mau-nhap-731-2024-07.xlsx"' in response["Content-Disposition"]
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames[0] == "Số liệu"
        assert [c.value for c in workbook["Số liệu"][1]] == HEADER
        assert "Hướng dẫn" in workbook.sheetnames
        listed = {
            title: [[c.value for c in line] for line in workbook[title].iter_rows(min_row=2)]
            for title in ("Đơn vị", "Chỉ tiêu", "Tài liệu")
        }
        assert [line[0] for line in listed["Đơn vị"]] == ["731", "26020"]  # never 741
        assert {line[0] for line in listed["Chỉ tiêu"]} == {"leaflets", "sessions"}
        assert [line[1] for line in listed["Tài liệu"]] == ["Cẩm nang nhận diện thủ đoạn"]

    def test_csv_has_a_byte_order_mark_the_lists_as_comments_and_the_header_last(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        response = client.get(
            reverse("campaigns_import_template"),
            {"unit": "731", "month": "2024-07", "format": "csv"},
        )
        assert response.content.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert lines[-1] == HEADER
        assert all(line[0].startswith("#") for line in lines[:-1])
        assert any("leaflets" in line[0] and "Tờ rơi phát ra" in line[0] for line in lines)

    def test_the_filled_in_template_imports(self, client, district_staff, district, leaflets):
        client.force_login(district_staff)
        template = client.get(
            reverse("campaigns_import_template"), {"unit": "731", "month": "2024-07"}
        )
        workbook = load_workbook(io.BytesIO(template.content))
        workbook["Số liệu"].append(row(quantity=321))
        out = io.BytesIO()
        workbook.save(out)
        html, batch = preview(client, out.getvalue())
        assert "Nhập 1 dòng" in html
        confirm(client, batch)
        assert ActivityRecord.objects.get().quantity == 321

    def test_another_districts_template_is_not_found(
        self, client, district_staff, other_district, leaflets
    ):
        client.force_login(district_staff)
        for fmt in ("xlsx", "csv"):
            response = client.get(
                reverse("campaigns_import_template"),
                {"unit": "741", "month": "2024-07", "format": fmt},
            )
            assert response.status_code == 404

    def test_a_coordinator_downloads_any_units_template(
        self, client, coordinator, other_district, leaflets
    ):
        client.force_login(coordinator)
        response = client.get(
            reverse("campaigns_import_template"), {"unit": "741", "month": "2024-07"}
        )
        assert response.status_code == 200

    def test_editors_may_not_import(self, client, editor, district):
        client.force_login(editor)
        response = client.get(reverse("campaigns_import"))
        assert response.status_code in (302, 403)


@pytest.mark.django_db
class TestPreviewAndConfirm:
    def test_rows_are_written_audited_and_counted_after_confirmation(
        self, client, district_staff, district, commune, leaflets, sessions
    ):
        client.force_login(district_staff)
        content = xlsx_bytes(
            [
                row(quantity=200, place="Chợ Tân Hạnh"),
                row(
                    unit="26020", date="2024-07-02", indicator="sessions", quantity=3, attendees=90
                ),
                row(date=datetime.datetime(2024, 7, 31), quantity=5),
            ]
        )
        html, batch = preview(client, content)
        assert "3 dòng sẽ được ghi" in html
        assert "Chợ Tân Hạnh" in html
        assert not ActivityRecord.objects.exists()  # nothing before the confirmation

        done = confirm(client, batch)
        assert "Xong: đã ghi 3 dòng." in done
        records = ActivityRecord.objects.order_by("date")
        assert [r.quantity for r in records] == [3, 200, 5]
        assert {r.recorded_by for r in records} == {district_staff}
        entries = ReportingLogEntry.objects.filter(action="campaigns.record.create")
        assert entries.count() == 3
        assert {e.user for e in entries} == {district_staff}
        by_indicator = {
            r["indicator"].code: r
            for r in totals(
                ("indicator",),
                Filters(units=(district,), date_from=JULY, date_to=datetime.date(2024, 7, 31)),
            )
        }
        assert by_indicator["leaflets"]["quantity"] == 205
        assert by_indicator["sessions"]["attendees"] == 90

    def test_problems_are_named_by_row_and_column_in_vietnamese(
        self, client, district_staff, district, other_district, leaflets, sessions
    ):
        client.force_login(district_staff)
        content = xlsx_bytes(
            [
                row(indicator="posterz"),
                row(date="15/08/2024"),
                row(quantity=-4),
                row(quantity=2.5),
                row(unit="741"),
                row(unit="99999"),
                row(quantity="1.000"),
                row(indicator="sessions", quantity=2),
                row(quantity=None),
            ]
        )
        html, batch = preview(client, content)
        assert "9 vấn đề" in html
        expected = [
            (2, "Mã chỉ tiêu", "Không có chỉ tiêu nào mã “posterz”"),
            (3, "Ngày", "không thuộc tháng 07/2024"),
            (4, "Số lượng", "không được âm"),
            (5, "Số lượng", "“2.5” không phải số nguyên"),
            (6, "Mã đơn vị", "không phải Biên Hòa hay một đơn vị trực thuộc"),
            (7, "Mã đơn vị", "Không có đơn vị nào mã “99999”"),
            (8, "Số lượng", "“1.000” không phải số nguyên"),
            (9, "Lượt người tham dự", "Hãy nhập lượt người tham dự"),
            (10, "Số lượng", "Ô này đang trống"),
        ]
        problems = batch.summary["problems"]
        for number, column, words in expected:
            assert any(p[0] == number and p[1] == column and words in p[2] for p in problems), (
                number,
                column,
                words,
                problems,
            )
            assert words in html
        assert (
            "Nhập 9 dòng" not in html
            and "campaigns/import/" + str(batch.pk) + "/confirm" not in html
        )

    def test_one_bad_row_and_nothing_is_written(self, client, district_staff, district, leaflets):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row(), row(), row(quantity=0)]))
        assert batch.summary["problems"]
        done = confirm(client, batch)  # a forged confirmation
        assert "Không ghi dòng nào" in done
        assert not ActivityRecord.objects.exists()
        assert not ImportedRow.objects.exists()

    def test_formulas_stay_text_and_are_never_computed(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        hyperlink = '=HYPERLINK("http://example.com/x","bấm vào đây")'
        content = xlsx_bytes(
            [row(quantity=7, place=hyperlink), row(quantity=1)],
            formulas={"D3": ("=6*7", 42)},
        )
        _html, batch = preview(client, content)
        assert batch.summary["problems"] == [
            [3, "Số lượng", "“=6*7” là công thức; công thức không được tính. Hãy gõ con số."]
        ]
        content = xlsx_bytes([row(quantity=7, place=hyperlink)])
        _html, batch = preview(client, content)
        confirm(client, batch)
        assert ActivityRecord.objects.get().place == hyperlink

    def test_csv_with_semicolons_and_no_byte_order_mark(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        content = csv_bytes([row(quantity=12, place="Ấp 3; Xã Tân Hạnh")], delimiter=";", bom=False)
        _html, batch = preview(client, content, name="so-lieu.csv")
        assert batch.summary["rows"] == 1, batch.summary
        confirm(client, batch)
        assert ActivityRecord.objects.get().place == "Ấp 3; Xã Tân Hạnh"

    def test_unknown_columns_are_named_and_ignored(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        html, batch = preview(client, xlsx_bytes([[1, *row()]], header=["STT", *HEADER]))
        assert batch.summary["rows"] == 1
        assert "không thuộc mẫu và bị bỏ qua: STT" in html

    def test_a_campaign_and_a_material_by_name_or_number(
        self, client, coordinator, district, leaflets
    ):
        campaign = CampaignFactory(name="Tháng hành động 2024", units=[district])
        material = LeafletPageFactory(title="Cẩm nang nhận diện thủ đoạn")
        client.force_login(coordinator)
        content = xlsx_bytes(
            [
                row(campaign="tháng hành động 2024", material=material.pk),
                row(campaign=campaign.pk, material="Cẩm nang nhận diện thủ đoạn"),
                row(campaign="Chiến dịch khác"),
            ]
        )
        _html, batch = preview(client, content)
        assert batch.summary["problems"] == [
            [4, "Chiến dịch", "Không có chiến dịch nào tên “Chiến dịch khác”."]
        ]


@pytest.mark.django_db
class TestNoDoubleCounting:
    def test_the_same_file_twice_writes_nothing_the_second_time(
        self, client, district_staff, district, leaflets
    ):
        district_staff.first_name, district_staff.last_name = "Hà", "Lê Thu"
        district_staff.save()
        client.force_login(district_staff)
        content = xlsx_bytes([row(quantity=10), row(quantity=10), row(quantity=4)])
        _html, first = preview(client, content)
        confirm(client, first)
        html, second = preview(client, content)
        assert "Tệp này đã được nhập lúc" in html
        assert "do Lê Thu Hà nhập" in html
        assert "3 dòng đã được nhập trước đây" in html
        done = confirm(client, second)
        assert "Xong: đã ghi 0 dòng." in done
        assert ActivityRecord.objects.count() == 3  # the two identical rows stay two, once each

    def test_a_file_with_more_rows_writes_only_the_new_ones(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        _html, first = preview(client, xlsx_bytes([row(quantity=10), row(quantity=4)]))
        confirm(client, first)
        html, second = preview(
            client,
            csv_bytes([row(quantity=10), row(quantity=4), row(quantity=10)]),
            name="so-lieu.csv",
        )
        assert "2 dòng đã được nhập trước đây" in html
        assert "1 dòng sẽ được ghi" in html
        done = confirm(client, second)
        assert "Xong: đã ghi 1 dòng. 2 dòng đã được nhập trước đó và được bỏ qua." in " ".join(
            done.split()
        )
        assert sorted(ActivityRecord.objects.values_list("quantity", flat=True)) == [4, 10, 10]

    def test_confirming_twice_writes_once(self, client, district_staff, district, leaflets):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row()]))
        confirm(client, batch)
        assert "đã được nhập lúc" in confirm(client, batch)
        assert ActivityRecord.objects.count() == 1


@pytest.mark.django_db
class TestInterrupted:
    """The write stops half-way (the database restarts, the connection drops): the transaction is
    rolled back, and the progress page must say so rather than stop at "500 / 600"."""

    @pytest.mark.parametrize(
        "error",
        [
            OperationalError("server closed the connection unexpectedly"),
            InterfaceError("connection already closed"),
            RuntimeError("anything else"),
        ],
        ids=["operational", "interface", "other"],
    )
    def test_nothing_is_written_the_page_says_so_and_confirming_again_works(
        self, client, district_staff, district, leaflets, monkeypatch, error
    ):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row(quantity=n + 1) for n in range(600)]))
        save, saves = ActivityRecord.save, itertools.count(1)

        def save_until_row_520(record, *args, **kwargs):
            if next(saves) == 520:
                raise error
            return save(record, *args, **kwargs)

        monkeypatch.setattr(ActivityRecord, "save", save_until_row_520)
        done = " ".join(confirm(client, batch).split())
        said = "Việc nhập bị dừng giữa chừng nên đã được hủy toàn bộ: không ghi dòng nào"
        assert done.index("500 / 600 dòng đã ghi") < done.index(said)
        assert "Xong" not in done
        assert not ActivityRecord.objects.exists()
        assert not ImportedRow.objects.exists()
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.CHECKED and batch.content
        # The outcome offers to confirm again, with its own form.
        assert f'action="{reverse("campaigns_import_confirm", args=[batch.pk])}"' in done
        assert 'name="csrfmiddlewaretoken"' in done

        monkeypatch.undo()
        assert "Xong: đã ghi 600 dòng." in " ".join(confirm(client, batch).split())
        assert ActivityRecord.objects.count() == 600
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.IMPORTED

    def test_a_refused_file_still_says_see_the_problems(
        self, client, district_staff, coordinator, district, leaflets
    ):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row()]))
        act(district_staff, district, JULY, "submit")
        act(coordinator, district, JULY, "approve")
        done = confirm(client, batch)
        assert "Không ghi dòng nào" in done and "Xác nhận lại tệp" not in done


@pytest.mark.django_db
class TestLocking:
    def test_an_approved_month_is_refused_and_says_who_can_reopen_it(
        self, client, district_staff, coordinator, district, leaflets
    ):
        act(district_staff, district, JULY, "submit")
        act(coordinator, district, JULY, "approve")
        client.force_login(district_staff)
        html, batch = preview(client, xlsx_bytes([row(), row()]))
        [problem] = batch.summary["problems"]
        assert problem[1] == "Ngày"
        assert "đã được duyệt" in problem[2] and "điều phối viên cấp tỉnh" in problem[2]
        assert "đã được duyệt" in html
        assert not ActivityRecord.objects.exists()

    def test_a_month_approved_after_the_preview_is_refused_at_confirmation(
        self, client, district_staff, coordinator, district, leaflets
    ):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row(), row(quantity=3)]))
        assert not batch.summary["problems"]
        act(district_staff, district, JULY, "submit")
        act(coordinator, district, JULY, "approve")
        done = confirm(client, batch)
        assert "Không ghi dòng nào" in done
        assert not ActivityRecord.objects.exists()
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.CHECKED

    def test_a_month_approved_between_the_check_and_the_write_is_refused(
        self, district_staff, coordinator, district, leaflets, monkeypatch
    ):
        """The approval lands after the re-check read the month as open: the locks the write
        holds still refuse it."""
        batch = upload(district_staff, district, JULY, "a.xlsx", xlsx_bytes([row()]))
        act(district_staff, district, JULY, "submit")
        act(coordinator, district, JULY, "approve")
        monkeypatch.setattr(
            "campaigns.importing.checking.lock_reasons", lambda ids, first: dict.fromkeys(ids)
        )
        with pytest.raises(ImportFailed, match=r"đã được duyệt.*Không ghi dòng nào"):
            write_all(batch, district_staff)
        assert not ActivityRecord.objects.exists()


@pytest.mark.django_db
class TestIsolation:
    def test_the_screen_offers_their_units_only_and_is_linked_from_the_month(
        self, client, district_staff, district, other_district, leaflets
    ):
        client.force_login(district_staff)
        html = client.get(reverse("campaigns_import"), {"unit": "731", "month": "2024-07"})
        html = html.content.decode()
        assert "1. Tải tệp mẫu" in html and "2. Tải lên tệp đã điền" in html
        assert 'value="731"' in html and 'value="741"' not in html
        month = client.get(reverse("campaigns_reporting_period", args=["731", "2024-07"]))
        assert f"{reverse('campaigns_import')}?unit=731&amp;month=2024-07" in month.content.decode()

    def test_another_district_in_the_form_field_is_refused(
        self, client, district_staff, other_district, leaflets
    ):
        client.force_login(district_staff)
        response = post_file(client, xlsx_bytes([row(unit="741")]), unit="741")
        assert response.status_code == 200
        assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
        assert not ImportBatch.objects.exists()

    def test_another_district_in_the_unit_column_is_a_problem(
        self, client, district_staff, district, other_district, leaflets
    ):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row(), row(unit="741")]))
        assert [p[:2] for p in batch.summary["problems"]] == [[3, "Mã đơn vị"]]
        confirm(client, batch)
        assert not ActivityRecord.objects.exists()

    def test_another_users_batch_is_not_found(
        self, client, district_staff, make_staff, district, leaflets
    ):
        batch = upload(district_staff, district, JULY, "a.xlsx", xlsx_bytes([row()]))
        colleague = make_staff("district", [district], username="canbo.khac")
        client.force_login(colleague)
        assert client.get(reverse("campaigns_import_batch", args=[batch.pk])).status_code == 404
        response = client.post(reverse("campaigns_import_confirm", args=[batch.pk]))
        assert response.status_code == 404
        assert not ActivityRecord.objects.exists()


def _zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    return out.getvalue()


def _word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


@pytest.mark.django_db
class TestHostileFiles:
    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("bao-cao.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "Đây là tài liệu PDF"),
            ("so-lieu.xlsx", _zip_bomb(), "giải nén ra lớn hơn nhiều"),
            ("so-lieu.xlsx", _word_document(), "không phải sổ tính Excel"),
            ("so-lieu.xlsx", b"PK\x03\x04" + b"\x00" * 200, "không phải sổ tính Excel"),
            ("so-lieu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "Excel cũ"),
            ("so-lieu.xlsx", b"\x00\x01\x02\xff\xfe" * 40, "được đặt tên .xlsx"),
            ("so-lieu.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "không phải tệp CSV mã UTF-8"),
            ("so-lieu.csv", "Đơn,Ghi chú\n731,ơ\n".encode("cp1258"), "CSV UTF-8"),
            ("so-lieu.csv", b"a,b,c\n1,2,3\n", "thiếu các cột"),
            ("so-lieu.xlsx", xlsx_bytes([], header=["Tên", "Số"]), "thiếu các cột"),
            ("so-lieu.xlsx", xlsx_bytes([]), "không có dòng số liệu"),
            ("so-lieu.csv", b"\xef\xbb\xbf" + ",".join(HEADER).encode() * 2, "xuất hiện hai lần"),
        ],
    )
    def test_a_clear_vietnamese_error_and_nothing_written(
        self, client, district_staff, district, leaflets, name, content, message
    ):
        client.force_login(district_staff)
        html, batch = preview(client, content, name=name)
        [problem] = batch.summary["problems"]
        assert problem[0] is None and message in problem[2], problem
        assert message in html
        assert reverse("campaigns_import_confirm", args=[batch.pk]) not in html
        assert not ActivityRecord.objects.exists()

    def test_an_empty_file_is_refused_in_the_form(self, client, district_staff, district):
        client.force_login(district_staff)
        response = post_file(client, b"", name="so-lieu.csv")
        assert "Tập tin được gửi là rỗng" in response.content.decode()
        assert not ImportBatch.objects.exists()

    @override_settings(IMPORT_MAX_BYTES=2000)
    def test_a_file_over_the_size_limit_is_refused_in_the_form(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        response = post_file(client, xlsx_bytes([row()] * 50))
        assert response.status_code == 200
        assert "Tệp lớn hơn" in response.content.decode()
        assert not ImportBatch.objects.exists()

    @override_settings(IMPORT_MAX_ROWS=3)
    def test_a_file_over_the_row_limit_is_refused(self, client, district_staff, district, leaflets):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row()] * 4))
        assert "nhiều hơn 3 dòng" in batch.summary["problems"][0][2]
        _html, batch = preview(client, xlsx_bytes([row()] * 3 + [[None] * 10] * 20))
        assert batch.summary["rows"] == 3  # blank rows do not count


@pytest.mark.django_db
class TestQueriesAndProgress:
    def test_upload_and_preview_cost_the_same_for_ten_rows_as_for_five_hundred(
        self, client, district_staff, district, commune, leaflets, django_assert_max_num_queries
    ):
        client.force_login(district_staff)
        for count in (10, 500):
            rows = [row(unit=("731", "26020")[n % 2], quantity=n + 1) for n in range(count)]
            with django_assert_max_num_queries(30):
                response = post_file(client, xlsx_bytes(rows))
            with django_assert_max_num_queries(15):
                client.get(response["Location"])

    def test_confirmation_costs_a_few_queries_per_row(
        self, client, district_staff, district, leaflets, django_assert_max_num_queries
    ):
        client.force_login(district_staff)
        _html, batch = preview(client, xlsx_bytes([row(quantity=n + 1) for n in range(300)]))
        # Each row: a savepoint, the record, its log entry, Wagtail's reference index (three).
        with django_assert_max_num_queries(40 + 300 * 10):
            done = confirm(client, batch)
        # Progress is streamed as the rows are written, then the outcome.
        assert done.index("250 / 300 dòng đã ghi") < done.index("Xong: đã ghi 300 dòng.")
        assert ActivityRecord.objects.count() == 300
