import datetime

import pytest

from campaigns.models import Campaign
from tests.factories import ResultsPageFactory


def make(name, start, end):
    return Campaign.objects.create(name=name, start_date=start, end_date=end)


@pytest.mark.django_db
class TestFeaturedCampaign:
    def test_the_shortest_running_campaign_comes_first(self):
        make("Kế hoạch năm", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
        make("Tháng hành động", datetime.date(2024, 7, 1), datetime.date(2024, 7, 31))
        assert Campaign.objects.featured_on(datetime.date(2024, 7, 15)).name == "Tháng hành động"
        assert Campaign.objects.featured_on(datetime.date(2024, 9, 1)).name == "Kế hoạch năm"

    def test_with_none_running_the_last_one_to_end(self):
        make("Cũ", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))
        make("Gần đây", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
        assert Campaign.objects.featured_on(datetime.date(2026, 1, 1)).name == "Gần đây"
        assert Campaign.objects.none().featured_on(datetime.date(2026, 1, 1)) is None

    def test_the_home_page_shows_it_with_a_link_to_its_results(
        self, client, home_page, site_settings
    ):
        campaign = make(
            "Tháng hành động 2024", datetime.date(2024, 7, 1), datetime.date(2024, 7, 31)
        )
        results = ResultsPageFactory(parent=home_page)
        html = client.get("/").content.decode()
        assert "Tháng hành động 2024" in html
        assert "Chiến dịch gần nhất" in html
        assert f'href="{results.url}?campaign={campaign.pk}"' in html
