"""Listings: filters return exactly the matching items, combine, count, paginate, and cost the
same number of queries for 5 items as for 50."""

import datetime
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from core import page_cache
from news.listing import PAGE_SIZE
from news.models import ArticlePage
from tests.factories import (
    ArticlePageFactory,
    AudienceFactory,
    ImageFactory,
    LeafletPageFactory,
    PosterPageFactory,
)


def titles(response):
    return sorted(item.title for item in response.context["listing"].page.object_list)


def facet(response, key):
    """{label: count} of one filter; an area's group counts as its own entry."""
    found = {}
    for k, _, options in response.context["listing"].facets:
        if k != key:
            continue
        for option in options:
            if key == "district":
                found.update(
                    (o["label"], o["count"]) for o in [option["whole"], *option["options"]] if o
                )
            else:
                found[option["label"]] = option["count"]
    return found


@pytest.fixture
def students(db):
    return AudienceFactory(name="Học sinh, sinh viên", slug="hoc-sinh")


@pytest.fixture
def workers(db):
    return AudienceFactory(name="Công nhân", slug="cong-nhan")


@pytest.fixture
def articles(news_index, students, workers, district, other_district):
    make = ArticlePageFactory
    return {
        "students_bien_hoa": make(
            parent=news_index,
            title="A",
            audiences=[students],
            districts=[district],
            keywords=["lừa đảo"],
        ),
        "workers_xuan_loc": make(
            parent=news_index,
            title="B",
            audiences=[workers],
            districts=[other_district],
            keywords=["việc làm"],
        ),
        "province_wide": make(
            parent=news_index,
            title="C",
            audiences=[students, workers],
            keywords=["lừa đảo", "việc làm"],
        ),
        "old": make(
            parent=news_index,
            title="D",
            publication_date=timezone.make_aware(datetime.datetime(2023, 5, 1)),
            audiences=[students],
        ),
    }


@pytest.mark.django_db
class TestArticleFilters:
    def test_no_filter_lists_every_published_article_newest_first(
        self, client, news_index, articles
    ):
        response = client.get(news_index.url)
        assert [item.title for item in response.context["listing"].page.object_list][-1] == "D"
        assert titles(response) == ["A", "B", "C", "D"]

    def test_audience(self, client, news_index, articles):
        assert titles(client.get(news_index.url, {"audience": "cong-nhan"})) == ["B", "C"]

    def test_district_includes_province_wide_content(self, client, news_index, articles):
        assert titles(client.get(news_index.url, {"district": "731"})) == ["A", "C", "D"]

    def test_keyword_by_its_slug_without_diacritics(self, client, news_index, articles):
        assert titles(client.get(news_index.url, {"keyword": "lua-dao"})) == ["A", "C"]

    def test_year(self, client, news_index, articles):
        assert titles(client.get(news_index.url, {"year": 2023})) == ["D"]

    def test_filters_combine(self, client, news_index, articles):
        response = client.get(news_index.url, {"audience": "hoc-sinh", "keyword": "viec-lam"})
        assert titles(response) == ["C"]

    def test_an_article_matching_twice_is_listed_once(self, client, news_index, articles):
        # C matches the district filter as province-wide and carries two keywords.
        response = client.get(news_index.url, {"district": "731"})
        assert response.context["listing"].page.paginator.count == 3

    def test_counts_describe_the_current_results(self, client, news_index, articles):
        response = client.get(news_index.url, {"keyword": "lua-dao"})
        assert facet(response, "audience") == {"Học sinh, sinh viên": 2, "Công nhân": 1}
        assert facet(response, "district") == {"Huyện Biên Hòa": 2, "Huyện Xuân Lộc": 1}

    def test_facet_links_keep_the_other_filters(self, client, news_index, articles):
        response = client.get(news_index.url, {"keyword": "lua-dao"})
        links = {
            o["label"]: o["url"]
            for k, _, options in response.context["listing"].facets
            if k == "audience"
            for o in options
        }
        assert links["Công nhân"] == "?keyword=lua-dao&audience=cong-nhan"

    def test_malformed_filter_answers_400_with_a_message(self, client, news_index, articles):
        response = client.get(news_index.url, {"year": "hai-nghin"})
        assert response.status_code == 400
        assert "Nhập một số nguyên" in response.content.decode()

    def test_a_10000_character_filter_value_answers_400_quickly(self, client, news_index, articles):
        response = client.get(news_index.url, {"keyword": "x" * 10_000})
        assert response.status_code == 400

    def test_a_page_past_the_end_answers_404(self, client, news_index, articles):
        assert client.get(news_index.url, {"page": 99}).status_code == 404
        assert client.get(news_index.url, {"page": "abc"}).status_code == 404


@pytest.mark.django_db
class TestUnknownFiltersAndCleanAddresses:
    """A filter naming nothing that exists is a 404 (with the reason, over the whole list); the
    same filters written another way are sent to the one address the listing writes."""

    @pytest.mark.parametrize(
        "query, message",
        [
            ({"district": "abcxyz"}, "Không có địa bàn này."),
            ({"district": "999"}, "Không có địa bàn này."),
            ({"audience": "khong-co-nhom-nay"}, "Không có nhóm đối tượng này."),
            ({"keyword": "khong-co-tu-nay"}, "Không có từ khóa này."),
            ({"year": 2001}, "Không có nội dung nào được đăng trong năm đó."),
            ({"language": "fr"}, "Không có ngôn ngữ này."),
            ({"kind": "video"}, "Hãy chọn một lựa chọn hợp lệ."),
        ],
    )
    def test_an_unknown_value_answers_404_with_the_reason(
        self, client, news_index, articles, query, message
    ):
        response = client.get(news_index.url, query)
        assert response.status_code == 404
        assert message in response.content.decode()
        assert titles(response) == ["A", "B", "C", "D"]

    def test_a_district_page_and_a_feed_refuse_unknown_filters_too(
        self, client, news_index, articles, district
    ):
        assert client.get(f"/dia-ban/{district.code}/", {"keyword": "khong-co"}).status_code == 404
        assert client.get("/feeds/articles.rss", {"district": "abcxyz"}).status_code == 404

    @pytest.mark.parametrize(
        "query, clean",
        [
            ("page=1", ""),
            ("page=01", ""),
            ("district=", ""),
            ("year=02023", "?year=2023"),
            ("year=2023&keyword=", "?year=2023"),
            ("keyword=lua-dao&page=1&district=731", "?district=731&keyword=lua-dao"),
            ("utm_source=zalo&page=1", "?utm_source=zalo"),
        ],
    )
    def test_another_spelling_of_real_filters_is_sent_to_the_clean_address(
        self, client, news_index, articles, query, clean
    ):
        response = client.get(f"{news_index.url}?{query}")
        assert response.status_code == 301
        assert response["Location"] == news_index.url + clean
        assert client.get(response["Location"]).status_code == 200

    def test_a_district_pages_own_district_is_not_repeated_in_its_address(
        self, client, news_index, articles, district
    ):
        response = client.get(f"/dia-ban/{district.code}/", {"district": district.code})
        assert response.status_code == 301
        assert response["Location"] == f"/dia-ban/{district.code}/"

    def test_the_link_back_to_the_first_page_is_the_clean_address(
        self, client, news_index, students, site_settings
    ):
        for _ in range(PAGE_SIZE + 1):
            ArticlePageFactory(parent=news_index, audiences=[students])
        page_two = client.get(news_index.url, {"audience": "hoc-sinh", "page": 2})
        assert 'rel="prev" href="?audience=hoc-sinh&amp;"' in page_two.content.decode()


@pytest.mark.django_db
class TestTheFilterControl:
    def test_clear_all_filters_shows_everything_again(self, client, news_index, articles):
        html = client.get(news_index.url, {"audience": "hoc-sinh", "year": 2023}).content.decode()
        clear = re.search(r'<a class="results__clear" href="([^"]*)">Bỏ tất cả bộ lọc</a>', html)
        assert clear.group(1) == news_index.url
        assert titles(client.get(clear.group(1))) == ["A", "B", "C", "D"]

    def test_nothing_to_clear_without_a_chosen_filter(self, client, news_index, articles):
        assert "Bỏ tất cả bộ lọc" not in client.get(news_index.url).content.decode()

    def test_an_audience_page_clears_to_its_audience_not_to_everything(
        self, client, news_index, articles
    ):
        url = reverse("audience", args=["cong-nhan"])
        html = client.get(url, {"district": "731"}).content.decode()
        assert f'class="results__clear" href="{url}"' in html
        assert titles(client.get(url)) == ["B", "C"]
        assert "Bỏ tất cả bộ lọc" not in client.get(url).content.decode()

    def test_the_filters_fold_into_one_control_above_the_results_with_their_counts(
        self, client, news_index, articles
    ):
        html = client.get(news_index.url, {"keyword": "lua-dao"}).content.decode()
        panel = re.search(r"<details[^>]*data-filter-panel[^>]*>", html).group()
        assert " open" not in panel  # folded, with or without a filter chosen
        assert html.index("data-filter-panel") < html.index('class="card-grid"')
        toggle = re.search(r'<summary class="filters__toggle"[^>]*>(.*?)</summary>', html, re.S)
        assert re.sub(r"<[^>]+>|\s+", " ", toggle.group(1)).split() == ["Lọc", "(đã", "chọn", "1)"]
        assert 'Học sinh, sinh viên <span class="facet__count">(2)</span>' in html

    def test_no_filter_control_when_there_is_nothing_to_filter(self, client, news_index):
        assert "data-filter-panel" not in client.get(news_index.url).content.decode()


@pytest.mark.django_db
class TestWhatTheListingsNeverShow:
    def test_drafts_private_and_scheduled_pages(self, client, news_index):
        ArticlePageFactory(parent=news_index, title="Live")
        ArticlePageFactory(parent=news_index, title="Draft", live=False)
        private = ArticlePageFactory(parent=news_index, title="Private")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        scheduled = ArticlePageFactory(parent=news_index, title="Scheduled", live=False)
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
        scheduled.save_revision().publish()  # publishing a page with a future go-live date schedules it
        scheduled.refresh_from_db()
        assert not scheduled.live
        assert titles(client.get(news_index.url)) == ["Live"]


@pytest.mark.django_db
class TestMaterialsLibrary:
    def test_lists_posters_and_leaflets_filtered_by_kind(self, client, materials_index):
        PosterPageFactory(parent=materials_index, title="Poster")
        LeafletPageFactory(parent=materials_index, title="Leaflet", language="km")
        assert titles(client.get(materials_index.url)) == ["Leaflet", "Poster"]
        assert titles(client.get(materials_index.url, {"kind": "poster"})) == ["Poster"]
        assert titles(client.get(materials_index.url, {"language": "km"})) == ["Leaflet"]
        assert facet(client.get(materials_index.url), "kind") == {"Áp phích": 1, "Tờ rơi": 1}

    def test_cards_show_a_poster_or_a_cover_whole_and_crop_an_articles_photo(
        self, client, materials_index, news_index
    ):
        PosterPageFactory(
            parent=materials_index, image=ImageFactory(width=1000, height=1414), image_alt="Gọi 111"
        )
        html = client.get(materials_index.url).content.decode()
        assert 'class="card__image card__image--whole"' in html
        assert ".max-400x540." in html and ".fill-" not in html  # never cropped
        ArticlePageFactory(
            parent=news_index, image=ImageFactory(width=1200, height=750), image_alt="Ảnh"
        )
        assert ".fill-640x400." in client.get(news_index.url).content.decode()


@pytest.mark.django_db
class TestPagination:
    def test_pages_keep_the_filters(self, client, news_index, students):
        for number in range(PAGE_SIZE + 2):
            ArticlePageFactory(parent=news_index, title=f"Bài {number:02d}", audiences=[students])
        response = client.get(news_index.url, {"audience": "hoc-sinh"})
        html = response.content.decode()
        assert 'href="?audience=hoc-sinh&amp;page=2"' in html
        second = client.get(news_index.url, {"audience": "hoc-sinh", "page": 2})
        assert len(second.context["listing"].page.object_list) == 2


def count_queries(client, url, django_assert_max_num_queries, budget):
    """The queries of a view drawn anew, as after a publication: nothing kept is used."""
    client.get(url)  # renditions are made on the first view; the budget is for the views after it
    page_cache.invalidate()
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("page_fixture", ["news_index", "home_page"])
def test_query_count_does_not_grow_with_the_number_of_items(
    request,
    client,
    news_index,
    materials_index,
    students,
    district,
    site_settings,
    django_assert_max_num_queries,
    page_fixture,
):
    page = request.getfixturevalue(page_fixture)

    def add(count):
        for _ in range(count):
            ArticlePageFactory(
                parent=news_index,
                audiences=[students],
                districts=[district],
                keywords=["a", "b"],
                image=ImageFactory(),
                image_alt="Ảnh",
            )
            PosterPageFactory(
                parent=materials_index, audiences=[students], keywords=["c"], is_featured=True
            )

    add(5)
    with_five = count_queries(client, page.url, django_assert_max_num_queries, 15)
    add(45)
    with_fifty = count_queries(client, page.url, django_assert_max_num_queries, 15)
    assert with_fifty == with_five


@pytest.mark.django_db
def test_checking_every_filter_exists_costs_a_query_each_however_many_items(
    client, news_index, students, district, site_settings, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            ArticlePageFactory(
                parent=news_index, audiences=[students], districts=[district], keywords=["lừa đảo"]
            )

    add(5)
    year = timezone.localdate().year
    url = f"{news_index.url}?audience=hoc-sinh&district={district.code}&keyword=lua-dao&year={year}"
    unfiltered = count_queries(client, news_index.url, django_assert_max_num_queries, 15)
    filtered = count_queries(client, url, django_assert_max_num_queries, unfiltered + 4)
    add(45)
    assert count_queries(client, url, django_assert_max_num_queries, filtered) == filtered


@pytest.mark.django_db
def test_materials_query_count_does_not_grow(
    client, materials_index, students, site_settings, django_assert_max_num_queries
):
    for _ in range(5):
        PosterPageFactory(parent=materials_index, audiences=[students], keywords=["c"])
    with_five = count_queries(client, materials_index.url, django_assert_max_num_queries, 15)
    for _ in range(45):
        LeafletPageFactory(
            parent=materials_index,
            audiences=[students],
            keywords=["d"],
            image=ImageFactory(),
            image_alt="Bìa",
        )
    assert (
        count_queries(client, materials_index.url, django_assert_max_num_queries, 15) == with_five
    )


@pytest.mark.django_db
@pytest.mark.parametrize("filters, budget", [("", 4), ("?audience=hoc-sinh", 5)])
def test_a_list_seen_before_runs_only_the_queries_that_find_its_page(
    client, news_index, students, site_settings, django_assert_max_num_queries, filters, budget
):
    for _ in range(3):
        ArticlePageFactory(parent=news_index, audiences=[students], keywords=["c"])
    client.get(news_index.url + filters)
    # Finding the page (2), Wagtail's check of its view restrictions (2) and that each filter
    # names something (1 each): the counts, the page of results, the cards and the filters are
    # kept until a change.
    with django_assert_max_num_queries(budget):
        client.get(news_index.url + filters)


@pytest.mark.django_db
def test_a_list_seen_before_shows_a_newly_published_article_and_counts_it(
    client, news_index, students
):
    ArticlePageFactory(parent=news_index, title="Bài cũ", audiences=[students])
    assert titles(client.get(news_index.url + "?audience=hoc-sinh")) == ["Bài cũ"]
    new = ArticlePageFactory(parent=news_index, title="Bài mới", audiences=[students])
    new.save_revision().publish()
    response = client.get(news_index.url + "?audience=hoc-sinh")
    assert titles(response) == ["Bài cũ", "Bài mới"]
    assert response.context["listing"].total == 2


def test_article_is_the_only_type_the_article_list_holds():
    assert ArticlePage.parent_page_types == ["news.NewsIndexPage"]
