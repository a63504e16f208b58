"""No 500 on any input (issue 16): NUL characters, lone surrogates, huge numbers, years nobody
reports, non-strings in JSON and over-long text get a 4xx with a Vietnamese message (JSON in DRF's
error shape from the API), and nothing junk is stored."""

import datetime
import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from campaigns.importing.models import ImportBatch
from campaigns.models import ActivityRecord
from campaigns.months import FIRST_YEAR, last_year
from campaigns.periods.models import ReportingPeriod
from campaigns.reporting.review import act
from core.input_checks import unstorable
from tests.campaigns.spreadsheets import row, xlsx_bytes
from tests.factories import (
    ArticlePageFactory,
    AudienceFactory,
    CampaignFactory,
    IndicatorFactory,
    ResultsPageFactory,
)

pytestmark = pytest.mark.django_db

BIG = "9" * 20
UNSTORABLE = "Yêu cầu có một ký tự không thể lưu trong văn bản"
YEARS = f"từ {FIRST_YEAR} đến {last_year()}"
MONTH = "Hãy ghi tháng theo dạng YYYY-MM"
JULY = datetime.date(2024, 7, 1)


@pytest.fixture
def world(district, news_index, site_settings):
    """A district with a leaflet indicator (returned) and an article tagged for the district."""
    leaflets = IndicatorFactory(code="leaflets", name="Tờ rơi phát ra", unit_label="tờ")
    ArticlePageFactory(
        parent=news_index,
        audiences=[AudienceFactory(slug="hoc-sinh")],
        districts=[district],
        keywords=["lừa đảo"],
    )
    return leaflets


def answer(client, url, method="get", **kwargs):
    """The response, with a server error as a 500 (as a browser would see it), never raised."""
    client.raise_request_exception = False
    cache.clear()  # the rate limits are tested elsewhere: here every request reaches its view
    return getattr(client, method)(url, **kwargs)


def api_errors(response):
    """DRF's error shape: a JSON object of lists of messages per field, or one "detail"."""
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert isinstance(body, dict) and body
    return " ".join(
        " ".join(value) if isinstance(value, list) else value for value in body.values()
    )


@pytest.mark.parametrize(
    "url, status, says",
    [
        ("/api/v1/totals/?unit=%00", 400, UNSTORABLE),
        ("/api/v1/totals/?indicator=%00", 400, UNSTORABLE),
        ("/api/v1/totals/?group_by=unit&level=%00", 400, UNSTORABLE),
        ("/api/v1/units/?page=%00", 400, UNSTORABLE),
        (f"/api/v1/totals/?campaign={BIG}", 400, "không có đối tượng này"),
        ("/api/v1/totals/?year=9999", 400, YEARS),
        ("/api/v1/totals/?year=1", 400, YEARS),
        (f"/api/v1/totals/?year={BIG}", 400, YEARS),
    ],
)
def test_the_public_api_answers_json_400(client, world, url, status, says):
    response = answer(client, url)
    assert response.status_code == status
    assert says in api_errors(response)


@pytest.mark.parametrize(
    "url, status, says",
    [
        ("/dia-ban/%00/", 400, UNSTORABLE),
        ("/tin-tuc/?district=%00", 400, UNSTORABLE),
        ("/tin-tuc/?keyword=lua-dao%00", 400, UNSTORABLE),
        ("/tim-kiem/?q=%00", 400, UNSTORABLE),
        ("/feeds/articles.rss?keyword=%00", 400, UNSTORABLE),
        ("/download/1/%00/", 400, UNSTORABLE),
        ("/documents/1/a%00.pdf", 400, UNSTORABLE),
        ("/en/news/?page=%00", 400, "The request holds a character that text cannot contain"),
        (f"/download/{BIG}/pdf/", 404, "Không tìm thấy trang"),
        (f"/dia-ban/{BIG}/", 404, "Không tìm thấy trang"),
        ("/ket-qua/?year=9999", 400, ""),
    ],
)
def test_public_pages_answer_4xx_with_the_hotline(client, world, home_page, url, status, says):
    if url.startswith("/ket-qua/"):
        ResultsPageFactory(parent=home_page)
    response = answer(client, url)
    assert response.status_code == status
    text = response.content.decode()
    assert says in text
    assert "tel:111" in text, "the hotline stays on the page"


@pytest.mark.parametrize(
    "url, status, says",
    [
        (
            "/admin/campaigns/report/?period_kind=range&date_from=9999-01-01&date_to=9999-12-31",
            400,
            YEARS,
        ),
        (
            "/admin/campaigns/report/xlsx/?period_kind=range&date_from=0001-01-01&date_to=0001-02-01",
            400,
            YEARS,
        ),
        ("/admin/campaigns/report/?year=9999", 400, YEARS),
        ("/admin/campaigns/report/9999/", 404, ""),
        ("/admin/campaigns/report/1999/xlsx/", 404, ""),
        (f"/admin/campaigns/report/{BIG}/", 404, ""),
        (f"/admin/campaigns/my-totals/?year={BIG}", 400, YEARS),
        ("/admin/campaigns/my-totals/?year=9999&month=12", 400, YEARS),
        ("/admin/campaigns/my-totals/?month=13", 400, "Hãy chọn một lựa chọn hợp lệ"),
        ("/admin/campaigns/reports/?year=1", 400, YEARS),
        ("/admin/campaigns/reports/731/0001-01/", 404, ""),
        ("/admin/campaigns/reports/731/9999-12/", 404, ""),
        ("/admin/campaigns/reports/%00/2024-07/", 400, UNSTORABLE),
        (f"/admin/campaigns/audit-log/?user={BIG}", 400, "Hãy chọn một lựa chọn hợp lệ"),
        (f"/admin/campaigns/audit-log/?export=csv&user={BIG}", 400, "Hãy chọn một lựa chọn hợp lệ"),
        ("/admin/campaigns/audit-log/?month=0001-01", 400, MONTH),
        ("/admin/campaigns/audit-log/?unit=%00", 400, UNSTORABLE),
        ("/admin/campaigns/import/?unit=731&month=%00", 400, UNSTORABLE),
        ("/admin/snippets/taxonomy/administrativeunit/?q=%00", 400, UNSTORABLE),
        ("/api/v1/periods/?unit=731&year=9999", 400, YEARS),
        ("/api/v1/periods/?unit=%00&year=2024", 400, UNSTORABLE),
        ("/api/v1/records/?unit=%00", 400, UNSTORABLE),
        (f"/api/v1/records/{BIG}/", 404, ""),
    ],
)
def test_staff_screens_and_the_api_answer_4xx(client, world, coordinator, url, status, says):
    client.force_login(coordinator)
    response = answer(client, url)
    assert response.status_code == status
    text = api_errors(response) if url.startswith("/api/") else response.content.decode()
    assert says in text


@pytest.mark.parametrize(
    "body, says",
    [
        ("[" * 5000 + "]" * 5000, "Dữ liệu JSON lồng nhau quá nhiều tầng."),
        ("[" * 900 + '"\\u0000"' + "]" * 900, UNSTORABLE),
        (json.dumps({"note": "x" * 3_000_000}), "Yêu cầu lớn hơn mức trang web chấp nhận."),
    ],
    ids=["nested-5000-deep", "nul-900-deep", "over-2.5-mb"],
)
def test_json_no_view_can_read_is_refused_at_the_door(client, world, district_staff, body, says):
    client.force_login(district_staff)
    response = answer(
        client, "/api/v1/records/", "post", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert says in api_errors(response)


class TestNothingJunkIsStored:
    @pytest.mark.parametrize("month", ["0001-07", "1999-12", "9999-07", f"{last_year() + 1}-01"])
    def test_no_period_outside_the_known_years(self, client, world, district_staff, month):
        client.force_login(district_staff)
        response = answer(client, f"/api/v1/periods/731/{month}/submit", "post")
        assert response.status_code == 400
        assert MONTH in api_errors(response)
        screen = answer(client, f"/admin/campaigns/reports/731/{month}/submit/", "post")
        assert screen.status_code == 404
        assert not ReportingPeriod.objects.exists()

    @pytest.mark.parametrize(
        "body",
        [
            {"comment": 5},
            {"comment": 2.5},
            {"comment": []},
            {"comment": {"a": "b"}},
            {"comment": "x" * 2001},
            {"comment": "Sửa\u0000lại"},
            {"comment": "Sửa\ud800lại"},
            {"comment": None},
        ],
        ids=["number", "float", "list", "object", "too-long", "nul", "surrogate", "null"],
    )
    def test_a_comment_must_be_text_of_a_few_sentences(
        self, client, world, district, district_staff, coordinator, body
    ):
        act(district_staff, district, JULY, "submit")
        client.force_login(coordinator)
        response = answer(
            client,
            "/api/v1/periods/731/2024-07/return",
            "post",
            data=json.dumps(body),
            content_type="application/json",
        )
        assert response.status_code == 400
        assert api_errors(response)
        assert ReportingPeriod.objects.get().status == ReportingPeriod.Status.SUBMITTED

    def test_a_too_long_comment_is_refused_on_the_screen_too(
        self, client, world, district, district_staff, coordinator
    ):
        act(district_staff, district, JULY, "submit")
        client.force_login(coordinator)
        response = client.post(
            "/admin/campaigns/reports/731/2024-07/return/", {"comment": "x" * 2001}, follow=True
        )
        assert "Nhận xét chỉ được dài tối đa 2000 ký tự." in response.content.decode()
        assert ReportingPeriod.objects.get().status == ReportingPeriod.Status.SUBMITTED

    @pytest.mark.parametrize("date", ["0001-01-01", "1999-12-31"])
    def test_no_record_dated_before_the_known_years(self, client, world, district_staff, date):
        client.force_login(district_staff)
        response = answer(
            client,
            "/api/v1/records/",
            "post",
            data=json.dumps({**RECORD, "date": date}),
            content_type="application/json",
        )
        assert response.status_code == 400
        assert YEARS in " ".join(response.json()["date"])
        assert not ActivityRecord.objects.exists()

    def test_no_campaign_running_to_year_9999(self, world):
        campaign = CampaignFactory.build(end_date=datetime.date(9999, 12, 31))
        with pytest.raises(ValidationError) as refused:
            campaign.full_clean()
        assert YEARS in " ".join(refused.value.message_dict["end_date"])

    def test_no_import_for_a_month_outside_the_known_years(self, client, world, district_staff):
        client.force_login(district_staff)
        response = client.post(
            reverse("campaigns_import"),
            {"unit": "731", "month": "0001-07", "file": xlsx_upload()},
        )
        assert response.status_code == 200
        assert MONTH in response.content.decode()
        assert not ImportBatch.objects.exists()


def xlsx_upload():
    return SimpleUploadedFile("so-lieu.xlsx", xlsx_bytes([row()]))


# Any JSON value: text with NULs and lone surrogates among ordinary letters, huge numbers,
# floats, lists and objects.
json_text = st.text(
    st.characters(codec="utf-8") | st.sampled_from(["\x00", "\ud800", "\udfff"]), max_size=40
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | json_text
    | st.sampled_from(["731", "leaflets", "2024-07-30", "x" * 10_000]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(json_text, children, max_size=3)
    ),
    max_leaves=6,
)
RECORD = {"unit": "731", "date": "2024-07-30", "indicator": "leaflets", "quantity": 300}
RECORD_FIELDS = [*RECORD, "attendees", "minutes", "campaign", "material", "place", "note"]


def fuzz(**strategies):
    """Hypothesis inside a test that uses fixtures: every example runs in the test's transaction."""
    return lambda check: hypothesis_settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(given(**strategies)(check))


def post_json(client, url, body, method="post"):
    cache.clear()  # the API's rate limit is tested elsewhere
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_any_json_in_any_record_field_is_written_or_refused_in_drf_shape(
    world, district, district_staff
):
    client = Client(raise_request_exception=False)
    client.force_login(district_staff)
    record = ActivityRecord.objects.create(
        unit=district, indicator=world, date=datetime.date(2024, 7, 30), quantity=1
    )

    @fuzz(field=st.sampled_from(RECORD_FIELDS), value=json_values, patch=st.booleans())
    def check(field, value, patch):
        if patch:
            response = post_json(client, f"/api/v1/records/{record.pk}/", {field: value}, "patch")
        else:
            response = post_json(client, "/api/v1/records/", {**RECORD, field: value})
        assert response.status_code in {200, 201, 400}, response.content[:300]
        if response.status_code == 400:
            assert api_errors(response)
        texts = ActivityRecord.objects.values_list("place", "note")
        assert not any(unstorable(list(pair)) for pair in texts)

    check()


def test_any_json_as_a_review_comment_is_taken_or_refused_in_drf_shape(
    world, district, district_staff, coordinator
):
    act(district_staff, district, JULY, "submit")
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)

    @fuzz(action=st.sampled_from(["return", "reopen", "approve"]), comment=json_values)
    def check(action, comment):
        response = post_json(client, f"/api/v1/periods/731/2024-07/{action}", {"comment": comment})
        assert response.status_code in {200, 400}, response.content[:300]
        if response.status_code == 400:
            assert api_errors(response)
        period = ReportingPeriod.objects.get()
        assert not unstorable([period.comment, period.reopen_reason])
        assert len(period.comment) <= 2000 and len(period.reopen_reason) <= 2000

    check()
