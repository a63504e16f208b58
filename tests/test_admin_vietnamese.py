"""Every admin screen our roles use reads in Vietnamese, for each role that uses it.

Each screen is rendered with the Django test client on the demo data, as each role, with a
browser that asks for English first (the admin must still answer in Vietnamese), and its visible
text is searched for English (`tests/visible_english.py` says how). The strings Wagtail's
JavaScript draws come from the JavaScript catalogue, which the last tests check.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db.models import CharField, TextField
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

import wagtail
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaigns.models import ActivityRecord, Campaign, Indicator
from news.models import (
    ArticlePage,
    LeafletPage,
    MaterialsIndexPage,
    NewsIndexPage,
    PosterPage,
    ProgrammeContact,
)
from taxonomy.models import AdministrativeUnit, Audience
from tests.campaigns.record_forms import form_data
from tests.visible_english import PLACEHOLDER, EnglishDetector, sidebar_labels, visible_text

EDITOR = "bientap"
MODERATOR = "kiemduyet"
DISTRICT = "canbo.tranbien"
COMMUNE = "26041"  # Phường Trấn Biên, DISTRICT's unit
COORDINATOR = "dieuphoi"
SUPERUSER = "quantri"
ANONYMOUS = None

PUBLISHERS = [EDITOR, MODERATOR, SUPERUSER]
COUNTERS = [DISTRICT, COORDINATOR, SUPERUSER]
STAFF = [EDITOR, MODERATOR, DISTRICT, COORDINATOR, SUPERUSER]
ASKS_FOR_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
WAGTAIL_JS_CATALOGUE = (
    Path(wagtail.__file__).parent / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
)
JS_CATALOGUE = re.compile(r"const newcatalog = (\{.*?\n  \});", re.DOTALL)


@dataclass
class Screen:
    """One admin screen: how to reach it (`url(world)`), and what to post there, if anything."""

    name: str
    url: object
    roles: list
    post: object = None
    prepare: object = None
    follow: bool = True
    extra: dict = field(default_factory=dict)


def by_name(name, *args):
    return lambda world: reverse(name, args=[arg(world) if callable(arg) else arg for arg in args])


def first(model):
    return lambda world: model.objects.order_by("pk").first().pk


def article(world):
    return ArticlePage.objects.live().order_by("pk").first().pk


def demo_revision(world):
    """The article's revision as the demo loader saved it: by no one."""
    return ArticlePage.objects.get(pk=article(world)).latest_revision.pk


def news_index(world):
    return NewsIndexPage.objects.get(locale__language_code="vi").pk


def materials_library(world):
    return MaterialsIndexPage.objects.get(locale__language_code="vi").pk


def moderated(world):
    return world["moderated"].pk


def task_state(world):
    return world["task_state"].pk


def own_record(world):
    return ActivityRecord.objects.filter(unit__code=COMMUNE).order_by("pk").first().pk


def own_month(world):
    record = ActivityRecord.objects.filter(unit__code=COMMUNE).order_by("-date").first()
    return reverse("campaigns_reporting_period", args=[COMMUNE, f"{record.date:%Y-%m}"])


def own_month_entry(world):
    record = ActivityRecord.objects.filter(unit__code=COMMUNE).order_by("-date").first()
    return reverse("campaigns_month_entry", args=[COMMUNE, f"{record.date:%Y-%m}"])


def this_month_entry(world):
    return reverse("campaigns_month_entry", args=[COMMUNE, f"{timezone.localdate():%Y-%m}"])


def month_entry_errors(world):
    leaflets = Indicator.objects.get(code="leaflets")
    return {f"quantity-{leaflets.pk}": "mười"}


def reset_confirm(world):
    user = get_user_model().objects.get(username=EDITOR)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "wagtailadmin_password_reset_confirm",
        args=[uid, default_token_generator.make_token(user)],
    )


def confirmed_device(user):
    TOTPDevice.objects.create(user=user, name="điện thoại", confirmed=True)


def a_valid_record(world):
    indicator = Indicator.objects.get(code="leaflets")
    return form_data(AdministrativeUnit.objects.named(COMMUNE), indicator, date="2026-11-20")


SCREENS = [
    # Signing in, and a forgotten password, step by step.
    Screen("login", by_name("wagtailadmin_login"), [ANONYMOUS]),
    Screen(
        "login with a wrong password",
        by_name("wagtailadmin_login"),
        [ANONYMOUS],
        post=lambda world: {"username": EDITOR, "password": "sai-mat-khau"},
    ),
    Screen("password reset", by_name("wagtailadmin_password_reset"), [ANONYMOUS]),
    Screen(
        "password reset sent",
        by_name("wagtailadmin_password_reset"),
        [ANONYMOUS],
        post=lambda world: {"email": "bientap@example.com"},
    ),
    Screen("password reset: new password", reset_confirm, [ANONYMOUS]),
    Screen(
        "password reset: link expired",
        by_name("wagtailadmin_password_reset_confirm", "MQ", "sai-ma"),
        [ANONYMOUS],
    ),
    Screen("password reset complete", by_name("wagtailadmin_password_reset_complete"), [ANONYMOUS]),
    # Every role.
    Screen("dashboard", by_name("wagtailadmin_home"), STAFF),
    Screen("account", by_name("wagtailadmin_account"), STAFF),
    Screen(
        "account: password too short",
        by_name("wagtailadmin_account"),
        STAFF,
        post=lambda world: {
            "password-old_password": "sai",
            "password-new_password1": "ngan",
            "password-new_password2": "khac",
        },
        follow=False,
    ),
    Screen("two-step sign-in: set up", by_name("two_factor_setup"), STAFF),
    Screen(
        "two-step sign-in: wrong code",
        by_name("two_factor_setup"),
        STAFF,
        post=lambda world: {"token": "12"},
    ),
    Screen(
        "two-step sign-in: code after password",
        by_name("two_factor_verify"),
        STAFF,
        prepare=confirmed_device,
    ),
    # Publishing.
    Screen("page explorer", by_name("wagtailadmin_explore_root"), PUBLISHERS),
    Screen("article list", by_name("wagtailadmin_explore", news_index), PUBLISHERS),
    Screen(
        "article list: nothing found",
        lambda world: reverse("wagtailadmin_explore", args=[news_index(world)]) + "?q=khongcogi",
        PUBLISHERS,
    ),
    Screen(
        "page search", lambda world: reverse("wagtailadmin_pages:search") + "?q=lừa", PUBLISHERS
    ),
    Screen("choose a page type", by_name("wagtailadmin_pages:add_subpage", news_index), PUBLISHERS),
    Screen(
        "new article",
        by_name("wagtailadmin_pages:add", "news", "articlepage", news_index),
        PUBLISHERS,
    ),
    Screen(
        "new article: errors",
        by_name("wagtailadmin_pages:add", "news", "articlepage", news_index),
        PUBLISHERS,
        post=lambda world: nested_form_data(
            {"title": "", "slug": "", "body": streamfield([]), "action-submit": "1"}
        ),
    ),
    Screen("edit article", by_name("wagtailadmin_pages:edit", article), PUBLISHERS),
    Screen("article in review", by_name("wagtailadmin_pages:edit", moderated), PUBLISHERS),
    Screen(
        "approve with a comment",
        by_name("wagtailadmin_pages:workflow_action", moderated, "approve", task_state),
        [MODERATOR, SUPERUSER],
    ),
    Screen(
        "request changes",
        by_name("wagtailadmin_pages:workflow_action", moderated, "reject", task_state),
        [MODERATOR, SUPERUSER],
    ),
    Screen("materials library", by_name("wagtailadmin_explore", materials_library), PUBLISHERS),
    Screen("edit a leaflet", by_name("wagtailadmin_pages:edit", first(LeafletPage)), PUBLISHERS),
    Screen("edit a poster", by_name("wagtailadmin_pages:edit", first(PosterPage)), PUBLISHERS),
    Screen("page history", by_name("wagtailadmin_pages:history", article), PUBLISHERS),
    Screen(
        "an earlier version",
        by_name("wagtailadmin_pages:revisions_revert", article, demo_revision),
        PUBLISHERS,
    ),
    Screen("unpublish", by_name("wagtailadmin_pages:unpublish", article), [MODERATOR, SUPERUSER]),
    Screen("delete a page", by_name("wagtailadmin_pages:delete", article), [MODERATOR, SUPERUSER]),
    Screen(
        "choose a page",
        by_name("wagtailadmin_choose_page_child", news_index),
        PUBLISHERS,
    ),
    Screen("images", by_name("wagtailimages:index"), PUBLISHERS),
    Screen(
        "images: nothing found",
        lambda world: reverse("wagtailimages:index") + "?q=khongcogi",
        PUBLISHERS,
    ),
    Screen("upload images", by_name("wagtailimages:add_multiple"), PUBLISHERS),
    Screen("edit an image", by_name("wagtailimages:edit", first(get_image_model())), PUBLISHERS),
    Screen("choose an image", by_name("wagtailimages_chooser:choose"), PUBLISHERS),
    Screen("documents", by_name("wagtaildocs:index"), PUBLISHERS),
    Screen("upload documents", by_name("wagtaildocs:add_multiple"), PUBLISHERS),
    Screen("edit a document", by_name("wagtaildocs:edit", first(get_document_model())), PUBLISHERS),
    Screen("choose a document", by_name("wagtaildocs_chooser:choose"), PUBLISHERS),
    Screen("snippets", by_name("wagtailsnippets:index"), [*PUBLISHERS, COORDINATOR]),
    Screen(
        "audiences",
        by_name("wagtailsnippets_taxonomy_audience:list"),
        [*PUBLISHERS, COORDINATOR],
    ),
    Screen(
        "edit an audience",
        by_name("wagtailsnippets_taxonomy_audience:edit", first(Audience)),
        PUBLISHERS,
    ),
    Screen(
        "new audience: errors",
        by_name("wagtailsnippets_taxonomy_audience:add"),
        PUBLISHERS,
        post=lambda world: {"name": ""},
    ),
    Screen(
        "administrative units",
        by_name("wagtailsnippets_taxonomy_administrativeunit:list"),
        [*PUBLISHERS, COORDINATOR],
    ),
    Screen(
        "edit an administrative unit",
        by_name("wagtailsnippets_taxonomy_administrativeunit:edit", first(AdministrativeUnit)),
        [COORDINATOR, SUPERUSER],
    ),
    Screen(
        "programme contacts",
        by_name("wagtailsnippets_news_programmecontact:list"),
        PUBLISHERS,
    ),
    Screen(
        "edit a programme contact",
        by_name("wagtailsnippets_news_programmecontact:edit", first(ProgrammeContact)),
        PUBLISHERS,
    ),
    Screen("downloads", by_name("wagtailsnippets_news_downloadcount:list"), PUBLISHERS),
    Screen(
        "site settings",
        by_name("wagtailsettings:edit", "core", "sitesettings"),
        [MODERATOR, SUPERUSER],
    ),
    Screen("workflows report", by_name("wagtailadmin_reports:workflow"), PUBLISHERS),
    Screen("workflow tasks report", by_name("wagtailadmin_reports:workflow_tasks"), PUBLISHERS),
    Screen("site history", by_name("wagtailadmin_reports:site_history"), PUBLISHERS),
    Screen("page types usage", by_name("wagtailadmin_reports:page_types_usage"), PUBLISHERS),
    Screen("aging pages", by_name("wagtailadmin_reports:aging_pages"), PUBLISHERS),
    Screen("locked pages", by_name("wagtailadmin_reports:locked_pages"), PUBLISHERS),
    # Counting.
    Screen("activity records", by_name("activity_records:index"), COUNTERS),
    Screen(
        "activity records: page 2",
        lambda world: reverse("activity_records:index") + "?p=2",
        [COORDINATOR, SUPERUSER],
    ),
    Screen(
        "activity records: nothing found",
        lambda world: reverse("activity_records:index") + "?q=khongcogi",
        COUNTERS,
    ),
    Screen("record an activity", by_name("activity_records:add"), COUNTERS),
    Screen(
        "record an activity: errors",
        by_name("activity_records:add"),
        COUNTERS,
        post=lambda world: {"date": "2999-01-01", "quantity": "0"},
    ),
    Screen("record saved", by_name("activity_records:add"), COUNTERS, post=a_valid_record),
    Screen("edit a record", by_name("activity_records:edit", own_record), COUNTERS),
    Screen("delete a record", by_name("activity_records:delete", own_record), COUNTERS),
    Screen("record history", by_name("activity_records:history", own_record), COUNTERS),
    Screen("my totals", by_name("campaigns_my_totals"), COUNTERS),
    Screen("monthly reports", by_name("campaigns_reporting_months"), COUNTERS),
    Screen("one unit's month", own_month, COUNTERS),
    Screen("month entry: choose", by_name("campaigns_month_entry_start"), COUNTERS),
    Screen("month entry", own_month_entry, COUNTERS),
    Screen("month entry: errors", this_month_entry, COUNTERS, post=month_entry_errors),
    Screen("reporting audit log", by_name("campaigns_audit_log"), [COORDINATOR, SUPERUSER]),
    Screen("report", by_name("campaigns_report"), [COORDINATOR, SUPERUSER]),
    Screen(
        "report: errors",
        lambda world: reverse("campaigns_report") + "?year=abc",
        [COORDINATOR, SUPERUSER],
    ),
    Screen(
        "indicators", by_name("wagtailsnippets_campaigns_indicator:list"), [COORDINATOR, SUPERUSER]
    ),
    Screen(
        "edit an indicator",
        by_name("wagtailsnippets_campaigns_indicator:edit", first(Indicator)),
        [COORDINATOR, SUPERUSER],
    ),
    Screen(
        "campaigns", by_name("wagtailsnippets_campaigns_campaign:list"), [COORDINATOR, SUPERUSER]
    ),
    Screen(
        "edit a campaign",
        by_name("wagtailsnippets_campaigns_campaign:edit", first(Campaign)),
        [COORDINATOR, SUPERUSER],
    ),
    Screen(
        "new campaign", by_name("wagtailsnippets_campaigns_campaign:add"), [COORDINATOR, SUPERUSER]
    ),
    Screen(
        "unit assignments",
        by_name("wagtailsnippets_accounts_unitassignment:list"),
        [COORDINATOR, SUPERUSER],
    ),
    Screen(
        "new unit assignment",
        by_name("wagtailsnippets_accounts_unitassignment:add"),
        [COORDINATOR, SUPERUSER],
    ),
]


def cases():
    for screen in SCREENS:
        for role in screen.roles:
            yield pytest.param(screen, role, id=f"{screen.name} as {role or 'anonymous'}")


@pytest.fixture(scope="class")
def world(demo_data_for_class, django_db_blocker):
    """The demo, plus an article waiting for review, once for the class."""
    with django_db_blocker.unblock():
        users = {user.username: user for user in get_user_model().objects.all()}
        draft = ArticlePage.objects.live().order_by("pk").last()
        revision = draft.save_revision(user=users[EDITOR])
        draft.get_workflow().start(draft, users[EDITOR])
        state = WorkflowState.objects.get(object_id=str(draft.pk), status="in_progress")
        yield {
            "users": users,
            "moderated": draft,
            "revision": revision,
            "task_state": state.current_task_state,
        }


OUR_APPS = ("core", "taxonomy", "accounts", "home", "news", "campaigns")


def english_by_design():
    """What the data holds in English on purpose: indicator codes, every `*_en` field of our models,
    and every text field of the English edition's pages (titles, search descriptions, standfirsts)."""
    texts = list(Indicator.objects.values_list("code", flat=True))
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if f.name.endswith("_en") and isinstance(f, CharField | TextField)
            ]
            if fields:
                texts += [text for row in model.objects.values_list(*fields) for text in row]
    for page in Page.objects.filter(locale__language_code="en").specific():
        texts += [
            getattr(page, f.name)
            for f in page._meta.concrete_fields
            if isinstance(f, CharField | TextField)
        ]
    return [text for text in texts if text]


@pytest.fixture(scope="class")
def detector(world):
    return EnglishDetector(
        allowed_text=english_by_design(),
        # Indicator codes are identifiers, shown as such ("Ví dụ: leaflets").
        allowed_words=Indicator.objects.values_list("code", flat=True),
    )


def shown(response):
    """The HTML of a response; a modal answers JSON with its HTML inside."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("world")
class TestAdminReadsInVietnamese:
    @pytest.mark.parametrize(("screen", "role"), list(cases()))
    def test_no_english_on_screen(self, client, world, detector, screen, role):
        if role is not None:
            user = world["users"][role]
            if screen.prepare:
                screen.prepare(user)
            client.force_login(user)
        url = screen.url(world)
        if screen.post:
            response = client.post(
                url, screen.post(world), follow=screen.follow, **ASKS_FOR_ENGLISH
            )
        else:
            response = client.get(url, follow=True, **ASKS_FOR_ENGLISH)
        assert response.status_code in {200, 400}, (response.status_code, response.redirect_chain)
        english = detector.english_in(visible_text(shown(response)))
        assert not english, "English on the screen:\n" + "\n".join(english)

    def test_the_menu_leads_only_coordinators_to_indicators_and_campaigns(self, client, world):
        def menu(role):
            client.force_login(world["users"][role])
            html = client.get(reverse("wagtailadmin_home"), **ASKS_FOR_ENGLISH).content.decode()
            return set(sidebar_labels(BeautifulSoup(html, "html.parser")))

        coordinators_only = {"Chỉ tiêu", "Chiến dịch"}
        assert coordinators_only <= menu(COORDINATOR)
        assert not coordinators_only & menu(DISTRICT)
        assert {"Bản ghi hoạt động", "Số liệu của tôi"} <= menu(DISTRICT)

    @pytest.mark.parametrize(
        ("url_name", "title"),
        [
            ("campaigns_my_totals", "Số liệu của tôi"),
            ("campaigns_reporting_months", "Báo cáo tháng"),
            ("two_factor_setup", "Đăng nhập hai bước"),
        ],
    )
    def test_our_screens_are_headed_by_their_title(self, client, world, url_name, title):
        client.force_login(world["users"][COORDINATOR])
        html = client.get(reverse(url_name), **ASKS_FOR_ENGLISH).content.decode()
        breadcrumbs = BeautifulSoup(html, "html.parser").select("nav ol li")
        assert [" ".join(item.get_text().split()) for item in breadcrumbs] == ["Trang chủ", title]


@pytest.mark.django_db
def test_wagtails_javascript_strings_read_in_vietnamese(client, editor):
    """What Wagtail's scripts draw (the sidebar, the page explorer, comments, StreamField) comes
    from /admin/jsi18n/, where our djangojs catalogue is merged over Wagtail's own."""
    client.force_login(editor)
    script = client.get(reverse("wagtailadmin_javascript_catalog"), **ASKS_FOR_ENGLISH)
    catalogue = json.loads(JS_CATALOGUE.search(script.content.decode()).group(1))
    detector = EnglishDetector()
    english = []
    for entry in polib.pofile(str(WAGTAIL_JS_CATALOGUE)):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        shown = catalogue.get(key, entry.msgid)
        shown = " ".join(shown) if isinstance(shown, list) else shown
        if detector.is_english(PLACEHOLDER.sub(" ", shown)):
            english.append(entry.msgid)
    assert not english, "Wagtail's JavaScript shows in English:\n" + "\n".join(english)
