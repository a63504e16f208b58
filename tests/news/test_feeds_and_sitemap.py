"""Feeds and the sitemap list exactly what is published for everyone: never drafts, private or
scheduled pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, AudienceFactory


@pytest.fixture
def hidden_and_shown(news_index):
    shown = ArticlePageFactory(parent=news_index, title="Đã đăng")
    ArticlePageFactory(parent=news_index, title="Bản nháp", live=False)
    private = ArticlePageFactory(parent=news_index, title="Riêng tư")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    scheduled = ArticlePageFactory(parent=news_index, title="Hẹn giờ", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=2)
    scheduled.save_revision().publish()
    return shown


def feed_titles(response):
    root = ET.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")] or [
        entry.findtext("{http://www.w3.org/2005/Atom}title")
        for entry in root.iter("{http://www.w3.org/2005/Atom}entry")
    ]


@pytest.mark.django_db
class TestFeeds:
    def test_rss_lists_only_published_public_articles(self, client, hidden_and_shown):
        response = client.get(reverse("articles_rss"))
        assert response["Content-Type"].startswith("application/rss+xml")
        assert feed_titles(response) == ["Đã đăng"]

    def test_atom_too(self, client, hidden_and_shown):
        assert feed_titles(client.get(reverse("articles_atom"))) == ["Đã đăng"]

    def test_a_feed_per_audience(self, client, news_index):
        students = AudienceFactory(slug="hoc-sinh")
        ArticlePageFactory(parent=news_index, title="Cho học sinh", audiences=[students])
        ArticlePageFactory(parent=news_index, title="Cho mọi người")
        assert feed_titles(client.get(reverse("articles_rss"), {"audience": "hoc-sinh"})) == [
            "Cho học sinh"
        ]

    def test_a_feed_per_keyword_and_district(self, client, news_index, district):
        ArticlePageFactory(
            parent=news_index, title="Biên Hòa", districts=[district], keywords=["lừa đảo"]
        )
        ArticlePageFactory(parent=news_index, title="Khác", keywords=["việc làm"])
        assert feed_titles(client.get(reverse("articles_rss"), {"keyword": "lua-dao"})) == [
            "Biên Hòa"
        ]
        # Province-wide articles (no district) belong in every district's feed.
        assert feed_titles(client.get(reverse("articles_rss"), {"district": "731"})) == [
            "Khác",
            "Biên Hòa",
        ]

    def test_a_malformed_filter_answers_404_not_500(self, client, db):
        assert client.get(reverse("articles_rss"), {"year": "x" * 5000}).status_code == 404


@pytest.mark.django_db
class TestSitemap:
    def test_lists_published_pages_only(self, client, hidden_and_shown):
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        locations = [
            loc.text
            for loc in ET.fromstring(response.content).iter(
                "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
            )
        ]
        articles = {
            page.title: f"/{page.slug}/" for page in hidden_and_shown.get_parent().get_children()
        }
        listed = {
            title
            for title, tail in articles.items()
            if any(loc.endswith(tail) for loc in locations)
        }
        assert listed == {"Đã đăng"}

    def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(self, client, db):
        text = client.get("/robots.txt").content.decode()
        assert "Disallow: /admin/" in text
        assert "Sitemap: http://testserver/sitemap.xml" in text
