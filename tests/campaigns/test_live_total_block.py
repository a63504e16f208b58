"""The live-total block: one current figure from the records, in an article or on the home page."""

import datetime
import importlib
import json

import pytest

from django.utils import timezone

from wagtail.blocks import StructBlockValidationError

from campaigns.public.blocks import LiveTotalBlock
from home.models import HomePage
from news.blocks import ArticleBodyBlock
from tests.factories import (
    ActivityRecordFactory,
    ArticlePageFactory,
    CampaignFactory,
    IndicatorFactory,
    approve_months,
    approve_recorded_months,
)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi phát ra")


@pytest.fixture
def records(district, other_district, leaflets):
    this_year = timezone.localdate().year
    for unit, day, quantity in [
        (district, datetime.date(2024, 7, 30), 1_200),
        (other_district, datetime.date(2024, 3, 2), 67_577),
        (district, datetime.date(this_year, 1, 2), 45),
        (other_district, datetime.date(2023, 5, 5), 900),
    ]:
        ActivityRecordFactory(unit=unit, indicator=leaflets, date=day, quantity=quantity)
    approve_recorded_months()


def render(value):
    block = LiveTotalBlock()
    return block.render(block.to_python(value))


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestLiveTotal:
    def test_a_chosen_year_shows_the_provinces_total(self, leaflets):
        html = render({"indicator": leaflets.pk, "period": "year", "year": 2024, "label": ""})
        assert "68.777" in html
        assert "Tờ rơi phát ra" in html and "2024" in html

    def test_this_year_follows_the_calendar(self, leaflets):
        html = render({"indicator": leaflets.pk, "period": "this_year", "label": "tờ rơi năm nay"})
        assert '<span class="live-total__number">45</span>' in html
        assert "tờ rơi năm nay" in html

    def test_a_unit_narrows_the_total(self, leaflets, district):
        html = render(
            {"indicator": leaflets.pk, "period": "year", "year": 2024, "unit": district.pk}
        )
        assert '<span class="live-total__number">1.200</span>' in html
        assert "Huyện Biên Hòa" in html

    def test_a_campaign_counts_its_dates_and_units(self, leaflets, district):
        campaign = CampaignFactory(
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2024, 7, 31),
            units=[district.parent],
        )
        html = render({"indicator": leaflets.pk, "period": "campaign", "campaign": campaign.pk})
        assert '<span class="live-total__number">1.200</span>' in html
        assert campaign.name in html

    @pytest.mark.parametrize("period, missing", [("year", "year"), ("campaign", "campaign")])
    def test_the_chosen_period_must_be_given(self, leaflets, period, missing):
        block = LiveTotalBlock()
        value = block.to_python({"indicator": leaflets.pk, "period": period})
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(value)
        assert set(error.value.block_errors) == {missing}

    def test_the_preview_shows_the_leaflets(self, leaflets):
        block = LiveTotalBlock()
        assert block.get_preview_value()["indicator"] == leaflets
        assert 'class="live-total"' in block.render(block.get_preview_value())

    def test_an_article_renders_it_in_its_body(self, client, news_index, leaflets, site_settings):
        article = ArticlePageFactory(
            parent=news_index,
            body=json.dumps(
                [
                    {
                        "type": "live_total",
                        "value": {"indicator": leaflets.pk, "period": "year", "year": 2024},
                    }
                ]
            ),
        )
        html = client.get(article.url).content.decode()
        assert '<span class="live-total__number">68.777</span>' in html

    def test_the_home_page_renders_it_in_its_body(
        self, client, home_page, leaflets, site_settings, django_assert_max_num_queries
    ):
        home_page.body = [
            ("paragraph", "<p>Chào bạn.</p>"),
            ("live_total", {"indicator": leaflets, "period": "year", "year": 2024}),
        ]
        home_page.save_revision().publish()
        # Warm the shared cache (site, settings, menu), as a running server would be.
        client.get("/")
        with django_assert_max_num_queries(15):
            html = client.get("/").content.decode()
        assert "<p>Chào bạn.</p>" in html
        assert '<span class="live-total__number">68.777</span>' in html

    def test_a_month_approved_after_the_home_page_was_seen_counts_at_once(
        self, client, home_page, leaflets, district, site_settings
    ):
        home_page.body = [("live_total", {"indicator": leaflets, "period": "year", "year": 2024})]
        home_page.save_revision().publish()
        assert '<span class="live-total__number">68.777</span>' in client.get("/").content.decode()
        ActivityRecordFactory(
            unit=district, indicator=leaflets, date=datetime.date(2024, 8, 1), quantity=5
        )
        assert '<span class="live-total__number">68.777</span>' in client.get("/").content.decode()
        approve_months(district, datetime.date(2024, 8, 1))
        assert '<span class="live-total__number">68.782</span>' in client.get("/").content.decode()


def test_article_bodies_offer_the_block():
    assert isinstance(ArticleBodyBlock().child_blocks["live_total"], LiveTotalBlock)
    assert isinstance(
        HomePage._meta.get_field("body").stream_block.child_blocks["live_total"], LiveTotalBlock
    )


@pytest.mark.django_db
def test_the_migration_keeps_the_home_pages_rich_text():
    migration = importlib.import_module("home.migrations.0003_body_streamfield")
    stream = json.loads(migration.as_stream("<h2>Ai có thể giúp?</h2><p>Ban Chủ nhiệm.</p>"))
    assert [(b["type"], b["value"]) for b in stream] == [
        ("paragraph", "<h2>Ai có thể giúp?</h2><p>Ban Chủ nhiệm.</p>")
    ]
    assert migration.as_stream("") == "[]"
    assert migration.as_stream(json.dumps(stream)) == json.dumps(stream)


@pytest.mark.django_db
def test_a_month_not_yet_approved_is_not_counted(district, leaflets):
    ActivityRecordFactory(unit=district, indicator=leaflets, quantity=300)
    assert "300" not in render({"indicator": leaflets.pk, "period": "year", "year": 2024})
    approve_recorded_months()
    html = render({"indicator": leaflets.pk, "period": "year", "year": 2024})
    assert "300" in html and "số liệu đã duyệt" in html
