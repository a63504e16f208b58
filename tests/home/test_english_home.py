"""The English home page and Results page: their own sections, the campaign in English, and every
number grouped the reader's way (68.777 in Vietnamese, 68,777 in English)."""

import datetime
import json
import re
from types import SimpleNamespace

import pytest

from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import (
    ActivityRecordFactory,
    ArticlePageFactory,
    CampaignFactory,
    IndicatorFactory,
    ResultsPageFactory,
    approve_recorded_months,
    translate_page,
)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(
        code="leaflets",
        name="Tờ rơi phát ra",
        name_en="Leaflets handed out",
        unit_label_en="copies",
    )


@pytest.fixture
def records(district, leaflets):
    district.latitude, district.longitude = 10.95, 106.82  # on the Results page's map
    district.save()
    for day, quantity in [(datetime.date(2024, 3, 1), 61_000), (datetime.date(2024, 7, 30), 7_777)]:
        ActivityRecordFactory(unit=district, indicator=leaflets, date=day, quantity=quantity)
    approve_recorded_months()


@pytest.fixture
def results_pages(home_page, english_home, site_settings):
    vietnamese = ResultsPageFactory(parent=home_page)
    return vietnamese, translate_page(vietnamese, title="Results", slug="results")


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
class TestNumbersInTheReadersLanguage:
    def test_results_page_figures_tables_and_chart_labels(self, client, results_pages, records):
        vietnamese, english = results_pages
        vi_html = html_of(client, vietnamese.url, year=2024)
        en_html = html_of(client, english.url, year=2024)
        assert english.url == "/en/results/"
        for html, total in [(vi_html, "68.777"), (en_html, "68,777")]:
            assert f'<span class="key-figure__number">{total}</span>' in html
            assert f'<td class="number">{total}</td>' in html
            # The ranked table beside the map, and the map's text alternative.
            assert re.search(rf'<td class="number ranked-value">{total}<svg', html)
            assert re.search(rf"<desc [^>]*>[^<]*, {total}\.", html)
        assert "Leaflets handed out" in en_html and "Tờ rơi phát ra" not in en_html

    def test_live_total_on_each_home_page(self, client, home_page, english_home, records, leaflets):
        for page in (home_page, english_home):
            page.body = json.dumps(
                [
                    {
                        "type": "live_total",
                        "value": {"indicator": leaflets.pk, "period": "year", "year": 2024},
                    }
                ]
            )
            page.save_revision().publish()
        assert '<span class="live-total__number">68.777</span>' in html_of(client, "/")
        assert '<span class="live-total__number">68,777</span>' in html_of(client, "/en/")

    @pytest.mark.parametrize(
        ("language", "facet", "heading"),
        [("vi", "(1.988)", "68.777 kết quả"), ("en", "(1,988)", "68,777 results")],
    )
    def test_filter_and_result_counts(self, language, facet, heading):
        # A stand-in listing: building 68,777 pages to count them would prove nothing more.
        listing = SimpleNamespace(
            errors=[],
            active={},
            with_kind=False,
            facets=[
                ("year", "Year", [{"label": 2024, "count": 1988, "selected": False, "url": "?"}])
            ],
            page=SimpleNamespace(object_list=[], paginator=SimpleNamespace(count=68777)),
        )
        with translation.override(language):
            html = render_to_string("components/publication_listing.html", {"listing": listing})
        assert f'2024 <span class="facet__count">{facet}</span>' in html  # a year is not grouped
        assert heading in html


@pytest.mark.django_db
class TestEnglishHomePage:
    def test_lists_only_english_publications_and_links_the_english_results(
        self, client, english_home, results_pages, news_index
    ):
        ArticlePageFactory(parent=news_index, title="Tin tiếng Việt")
        english_news = translate_page(news_index, title="News", slug="news")
        ArticlePageFactory(parent=english_news, title="English news")
        CampaignFactory(
            name="Tháng hành động",
            name_en="Action month",
            description="Hưởng ứng ngày 30/7.",
            description_en="Around 30 July.",
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2024, 7, 31),
        )
        html = html_of(client, "/en/")
        assert "English news" in html and "Tin tiếng Việt" not in html
        assert "Action month" in html and "Around 30 July." in html
        assert 'href="/en/results/?campaign=' in html
        assert "01/07/2024" in html  # dates read the same in both languages
        vietnamese = html_of(client, "/")
        assert "Tháng hành động" in vietnamese and "Action month" not in vietnamese
        assert 'href="/ket-qua/?campaign=' in vietnamese

    def test_is_served_at_en(self, client, english_home):
        assert english_home.url == "/en/"
        assert client.get(english_home.url).context["page"] == english_home
