"""Areas on the public site across the 2025 reform: today's communes grouped under the former
districts, content tagged with an old district found under it and under the communes that took
it over, and contact points for the units that exist today.

The reform is `tests.factories.small_reform`: the former districts East (A, B) and West (C, D);
A went whole into N1, B and C into N2, D was divided 0.3 to N2 and 0.7 to N3."""

import io
import re

import pytest

from django.core.management import call_command
from django.urls import reverse

from news.models import ArticlePage, ProgrammeContact
from taxonomy.areas import Areas
from taxonomy.models import UnitSuccession
from taxonomy.widgets import AreaCheckboxes
from tests.factories import ArticlePageFactory, small_reform

NAMES = {
    "701": ("huyện", "Đông"),
    "702": ("huyện", "Tây"),
    "1": ("xã", "An"),
    "2": ("xã", "Bình"),
    "3": ("xã", "Cát"),
    "4": ("xã", "Dầu"),
    "11": ("xã", "Nhất"),
    "12": ("phường", "Nhì"),
    "13": ("xã", "Ba"),
}


@pytest.fixture
def units(province):
    found = small_reform(province)
    for code, (designation, name) in NAMES.items():
        found[code].designation, found[code].name = designation, name
        found[code].save()
    return found


@pytest.fixture
def articles(news_index, units):
    tagged = {
        "east": [units["701"]],
        "west": [units["702"]],
        "old commune A": [units["1"]],
        "new N2": [units["12"]],
        "new N3": [units["13"]],
        "province": [],
    }
    return {
        title: ArticlePageFactory(parent=news_index, title=title, districts=areas)
        for title, areas in tagged.items()
    }


def titles(response):
    return sorted(item.title for item in response.context["listing"].page.object_list)


def area_groups(response):
    """[(heading, whole-of-district entry or None, [(label, count)])] of the area filter."""
    for key, _heading, groups in response.context["listing"].facets:
        if key == "district":
            return [
                (
                    group["heading"],
                    group["whole"] and (group["whole"]["label"], group["whole"]["count"]),
                    [(o["label"], o["count"]) for o in group["options"]],
                )
                for group in groups
            ]
    return None


@pytest.mark.django_db
class TestWhatShowsUnderAnArea:
    @pytest.mark.parametrize(
        "code, expected",
        [
            # A former district: its own, its old communes', and the communes that took it over.
            ("701", ["east", "new N2", "old commune A", "province"]),
            # West: never East's content, though N2 took land from both.
            ("702", ["new N2", "new N3", "province", "west"]),
            # N1 took only A: what was for A and for East, its former district.
            ("11", ["east", "old commune A", "province"]),
            ("12", ["east", "new N2", "province", "west"]),
            ("13", ["new N3", "province", "west"]),
        ],
    )
    def test_the_area_filter(self, client, news_index, articles, code, expected):
        assert titles(client.get(news_index.url, {"district": code})) == expected

    def test_an_area_page_lists_the_same(self, client, articles):
        assert titles(client.get(reverse("area", args=["701"]))) == [
            "east",
            "new N2",
            "old commune A",
            "province",
        ]

    def test_an_old_commune_is_no_area(self, client, news_index, articles):
        assert client.get(news_index.url, {"district": "1"}).status_code == 404
        assert client.get(reverse("area", args=["1"])).status_code == 404


@pytest.mark.django_db
class TestTheAreaFilter:
    def test_communes_are_grouped_under_the_former_district_they_mostly_came_from(
        self, client, news_index, articles
    ):
        # N2 got one whole commune from East and one and a third from West.
        assert area_groups(client.get(news_index.url)) == [
            ("Huyện Đông (cũ)", ("Huyện Đông (cũ)", 4), [("Xã Nhất", 3)]),
            ("Huyện Tây (cũ)", ("Huyện Tây (cũ)", 4), [("Xã Ba", 3), ("Phường Nhì", 4)]),
        ]

    def test_counts_follow_the_other_filters(self, client, news_index, articles):
        response = client.get(news_index.url, {"year": articles["east"].publication_date.year})
        counts = {label: n for _h, _w, options in area_groups(response) for label, n in options}
        assert counts == {"Xã Nhất": 3, "Xã Ba": 3, "Phường Nhì": 4}

    def test_the_group_of_the_chosen_area_is_unfolded(self, client, news_index, articles):
        html = client.get(news_index.url, {"district": "13"}).content.decode()
        groups = re.findall(r'<details class="facet__group"( open)?>\s*<summary>([^<]+)<', html)
        assert groups == [("", "Huyện Đông (cũ)"), (" open", "Huyện Tây (cũ)")]
        assert 'aria-current="true" class="is-selected" rel="nofollow">Xã Ba' in html
        assert "Toàn bộ Huyện Tây (cũ)" in html

    def test_the_filter_costs_no_more_queries_with_more_content(
        self, client, news_index, articles, units, django_assert_max_num_queries
    ):
        def count():
            client.get(news_index.url, {"district": "12"})  # the first view makes renditions
            with django_assert_max_num_queries(14) as captured:
                client.get(news_index.url, {"district": "12"})
            return len(captured)

        count()  # the first requests fill the site's caches
        before = count()
        for n in range(8):
            ArticlePageFactory(parent=news_index, title=f"more {n}", districts=[units["13"]])
        assert count() == before


@pytest.mark.django_db
class TestTodaysAreasAreKept:
    """Building the areas reads every unit and succession, so a process keeps them until a
    change refreshes the pages; a change to a unit or a succession builds them again."""

    def test_kept_between_requests(
        self, client, news_index, articles, django_assert_max_num_queries
    ):
        client.get(news_index.url)  # the first views fill the site's caches
        client.get(news_index.url)
        with django_assert_max_num_queries(14) as captured:
            client.get(news_index.url)
        assert not [q["sql"] for q in captured if "taxonomy_unitsuccession" in q["sql"]]

    def test_a_new_succession_is_seen_at_once(self, client, news_index, articles, units):
        assert "old commune A" not in titles(client.get(news_index.url, {"district": "13"}))
        # A's land divided after all: half of it to N3.
        whole = UnitSuccession.objects.get(predecessor=units["1"])
        whole.share = "0.5"
        whole.save()
        UnitSuccession.objects.create(predecessor=units["1"], successor=units["13"], share="0.5")
        assert "old commune A" in titles(client.get(news_index.url, {"district": "13"}))

    def test_a_renamed_commune_is_seen_at_once(self, client, news_index, articles, units):
        client.get(news_index.url)
        units["13"].name = "Ba Mới"
        units["13"].save()
        assert "Xã Ba Mới" in client.get(news_index.url).content.decode()


@pytest.mark.django_db
class TestAnAreaPage:
    def test_a_former_district_names_the_communes_that_took_it_over(self, client, articles):
        html = client.get(reverse("area", args=["702"])).content.decode()
        assert "<h1>Huyện Tây (cũ)</h1>" in html
        assert "30/06/2025" in html
        links = re.findall(r'<li><a href="(/dia-ban/\d+/)">([^<]+)</a></li>', html)
        assert links == [("/dia-ban/13/", "Xã Ba"), ("/dia-ban/12/", "Phường Nhì")]

    def test_a_commune_of_today_names_the_former_districts_it_was_formed_from(
        self, client, articles
    ):
        html = client.get(reverse("area", args=["12"])).content.decode()
        assert "<h1>Phường Nhì</h1>" in html
        assert "Thành lập ngày 01/07/2025 từ các xã của:" in html
        assert re.findall(r'<a href="/dia-ban/(70\d)/">', html) == ["702", "701"]


@pytest.mark.django_db
class TestContactPoints:
    def test_the_help_page_lists_todays_units_under_their_former_district(
        self, client, help_page, units
    ):
        for code in ("701", "11", "12", "13"):
            ProgrammeContact.objects.create(
                unit=units[code], office=f"Văn phòng {code}", address="Trụ sở", phone="0251 1"
            )
        html = client.get(help_page.url).content.decode()
        assert "Văn phòng 701" not in html  # the former district's office is gone
        summaries = re.findall(r'<details class="contact-group">\s*<summary>([^<]+)<', html)
        assert summaries == ["Huyện Đông (cũ) ", "Huyện Tây (cũ) "]
        offices = re.findall(r"<p>(Văn phòng \d+)</p>", html)
        assert offices == ["Văn phòng 11", "Văn phòng 13", "Văn phòng 12"]


@pytest.mark.django_db
class TestTaggingInTheAdmin:
    def test_editors_choose_among_districts_and_todays_communes_grouped(self, units):
        field = ArticlePage.get_edit_handler().get_form_class()().fields["districts"]
        assert isinstance(field.widget, AreaCheckboxes)
        groups = [
            (heading, [option["label"] for option in options])
            for heading, options, _index in field.widget.optgroups("districts", [])
        ]
        assert groups == [
            ("Huyện Đông (cũ)", ["Huyện Đông (cũ)", "Xã Nhất"]),
            ("Huyện Tây (cũ)", ["Huyện Tây (cũ)", "Xã Ba", "Phường Nhì"]),
        ]

    def test_an_area_is_found_by_its_code_today(self, units):
        areas = Areas()
        assert areas.named("12") == units["12"]
        assert areas.named("1") is None


@pytest.mark.django_db
class TestSearchingAnArea:
    def test_a_former_districts_name_finds_it_and_the_communes_that_took_it_over(
        self, client, units
    ):
        call_command("rebuild_search", stdout=io.StringIO())
        response = client.get(reverse("search"), {"q": "tay"})
        found = {(r["title"], r["url"]) for r in response.context["results"]}
        assert found == {
            ("Huyện Tây (cũ)", "/dia-ban/702/"),
            ("Xã Ba", "/dia-ban/13/"),
            ("Phường Nhì", "/dia-ban/12/"),
        }

    def test_an_old_commune_has_no_entry(self, client, units):
        call_command("rebuild_search", stdout=io.StringIO())
        response = client.get(reverse("search"), {"q": "dau"})
        assert response.context["results"] == []
