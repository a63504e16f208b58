import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from wagtail.models import Page, Site

from accounts.models import UnitAssignment
from core.models import SiteSettings
from home.models import HomePage
from news.models import LeafletPage
from taxonomy.models import AdministrativeUnit, Audience

DONG_NAI_DISTRICTS = {
    "731": "Biên Hòa", "732": "Long Khánh", "734": "Tân Phú", "735": "Vĩnh Cửu",
    "736": "Định Quán", "737": "Trảng Bom", "738": "Thống Nhất", "739": "Cẩm Mỹ",
    "740": "Long Thành", "741": "Xuân Lộc", "742": "Nhơn Trạch",
}  # fmt: skip


def table_counts():
    models = [
        AdministrativeUnit,
        Audience,
        UnitAssignment,
        get_user_model(),
        Group,
        Page,
        SiteSettings,
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["English pages"] = Page.objects.filter(locale__language_code="en").count()
    counts["revisions"] = HomePage.objects.get(locale__language_code="vi").revisions.count()
    return counts


@pytest.mark.django_db
class TestLoadDemo:
    def test_loads_dong_nai_before_and_after_the_2025_reform(self, demo_data):
        province = AdministrativeUnit.objects.get(code="75")
        assert (province.name, province.name_en) == ("Đồng Nai", "Dong Nai")
        assert province.level == AdministrativeUnit.Level.PROVINCE
        districts = {
            unit.code: unit.name
            for unit in province.children.filter(level=AdministrativeUnit.Level.DISTRICT)
        }
        assert districts == DONG_NAI_DISTRICTS
        assert province.children.filter(level=AdministrativeUnit.Level.COMMUNE).count() == 95
        assert AdministrativeUnit.objects.get(code="70").valid_to.isoformat() == "2025-06-30"

    def test_loads_the_eight_audiences_in_order(self, demo_data):
        names = list(Audience.objects.values_list("name", flat=True))
        assert len(names) == 8
        assert names[0] == "Học sinh, sinh viên"
        assert "Người thân của nạn nhân" in names

    def test_sets_the_national_hotline(self, demo_data):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        assert site_settings.main_hotline["number"] == "111"

    def test_publishes_a_vietnamese_home_page(self, demo_data, client):
        html = client.get("/").content.decode()
        assert "Phòng, chống mua bán người" in html
        assert "tel:111" in html

    def test_running_it_twice_changes_nothing(self, demo_data, settings):
        before = table_counts()
        call_command("load_demo", stdout=io.StringIO())
        assert table_counts() == before

    def test_english_edition_renders_and_keeps_to_english(self, demo_data, client):
        pages = {
            "/en/": "Preventing human trafficking",
            "/en/news/": "Spotting “easy work, high pay” offers on social media",
            "/en/news/support-for-returning-victims/": "The support available to people",
            "/en/get-help/": "Culture and Social Affairs Office",
            "/en/results/?year=2024": "68,777",
            "/en/materials/": "A guide to the tricks traffickers use",
            "/en/materials/call-111-free/": "Poster: NEED HELP? CALL 111",
            "/en/materials/guide-to-traffickers-tricks/": "Your papers or phone are kept",
        }
        for url, text in pages.items():
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert text in html, url
            assert '<html lang="en">' in html
        assert "National hotline" in client.get("/en/").content.decode()
        vietnamese_news = client.get("/tin-tuc/").content.decode()
        assert "Spotting" not in vietnamese_news
        english_news = client.get("/en/news/").content.decode()
        assert "Nhận diện lời mời" not in english_news
        english_materials = client.get("/en/materials/").content.decode()
        assert "Call 111: free, day and night" in english_materials
        assert "Cẩm nang" not in english_materials

    def test_every_page_has_an_address_in_plain_letters(self, demo_data):
        assert all(slug.isascii() for slug in Page.objects.values_list("slug", flat=True))

    def test_english_leaflet_downloads_an_english_pdf(self, demo_data, client):
        leaflet = LeafletPage.objects.get(slug="guide-to-traffickers-tricks")
        assert leaflet.locale.language_code == "en"
        assert leaflet.document.title == "Tờ rơi tiếng Anh: Cẩm nang nhận diện thủ đoạn"
        assert leaflet.document.file.read(5) == b"%PDF-"
        assert (
            leaflet.document != LeafletPage.objects.get(slug="cam-nang-nhan-dien-thu-doan").document
        )

    def test_links_follow_the_port_the_site_is_served_on(
        self, demo_data, client, settings, monkeypatch
    ):
        """`PORT=8401 make run`: the English link and the canonical address stay on port 8401."""
        settings.DEBUG = True
        monkeypatch.setenv("PORT", "8401")
        call_command("load_demo", stdout=io.StringIO())
        html = client.get("/", HTTP_HOST="testserver:8401").content.decode()
        assert '<link rel="canonical" href="http://testserver:8401/">' in html
        assert '<a href="http://testserver:8401/en/" lang="en" hreflang="en">' in html

    def test_without_port_the_site_answers_where_the_base_url_says(
        self, demo_data, settings, monkeypatch
    ):
        settings.DEBUG = True
        settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"  # the development default
        monkeypatch.delenv("PORT", raising=False)
        call_command("load_demo", stdout=io.StringIO())
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("127.0.0.1", 8000)

    def test_a_port_that_is_not_a_number_is_refused_with_the_reason(
        self, demo_data, settings, monkeypatch
    ):
        settings.DEBUG = True
        monkeypatch.setenv("PORT", "80a1")
        with pytest.raises(CommandError, match="PORT must be a port number"):
            call_command("load_demo", stdout=io.StringIO())

    def test_district_account_is_tied_to_its_district(self, demo_data):
        assignment = UnitAssignment.objects.get(user__username="canbo.bienhoa")
        assert assignment.unit.code == "731"

    def test_accounts_have_addresses_and_vietnamese_names(self, demo_data):
        editor = get_user_model().objects.get(username="bientap")
        assert editor.email == "bientap@example.vn"
        assert editor.get_full_name() == "Nguyễn Thị Lan"
        assert get_user_model().objects.get(username="quantri").email == "quantri@example.vn"


@pytest.mark.django_db
def test_prints_the_demo_accounts_which_can_sign_in(settings, client, db):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    for username in ["quantri", "bientap", "kiemduyet", "canbo.bienhoa", "dieuphoi"]:
        assert username in printed
        password = printed.split(username, 1)[1].split()[0]
        assert client.login(request=HttpRequest(), username=username, password=password)
        assert client.get("/admin/").status_code == 200
        client.logout()


@pytest.mark.django_db
def test_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="quantri").exists()
