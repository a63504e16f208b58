"""What the whole site shares, in the reader's language: the settings and hotlines, the shared
vocabularies, the locales, and who may start a translation."""

import pytest

from wagtail.models import Locale

from accounts.roles import Role
from news.models import ProgrammeContact
from tests.factories import AudienceFactory


@pytest.fixture
def english_texts(site_settings):
    site_settings.organisation_name_en = "Department of Labour, Invalids and Social Affairs"
    site_settings.footer_text_en = "We never publish anything that could identify a victim."
    site_settings.hotlines = [
        (
            "hotline",
            {
                "label": "Tổng đài quốc gia",
                "number": "111",
                "hours": "24/7",
                "label_en": "National hotline",
                "hours_en": "day and night",
            },
        )
    ]
    site_settings.save()
    return site_settings


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
class TestSharedTextsInEnglish:
    def test_settings_and_hotline_read_in_the_readers_language(self, client, english_texts):
        english, vietnamese = html_of(client, "/en/"), html_of(client, "/")
        for text in ("Department of Labour, Invalids and Social Affairs", "National hotline"):
            assert text in english and text not in vietnamese
        assert "day and night" in english
        assert "We never publish anything" in english
        assert "Tổng đài quốc gia" in vietnamese and "Tổng đài quốc gia" not in english
        assert 'href="tel:111"' in english and 'href="tel:111"' in vietnamese

    def test_vietnamese_stands_in_where_there_is_no_english(self, client, site_settings):
        assert "Tổng đài quốc gia" in html_of(client, "/en/")

    def test_audiences_keep_one_address_and_read_in_english(self, client):
        AudienceFactory(
            name="Học sinh",
            name_en="Students",
            slug="hoc-sinh",
            description="Dành cho học sinh.",
            description_en="For students.",
        )
        english = html_of(client, "/en/for/hoc-sinh/")
        assert "Students" in english and "For students." in english
        assert "Dành cho học sinh." in html_of(client, "/danh-cho/hoc-sinh/")

    def test_programme_contacts_read_in_english(self, client, district):
        ProgrammeContact.objects.create(
            unit=district,
            office="Ban Chủ nhiệm mô hình",
            office_en="Programme management board",
            address="Biên Hòa",
            phone="0251 3800 731",
            hours="Thứ Hai đến thứ Sáu",
            hours_en="Monday to Friday",
        )
        english = html_of(client, "/en/district/731/")
        assert "Programme management board" in english and "Monday to Friday" in english
        assert "Ban Chủ nhiệm mô hình" in html_of(client, "/dia-ban/731/")


@pytest.mark.django_db
def test_both_content_languages_have_a_locale():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "may_translate"),
    [
        (Role.EDITOR, True),
        (Role.MODERATOR, True),
        (Role.LOCAL, False),
        (Role.COORDINATOR, False),
    ],
)
def test_editors_and_moderators_may_start_a_translation(make_staff, district, role, may_translate):
    user = make_staff(role, units=[district] if role == Role.LOCAL else [])
    assert user.has_perm("simple_translation.submit_translation") is may_translate


@pytest.mark.django_db
def test_a_missing_page_offers_each_home_page_and_names_no_alternate(client, site_settings):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<a href="http://testserver/" lang="vi"' in html
    assert 'rel="alternate"' not in html
