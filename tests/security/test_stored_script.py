"""Stored script: payloads typed into every text field editors, moderators, coordinators and
district staff can fill come out inert on every page, admin screen, feed, export and API answer.

The payloads go in as each role's form would store them (rich text through Wagtail's Draftail
converter, the path every admin save takes; plain fields as typed), once for the class. Each
output is parsed, not searched: HTML with html.parser (no script element, event-handler
attribute or javascript: URL from a payload; JSON-LD and JSON data blocks still parse, so
`</script>` did not break out), feeds and the sitemap as XML (the HTML inside a feed's
descriptions checked again as HTML), JSON as JSON, CSV and XLSX as cells.

Spreadsheet imports: payloads in every column of an uploaded file, and in its name, are inert on
the preview (its sample rows and its named problems), the confirmation and the import list.
Embeds: the site has none (videos are plain links, see news/blocks.py). SVG and HTML uploads are
refused before anything is stored (test_uploads). Usernames cannot hold a payload (Django allows
letters, digits and @.+-_), so full names carry it instead.
"""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Collection, Site

from accounts.roles import Role
from accounts.staff import save_staff_account
from campaigns.importing.models import ImportBatch
from campaigns.reporting.review import act
from core.models import SiteSettings
from home.models import HomePage
from news.blocks import RICH_TEXT_FEATURES
from news.models import ArticlePage, ProgrammeContact
from tests.campaigns.spreadsheets import row, xlsx_bytes
from tests.factories import (
    ActivityRecordFactory,
    ArticlePageFactory,
    AudienceFactory,
    CampaignFactory,
    CampaignTargetFactory,
    DistrictFactory,
    DocumentFactory,
    HelpPageFactory,
    ImageFactory,
    IndicatorFactory,
    LeafletPageFactory,
    MaterialsIndexPageFactory,
    NewsIndexPageFactory,
    PosterPageFactory,
    ResultsPageFactory,
)

SCRIPT = "<script>alert(1)</script>"
EVIL = f'{SCRIPT}"><svg onload=alert(1)><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


def rich_text(text):
    """`text` with a javascript: link, as Wagtail stores what the Draftail editor posts."""
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": f"{text} liên kết",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": len(text) + 1, "length": 9, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": JS_URL}}},
    }
    return ContentstateConverter(RICH_TEXT_FEATURES).to_database_format(json.dumps(contentstate))


def article_body(image, material):
    return [
        {"type": "paragraph", "value": rich_text(EVIL)},
        {"type": "image", "value": {"image": image.pk, "caption": EVIL}},
        {"type": "quote", "value": {"quote": EVIL, "attribution": EVIL[:120]}},
        {
            "type": "video",
            "value": {"url": "https://www.youtube.com/watch?v=x", "title": EVIL, "duration": "3"},
        },
        {"type": "warning_signs", "value": {"heading": EVIL[:120], "signs": [EVIL]}},
        {"type": "hotline", "value": {"text": EVIL}},
        {"type": "material", "value": {"material": material.pk, "text": EVIL}},
    ]


def build_world():
    """Every text field a role can fill, holding a payload."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = EVIL
    site_settings.contact_address = EVIL
    site_settings.footer_text = EVIL
    site_settings.hotlines = [("hotline", {"label": EVIL, "number": "111", "hours": EVIL})]
    site_settings.save()

    province = DistrictFactory(code="75", name="Đồng Nai", parent=None, level=1)
    unit = DistrictFactory(code="731", name=EVIL, designation=SCRIPT[:20], parent=province)
    ProgrammeContact.objects.create(unit=unit, office=EVIL, address=EVIL, phone="0251", hours=EVIL)
    audience = AudienceFactory(name=EVIL, name_en=EVIL)
    indicator = IndicatorFactory(
        code="leaflets", name=EVIL, name_en=EVIL, unit_label=SCRIPT[:40], unit_label_en="x"
    )
    campaign = CampaignFactory(name=EVIL, description=EVIL, units=[unit])
    CampaignTargetFactory(campaign=campaign, indicator=indicator, quantity=500)
    staff, _ = save_staff_account(
        "canbo", Role.LOCAL, [unit], password="x", first_name=EVIL, last_name=EVIL
    )
    coordinator, _ = save_staff_account(
        "dieuphoi", Role.COORDINATOR, password="x", first_name=EVIL, last_name=EVIL
    )
    editor, _ = save_staff_account("bientap", Role.EDITOR, password="x", first_name=EVIL)

    home = HomePage.objects.get()
    news = NewsIndexPageFactory(parent=home, title=EVIL, search_description=EVIL)
    materials = MaterialsIndexPageFactory(parent=home, title=EVIL, search_description=EVIL)
    library = Collection.get_first_root_node()  # where editors may upload and edit
    image = ImageFactory(title=EVIL, description=EVIL, collection=library)
    poster = PosterPageFactory(
        parent=materials, title=EVIL, slug="ap-phich", standfirst=EVIL, image=image, image_alt=EVIL
    )
    leaflet = LeafletPageFactory(
        parent=materials,
        title=EVIL,
        slug="to-roi",
        standfirst=EVIL,
        document=DocumentFactory(title=EVIL, collection=library),
        body=json.dumps([{"type": "paragraph", "value": rich_text(EVIL)}]),
    )
    article = ArticlePageFactory(
        parent=news,
        title=EVIL,
        slug="bai-viet",
        standfirst=EVIL,
        search_description=EVIL,
        listing_summary=EVIL[:100],
        image=image,
        image_alt=EVIL,
        image_caption=EVIL,
        body=json.dumps(article_body(image, poster)),
        audiences=[audience],
        districts=[unit],
        keywords=[SCRIPT, "javascript:alert(1)"],
    )
    body = ArticlePage._meta.get_field("body").stream_block
    body.clean(body.to_python(article_body(image, poster)))  # the admin would store it
    help_page = HelpPageFactory(
        parent=home,
        introduction=EVIL,
        support=json.dumps(
            [{"type": "item", "value": {"title": EVIL[:120], "text": rich_text(EVIL)}}]
        ),
    )
    results = ResultsPageFactory(parent=home, introduction=EVIL)
    for page in (news, materials, poster, leaflet, article, help_page, results):
        page.save_revision(user=editor).publish()

    record = ActivityRecordFactory(
        unit=unit,
        indicator=indicator,
        campaign=campaign,
        date=datetime.date(2024, 7, 30),
        quantity=300,
        place=EVIL,
        note=EVIL,
        recorded_by=staff,
    )
    act(staff, unit, datetime.date(2024, 7, 1), "submit")
    act(coordinator, unit, datetime.date(2024, 7, 1), "return", EVIL)
    return {
        "unit": unit,
        "campaign": campaign,
        "record": record,
        "audience": audience,
        "news": news,
        "materials": materials,
        "article": article,
        "poster": poster,
        "leaflet": leaflet,
        "help": help_page,
        "results": results,
        "editor": editor,
    }


def payload_values(tag):
    """Attribute values of `tag` as strings (class and the like are lists in BeautifulSoup)."""
    for name, value in tag.attrs.items():
        yield name.lower(), " ".join(value) if isinstance(value, list) else value


def script_problems(html, where):
    """What in `html` would run: a script element, handler or javascript: URL from a payload."""
    problems = []
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for name, value in payload_values(tag):
            if name.startswith("on") and "alert(" in value:
                problems.append(f"{where}: <{tag.name} {name}=…> handler")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                problems.append(f"{where}: <{tag.name} {name}={value!r}>")
        if tag.name == "script":
            text = tag.string or ""
            if tag.get("type") in ("application/ld+json", "application/json"):
                try:
                    json.loads(text)
                except ValueError:
                    problems.append(f"{where}: a JSON <script> block broken out of")
            elif "alert(" in text:
                problems.append(f"{where}: <script> with a payload")
    return problems


def shown(html):
    """Whether the payload reached the output, as text or inside an attribute."""
    soup = BeautifulSoup(html, "html.parser")
    return "alert(1)" in soup.get_text() or any(
        "alert(1)" in value for tag in soup.find_all(True) for _, value in payload_values(tag)
    )


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def stored(world, db):
    return world


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


PUBLIC = [
    "/",
    "{article}",
    "{poster}",
    "{leaflet}",
    "{news}",
    "{materials}",
    "{help}",
    "{results}",
    "{results}?campaign={campaign}",
    "/danh-cho/{audience_slug}/",
    "/dia-ban/731/",
    "/tim-kiem/?q=alert",
    "/tim-kiem/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",  # reflected, as well as stored
    "/an-toan-khi-truy-cap/",
    "/en/",
]
ADMIN = [
    ("dieuphoi", "/admin/"),
    ("dieuphoi", "/admin/activity_records/"),
    ("dieuphoi", "/admin/activity_records/?q=alert"),
    ("dieuphoi", "/admin/activity_records/edit/{record}/"),
    ("dieuphoi", "/admin/activity_records/history/{record}/"),
    ("dieuphoi", "/admin/campaigns/my-totals/?year=2024&month=7"),
    ("dieuphoi", "/admin/campaigns/report/?year=2024"),
    ("dieuphoi", "/admin/campaigns/report/?period_kind=campaign&campaign={campaign}"),
    ("dieuphoi", "/admin/campaigns/report/2024/"),
    ("dieuphoi", "/admin/campaigns/reports/?year=2024"),
    ("dieuphoi", "/admin/campaigns/reports/731/2024-07/"),
    ("dieuphoi", "/admin/campaigns/audit-log/"),
    ("dieuphoi", "/admin/snippets/campaigns/campaign/"),
    ("dieuphoi", "/admin/snippets/campaigns/campaign/edit/{campaign}/"),
    ("dieuphoi", "/admin/snippets/campaigns/indicator/"),
    ("dieuphoi", "/admin/snippets/taxonomy/administrativeunit/"),
    ("canbo", "/admin/activity_records/"),
    ("canbo", "/admin/activity_records/new/"),
    ("canbo", "/admin/campaigns/my-totals/?year=2024&month=7"),
    ("canbo", "/admin/campaigns/reports/731/2024-07/"),
    ("bientap", "/admin/pages/{news_id}/"),
    ("bientap", "/admin/pages/{article_id}/edit/"),
    ("bientap", "/admin/pages/search/?q=alert"),
    ("bientap", "/admin/images/"),
    ("bientap", "/admin/images/{image_id}/"),
    ("bientap", "/admin/documents/"),
    ("bientap", "/admin/documents/edit/{document_id}/"),
]


@pytest.mark.usefixtures("stored")
class TestPayloadsComeOutInert:
    @pytest.fixture
    def urls(self, stored):
        return {
            **{name: stored[name].url for name in ("article", "poster", "leaflet", "news")},
            **{name: stored[name].url for name in ("materials", "help", "results")},
            "campaign": stored["campaign"].pk,
            "record": stored["record"].pk,
            "audience_slug": stored["audience"].slug,
            "news_id": stored["news"].pk,
            "article_id": stored["article"].pk,
            "image_id": stored["poster"].image_id,
            "document_id": stored["leaflet"].document_id,
        }

    @pytest.mark.parametrize("url", PUBLIC)
    def test_public_pages(self, client, urls, url):
        response = client.get(url.format(**urls))
        assert response.status_code == 200
        html = response.content.decode()
        assert script_problems(html, url) == []
        assert shown(html)

    @pytest.mark.parametrize("user,url", ADMIN)
    def test_admin_screens(self, client, urls, user, url):
        response = signed_in(client, user).get(url.format(**urls))
        assert response.status_code == 200
        html = response.content.decode()
        assert script_problems(html, url) == []
        assert shown(html)

    def test_structured_data_and_open_graph(self, client, urls):
        html = client.get(urls["article"]).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        block = soup.find("script", type="application/ld+json")
        assert "</script" not in block.string.lower()
        assert json.loads(block.string)["headline"] == EVIL
        assert soup.find("meta", property="og:title")["content"] == EVIL

    @pytest.mark.parametrize("url", ["/feeds/articles.rss", "/feeds/articles.atom"])
    def test_feeds(self, client, url):
        feed = ET.fromstring(client.get(url).content)
        texts = {element.tag.rsplit("}", 1)[-1]: element.text or "" for element in feed.iter()}
        assert EVIL in texts["title"]  # plain text by the feed formats' rules
        # Descriptions and summaries are HTML to a feed reader: the payload must be text there.
        for element in feed.iter():
            if element.tag.rsplit("}", 1)[-1] in ("description", "summary") and element.text:
                assert script_problems(element.text, url) == []
                if "alert(1)" in element.text:
                    assert "alert(1)" in BeautifulSoup(element.text, "html.parser").get_text()
                    assert SCRIPT not in element.text

    def test_sitemap(self, client):
        sitemap = ET.fromstring(client.get("/sitemap.xml").content)
        locations = [e.text for e in sitemap.iter() if e.tag.endswith("loc")]
        assert locations
        assert not [loc for loc in locations if "<" in loc or "javascript:" in loc]

    @pytest.mark.parametrize(
        "url",
        [
            "/api/v1/records/",
            "/api/v1/units/",
            "/api/v1/indicators/",
            "/api/v1/campaigns/",
            "/api/v1/periods/?unit=731&year=2024",
            "/api/v1/totals/?group_by=unit,indicator,campaign&year=2024",  # codes and ids only
        ],
    )
    def test_api(self, client, url):
        response = signed_in(client, "canbo").get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        strings = list(json_strings(response.json()))  # parsed: the payload is a string value
        assert any("alert(1)" in s for s in strings) == ("totals" not in url)

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/campaigns/report/csv/?year=2024",
            "/admin/campaigns/audit-log/?export=csv",
            "/admin/activity_records/?export=csv",
        ],
    )
    def test_csv_exports(self, client, url):
        response = signed_in(client, "dieuphoi").get(url)
        assert response["Content-Disposition"].startswith("attachment")
        cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
                 for cell in row]  # fmt: skip
        assert any(EVIL in cell for cell in cells)

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/campaigns/report/xlsx/?year=2024",
            "/admin/campaigns/report/2024/xlsx/",
            "/admin/campaigns/audit-log/?export=xlsx",
            "/admin/activity_records/?export=xlsx",
        ],
    )
    def test_xlsx_exports(self, client, url):
        response = signed_in(client, "dieuphoi").get(url)
        assert response["Content-Disposition"].startswith("attachment")
        workbook = load_workbook(io.BytesIO(response.content))
        cells = [
            cell
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        with_payload = [cell for cell in cells if "alert(1)" in str(cell.value)]
        assert with_payload
        assert all(cell.data_type == "s" for cell in with_payload)


def test_a_javascript_video_url_is_refused_at_input(db):
    body = ArticlePage._meta.get_field("body").stream_block
    value = body.to_python([{"type": "video", "value": {"url": JS_URL, "title": "x"}}])
    with pytest.raises(ValidationError):
        body.clean(value)


@pytest.mark.django_db
def test_spreadsheet_import_payloads_come_out_inert(client, district_staff, district):
    """A valid row carries payloads in its place and note (written), a bad one in every column
    (named as problems with the value in the message), and the file name carries one too."""
    IndicatorFactory(code="leaflets")
    client.force_login(district_staff)
    good = row(date="15/07/2024", place=EVIL, note=f"{JS_URL} {EVIL}")
    bad = [EVIL, EVIL, EVIL, EVIL, EVIL, EVIL, EVIL, EVIL, EVIL, EVIL]
    pages = {}
    for name, rows in (("good", [good]), ("bad", [good, bad])):
        upload = SimpleUploadedFile(f'{name}"><svg onload=alert(1)>.xlsx', xlsx_bytes(rows))
        response = client.post(
            reverse("campaigns_import"), {"unit": "731", "month": "2024-07", "file": upload}
        )
        assert response.status_code == 302
        pages[f"{name} preview"] = client.get(response["Location"]).content.decode()
    batch = ImportBatch.objects.filter(summary__problems=[]).latest("pk")
    confirmed = client.post(reverse("campaigns_import_confirm", args=[batch.pk]))
    pages["confirmation"] = b"".join(confirmed.streaming_content).decode()
    pages["import list"] = client.get(reverse("campaigns_import")).content.decode()
    for where, html in pages.items():
        assert shown(html), f"{where}: the payload did not reach the page"
        assert script_problems(html, where) == []
