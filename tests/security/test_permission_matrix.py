"""Every URL the project serves, and who gets what from it.

Routes are discovered from the URL configuration: a new route fails
`test_every_route_has_an_expectation` until a row of ROUTES below covers it. Each row is a
regular expression over the route pattern and the answer class per role for a GET without
arguments: A allowed (2xx), L sent to sign in (redirect, or 401 from the API), R redirected
onward (a signed-in user on the login page), F forbidden (403, or Wagtail's redirect to
the dashboard with "no permission"), N not found, "-" not checked here (a route with arguments:
the district isolation tests below and the app tests cover those).

Routes with arguments are filled automatically (`arguments_for`) with the objects of one unit,
and district staff of unit A are checked on every one of them with unit B's objects, by GET and
by POST: never a 2xx, and nothing of unit B changes. A route with arguments that cannot be
filled must be listed in UNFILLED with the reason, or `test_every_route_with_arguments_is_filled`
fails.
"""

import datetime
import re
from types import SimpleNamespace

import pytest

from django.contrib.messages import get_messages
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, Locale, Page, Site

from accounts.models import UnitAssignment
from accounts.roles import Role
from campaigns.importing import batches
from campaigns.importing.models import ImportBatch
from campaigns.models import ActivityRecord, ReportingPeriod
from news.models import DownloadCount, ProgrammeContact
from news.search.models import SearchMiss, SearchSynonym
from taxonomy.models import AdministrativeUnit
from tests.campaigns.record_forms import form_data
from tests.campaigns.spreadsheets import row, xlsx_bytes
from tests.factories import (
    ActivityRecordFactory,
    ArticlePageFactory,
    AudienceFactory,
    CampaignFactory,
    DocumentFactory,
    ImageFactory,
    IndicatorFactory,
)

ROLES = ["anonymous", "editor", "moderator", "local", "coordinator", "superuser"]

# (route pattern regex,       anonymous, editor, moderator, district, coordinator, superuser)
ROUTES = [
    (r"^admin/login/$", "A R R R R R"),  # signed-in users are sent on
    (r"^admin/password_reset/$", "A A A A A A"),
    (r"^admin/$", "L A A A A A"),
    (r"^admin/pages/$", "L A A F F A"),
    (r"^admin/images/$", "L A A F F A"),
    (r"^admin/documents/$", "L A A F F A"),
    (r"^admin/images/add/$", "L A A F F A"),
    (r"^admin/documents/add/$", "L A A F F A"),
    (r"^admin/users/$", "L F F F F A"),
    (r"^admin/groups/$", "L F F F F A"),
    (r"^admin/activity_records/$", "L F F A A A"),
    (r"^admin/campaigns/my-totals/$", "L F F A A A"),
    (r"^admin/account/two-factor/$", "L A A A A A"),
    (r"^api/v1/records/$", "L A A A A A"),  # editors: an empty list
    (r"^api/v1/(units|indicators|campaigns|totals|schema)/$", "A A A A A A"),
    (r"^(sitemap\.xml|robots\.txt)$", "A A A A A A"),
    (r"^admin/snippets/choose/accounts/unitassignment/$", "L F F F A A"),  # who records where
    # Everything else under the admin: Wagtail's own screens with their permission checks, and
    # routes with arguments; anonymous is always sent to the login.
    (r"^admin/", "L - - - - -"),
    (r"^documents/", "- - - - - -"),
    (r"^api/v1/", "- - - - - -"),
    # The public site (pages, search, feeds, listings): open to all.
    (r"^(en/)?", "- - - - - -"),
]
SPECIFIC = ROUTES[:-4]  # the rows above the catch-alls, checked by GET for every role


def walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def all_routes():
    return sorted(set(walk(get_resolver().url_patterns)))


def expectations_for(route):
    for regex, answers in ROUTES:
        if re.search(regex, route):
            return regex, dict(zip(ROLES, answers.split(), strict=True))
    return None, None


def test_every_route_has_an_expectation():
    routes = all_routes()
    assert len(routes) > 100
    assert [route for route in routes if expectations_for(route)[0] is None] == []
    # The specific rows still name real routes (a renamed route would otherwise go unchecked).
    for regex, _answers in SPECIFIC:
        for path in concrete(regex):
            resolve(path)


CHECKED = [
    (route.replace("^", "").replace("$", ""), role, answer)
    for regex, answers in SPECIFIC
    for route in (regex,)
    for role, answer in zip(ROLES, answers.split(), strict=True)
    if answer != "-"
]


def concrete(regex):
    path = "/" + regex.replace("^", "").replace("$", "").replace("\\", "")
    alternatives = re.match(r"^(.*)\(([^)]*)\)(.*)$", path)
    if alternatives:
        head, options, tail = alternatives.groups()
        return [head + option + tail for option in options.split("|")]
    return [path]


@pytest.fixture
def user_for(make_staff, district, django_user_model):
    def build(role):
        if role == "anonymous":
            return None
        if role == "superuser":
            return django_user_model.objects.create_superuser("qt", "qt@example.vn", "x")
        return make_staff(Role(role), [district] if role == "local" else [])

    return build


def answer_class(response):
    if 200 <= response.status_code < 300:
        return "A"
    if response.status_code == 404:
        return "N"
    if response.status_code == 403:
        return "F"
    if response.status_code == 401:
        return "L"  # the API: sign in (token or session) first
    if response.status_code in (301, 302):
        location = response["Location"]
        if "/login/" in location:
            return "L"
        denied = any(m.level_tag == "error" for m in get_messages(response.wsgi_request))
        if location == "/admin/" and denied:
            return "F"  # Wagtail's "Sorry, you do not have permission" redirect
        return "R"
    return str(response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer(client, user_for, role):
    user = user_for(role)
    if user is not None:
        client.force_login(user)
    got, wanted = {}, {}
    for regex, answers in SPECIFIC:
        answer = dict(zip(ROLES, answers.split(), strict=True))[role]
        for path in concrete(regex):
            wanted[path] = answer
            got[path] = answer_class(client.get(path))
    assert got == wanted


@pytest.mark.django_db
class TestDistrictIsolation:
    """District staff of unit A (731) can neither read nor change anything of unit B (741)."""

    @pytest.fixture
    def records(self, district, other_district):
        return ActivityRecordFactory(unit=district), ActivityRecordFactory(unit=other_district)

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/activity_records/edit/{pk}/",
            "/admin/activity_records/delete/{pk}/",
            "/admin/activity_records/history/{pk}/",
            "/admin/activity_records/usage/{pk}/",
            "/api/v1/records/{pk}/",
        ],
    )
    def test_other_units_record_is_not_found_by_url(self, client, district_staff, records, url):
        client.force_login(district_staff)
        assert client.get(url.format(pk=records[1].pk)).status_code == 404
        assert client.get(url.format(pk=records[0].pk)).status_code == 200

    def test_query_parameters_do_not_widen_the_list(self, client, district_staff, records):
        client.force_login(district_staff)
        for params in ({"unit": "741"}, {"unit": "75"}, {"unit": ["731", "741"]}, {"page": 1}):
            ids = {row["id"] for row in client.get("/api/v1/records/", params).json()["results"]}
            assert records[1].pk not in ids
        html = client.get("/admin/activity_records/", {"unit": records[1].unit.pk}).content
        assert records[1].place.encode() not in html or records[0].place == records[1].place

    def test_changing_the_unit_field_to_another_unit_is_refused(
        self, client, district_staff, records, other_district
    ):
        client.force_login(district_staff)
        own = records[0]
        response = client.patch(
            f"/api/v1/records/{own.pk}/", {"unit": "741"}, content_type="application/json"
        )
        assert response.status_code in {400, 403}
        own.refresh_from_db()
        assert own.unit.code == "731"
        created = client.post(
            "/api/v1/records/",
            {"unit": "741", "indicator": own.indicator.code, "date": "2024-07-01", "quantity": 1},
            content_type="application/json",
        )
        assert created.status_code in {400, 403}
        assert list(ActivityRecord.objects.filter(unit=other_district)) == [records[1]]

    def test_deleting_another_units_record_by_post_or_api_fails(
        self, client, district_staff, records
    ):
        client.force_login(district_staff)
        assert client.post(f"/admin/activity_records/delete/{records[1].pk}/").status_code == 404
        assert client.delete(f"/api/v1/records/{records[1].pk}/").status_code == 404
        records[1].refresh_from_db()


# Routes with arguments ------------------------------------------------------------------------

MONTH = "2024-07"

# The model a bare `pk` (or `object_id`) names, by route.
PK_OBJECTS = [
    (r"^admin/activity_records/", "record"),
    (r"^admin/campaigns/import/", "import_batch"),
    (r"^admin/locales/", "locale"),
    (r"^admin/translation/submit/snippet/", "audience"),
    (r"^api/v1/\^records/", "record"),
    (r"^admin/snippets/(choose/)?accounts/unitassignment/", "assignment"),
    (r"^admin/snippets/(choose/)?news/programmecontact/", "contact"),
    (r"^admin/snippets/(choose/)?news/downloadcount/", "download_count"),
    (r"^admin/snippets/(choose/)?news/searchsynonym/", "search_synonym"),
    (r"^admin/snippets/(choose/)?news/searchmiss/", "search_miss"),
    (r"^admin/snippets/(choose/)?taxonomy/administrativeunit/", "unit"),
    (r"^admin/snippets/(choose/)?taxonomy/audience/", "audience"),
    (r"^admin/snippets/(choose/)?campaigns/campaign/", "campaign"),
    (r"^admin/snippets/(choose/)?campaigns/indicator/", "indicator"),
    (r"^admin/users/", "user"),
    (r"^admin/groups/", "group"),
    (r"^admin/sites/", "site"),
    (r"^admin/collections/", "collection"),
    (r"^admin/workflows/tasks/", "task"),
    (r"^admin/workflows/", "workflow"),
    (r"^admin/(api/main/\^)?images/", "image"),
    (r"^admin/(api/main/\^)?documents/", "document"),
    (r"^admin/api/main/\^pages/", "page"),
    (r"^admin/settings/", "site"),
]

# Arguments that name a model or an action rather than an object, by route.
ROUTE_VALUES = [
    (r"^admin/pages/(add|create|usage)/", {"app": "news", "model": "articlepage"}),
    (r"^admin/settings/", {"app": "core", "model": "sitesettings"}),
    (r"^admin/translation/submit/snippet/", {"app": "taxonomy", "model": "audience"}),
    (r"^admin/tag-autocomplete/", {"app": "news", "model": "keyword"}),
    (r"^admin/workflows/tasks/add/", {"app": "wagtailcore", "model": "groupapprovaltask"}),
    (r"^admin/bulk/", {"app": "wagtailcore", "model": "page", "action": "delete"}),
    (r"^admin/pages/workflow/", {"action": "approve"}),
    (r"^admin/api/main/\^pages/", {"action": "publish"}),
    (r"^(admin/campaigns/reports|api/v1/periods)/", {"action": "submit"}),
]

# Arguments by name: an attribute of the unit's objects, or a function of them.
NAMED = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "page",
    "page_pk": "page",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "revision_id": "revision",
    "workflow_pk": "workflow",
    "workflow_state_id": "workflow_state",
    "task_state_id": "task_state",
    "task_id": "task",
    "collection_id": "collection",
    "redirect_id": "redirect",
    "unit_code": lambda objects: objects.unit.code,
    "code": lambda objects: objects.unit.code,
    "month": lambda objects: MONTH,
    "year": lambda objects: MONTH[:4],
    "slug": lambda objects: objects.audience.slug,
    "kind": lambda objects: "pdf",
    "filter_spec": lambda objects: "max-100x100",
}
NAME_ALIASES = {
    "app": ("app_label", "app_name", "content_type_app_name"),
    "model": ("model_name", "content_type_model_name"),
    "action": ("action", "action_name"),
}

# Routes with arguments this test cannot fill, and why they need no filling.
UNFILLED = {
    r"^_util/authenticate_with_password/": "a password-protected page's password form; the "
    "project uses no page passwords",
    r"^documents/authenticate_with_password/": "the same for documents; no collection has one",
    r"^admin/password_reset/confirm/": "a reset link signed for one account (Django's tokens)",
    r"^admin/editing-sessions/": "the signed-in user's own editing session of an object",
    r"^admin/(images|documents)/multiple/(create_from_uploaded_\w+|delete_upload)/": "an upload "
    "in progress of the user's own; district staff cannot upload (test_uploads)",
}


def route_arguments(route):
    return re.findall(r"\(\?P<(\w+)>|<(?:\w+:)?(\w+)>", route)


def arguments_for(route, objects):
    """The route's arguments filled from `objects` (one unit's), or None if it cannot be filled."""
    values = {}
    for regex, fixed in ROUTE_VALUES:
        if re.search(regex, route):
            for key, value in fixed.items():
                for name in NAME_ALIASES.get(key, (key,)):
                    values.setdefault(name, value)
    pk_object = next((attr for regex, attr in PK_OBJECTS if re.search(regex, route)), None)
    filled = {}
    for pair in route_arguments(route):
        name = pair[0] or pair[1]
        if name in values:
            filled[name] = values[name]
        elif name in ("pk", "object_id") and pk_object:
            filled[name] = getattr(objects, pk_object).pk
        elif name in NAMED:
            source = NAMED[name]
            filled[name] = source(objects) if callable(source) else getattr(objects, source).pk
        else:
            return None
    return filled


def path_for(route, arguments):
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(arguments[m.group(1)]), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(arguments[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "")


def routes_with_arguments():
    return [route for route in all_routes() if route_arguments(route)]


def is_public(route):
    return not route.startswith(("admin/", "api/", "documents/", "_util/"))


class Placeholders:
    """Stands in for one unit's objects where only the filling's shape matters."""

    def __getattr__(self, name):
        return SimpleNamespace(pk=1, code="731", slug="hoc-sinh")


def test_every_route_with_arguments_is_filled_or_listed():
    objects = Placeholders()
    unfilled = [
        route
        for route in routes_with_arguments()
        if arguments_for(route, objects) is None
        and not any(re.search(regex, route) for regex in UNFILLED)
    ]
    assert unfilled == []
    for regex in UNFILLED:  # each reason still names a real route
        assert any(re.search(regex, route) for route in routes_with_arguments()), regex
    for route in routes_with_arguments():
        arguments = arguments_for(route, objects)
        if arguments is not None:
            resolve(path_for(route, arguments))


def unit_objects(unit, staff, page):
    """What belongs to `unit` (or stands in for an object of the site, for routes that need one)."""
    return SimpleNamespace(
        unit=unit,
        user=staff,
        assignment=UnitAssignment.objects.get(user=staff, unit=unit),
        record=ActivityRecordFactory(unit=unit, note=f"ghi chú {unit.code}"),
        contact=ProgrammeContact.objects.create(
            unit=unit, office=f"Ban Chủ nhiệm {unit.name}", address="x", phone="0251"
        ),
        period=ReportingPeriod.objects.get_or_create(unit=unit, month=datetime.date(2024, 7, 1))[0],
        # A spreadsheet the unit's staff uploaded and has not confirmed yet.
        import_batch=batches.upload(
            staff,
            unit,
            datetime.date(2024, 7, 1),
            f"thang-7-{unit.code}.xlsx",
            xlsx_bytes([row(unit=unit.code, date="15/07/2024")]),
        ),
        page=page,
        revision=page.latest_revision,
        workflow=page.get_workflow(),
        workflow_state=page.current_workflow_state,
        task_state=page.current_workflow_state.current_task_state,
        task=page.current_workflow_state.current_task_state.task,
        image=ImageFactory(),
        document=DocumentFactory(),
        campaign=CampaignFactory(units=[unit]),
        indicator=IndicatorFactory(),
        audience=AudienceFactory(),
        download_count=DownloadCount.objects.create(page=page, file="pdf", count=3),
        search_synonym=SearchSynonym.objects.create(
            terms=f"thử {unit.code}, thí nghiệm {unit.code}"
        ),
        search_miss=SearchMiss.objects.create(
            query=f"khong thay {unit.code}", language="vi", count=2
        ),
        group=staff.groups.get(),
        site=Site.objects.get(is_default_site=True),
        collection=Collection.get_first_root_node(),
        locale=Locale.objects.get(language_code="en"),
        redirect=Redirect.objects.create(old_path=f"/cu-{unit.code}", redirect_page=page),
    )


def snapshot(objects):
    """Everything of a unit that a request could change, as plain values."""
    unit = objects.unit
    return {
        "records": list(ActivityRecord.objects.filter(unit=unit).values()),
        "periods": list(ReportingPeriod.objects.filter(unit=unit).values()),
        "assignments": list(UnitAssignment.objects.filter(unit=unit).values()),
        "contact": list(ProgrammeContact.objects.filter(unit=unit).values()),
        "unit": list(AdministrativeUnit.objects.filter(pk=unit.pk).values()),
        "user": list(type(objects.user).objects.filter(pk=objects.user.pk).values()),
        "campaign": list(objects.campaign.units.values_list("pk", flat=True)),
        "import": list(ImportBatch.objects.filter(unit=unit).values()),
        "pages": list(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
    }


@pytest.fixture
def two_units(make_staff, district, other_district, editor):
    """Unit A (731, the signed-in district staff's) and unit B (741), each with its objects."""
    home = Page.objects.get(depth=2)
    units = {}
    for unit in (district, other_district):
        staff = make_staff(Role.LOCAL, [unit], username=f"canbo-{unit.code}")
        page = ArticlePageFactory(parent=home, title=f"Bài {unit.code}", slug=f"bai-{unit.code}")
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
        units[unit.code] = unit_objects(unit, staff, page)
    return SimpleNamespace(a=units["731"], b=units["741"])


def fill(routes, objects):
    return {
        route: path_for(route, arguments)
        for route in routes
        if (arguments := arguments_for(route, objects)) is not None
    }


# What district staff may still get on a route filled with unit B's objects, and why no unit's
# data is in it. Wagtail opens its choosers and some page screens to every admin user.
DISTRICT_MAY_ANSWER = {
    r"^admin/snippets/choose/(campaigns|taxonomy|news)/\w+/chosen/": "one indicator, campaign, "
    "unit, audience, programme contact or download count, as a chooser shows it: shared by every "
    "unit and public on the site or in /api/v1/ (a record for another unit is still refused)",
    r"^admin/(choose-page|images/chooser|workflows/task_chooser)/": "Wagtail's page, image and "
    "moderation-task choosers: publishing data, no unit's",
    r"^admin/api/main/\^(images|documents)/": "the choosers' API for images and documents",
    r"^admin/tag-autocomplete/": "keyword suggestions; keywords are public",
    r"^admin/pages/(create/|workflow/confirm_cancellation/|<int:page_to_move_id>/move/<int:"
    r"destination_id>/confirm/|<int:page_id>/revisions/$)": "Wagtail page screens that show a "
    "page's title and check permission when acting; the POST changes nothing (snapshot)",
}


@pytest.mark.django_db
class TestDistrictStaffWithAnotherUnitsObjects:
    """District staff of unit A on every route with arguments, filled with unit B's objects."""

    def answers(self, client, two_units, method):
        client.force_login(two_units.a.user)
        before = snapshot(two_units.b)
        got = {}
        for route, path in fill(routes_with_arguments(), two_units.b).items():
            if is_public(route):
                continue
            response = getattr(client, method)(path)
            got[route] = answer_class(response)
            assert snapshot(two_units.b) == before, f"{method.upper()} {path} changed unit B"
        return got

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_never_answered_and_nothing_changes(self, client, two_units, method):
        got = self.answers(client, two_units, method)
        allowed = [
            route
            for route, answer in got.items()
            if answer in {"A", "R"} and any(re.search(r, route) for r in DISTRICT_MAY_ANSWER)
        ]
        refused = {"F", "N", "L", "405", "400"}
        assert {r: a for r, a in got.items() if a not in refused and r not in allowed} == {}
        assert len(got) > 150

    def test_the_same_routes_answer_for_their_own_unit(self, client, two_units):
        """The check above is not empty: unit A's own objects are found by the same filling."""
        client.force_login(two_units.a.user)
        own = fill(routes_with_arguments(), two_units.a)
        for route in [
            r"admin/activity_records/edit/<int:pk>/",
            r"admin/activity_records/history/<int:pk>/",
            r"admin/activity_records/usage/<int:pk>/",
            r"admin/activity_records/delete/<int:pk>/",
            r"admin/campaigns/reports/<str:unit_code>/<str:month>/",
            r"admin/campaigns/import/<int:pk>/",
            r"api/v1/^records/(?P<pk>[^/.]+)/$",
        ]:
            assert client.get(own[route]).status_code == 200, route
        submit = own[r"api/v1/periods/<str:unit_code>/<str:month>/<str:action>"]
        assert client.post(submit).status_code == 200
        two_units.a.period.refresh_from_db()
        assert two_units.a.period.status == ReportingPeriod.Status.SUBMITTED


@pytest.mark.django_db
class TestForgedHiddenFields:
    """Forms for unit A's objects, posted with unit B in fields the form shows or does not."""

    def test_a_record_for_unit_b_is_refused_in_the_add_and_edit_forms(self, client, two_units):
        a, b = two_units.a, two_units.b
        client.force_login(a.user)
        before = snapshot(b)
        forged = form_data(b.unit, a.record.indicator, date="2024-07-29", place="giả mạo")
        added = client.post("/admin/activity_records/new/", forged)
        edited = client.post(f"/admin/activity_records/edit/{a.record.pk}/", forged)
        assert added.status_code == edited.status_code == 200  # the form again, with the error
        assert added.context["form"].errors["unit"]
        assert edited.context["form"].errors["unit"]
        a.record.refresh_from_db()
        assert a.record.unit == a.unit
        assert snapshot(b) == before

    def test_a_month_action_posted_with_unit_b_acts_on_unit_a_only(self, client, two_units):
        a, b = two_units.a, two_units.b
        client.force_login(a.user)
        before = snapshot(b)
        url = f"/admin/campaigns/reports/{a.unit.code}/{MONTH}/submit/"
        forged = {"unit": b.unit.pk, "unit_code": b.unit.code, "unit_id": b.unit.pk}
        assert client.post(url, forged).status_code == 302
        a.period.refresh_from_db()
        assert a.period.status == ReportingPeriod.Status.SUBMITTED
        assert snapshot(b) == before
        api = client.post(f"/api/v1/periods/{a.unit.code}/{MONTH}/submit", forged)
        assert api.status_code == 400  # already submitted: the forged unit did not redirect it
        assert snapshot(b) == before

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/activity_records/?unit={b}",
            "/admin/campaigns/my-totals/?unit={b}",
            "/admin/campaigns/reports/?unit={b}&year=2024",
            "/api/v1/periods/?unit={code}&year=2024",
            "/api/v1/records/?unit={code}",
        ],
    )
    def test_query_parameters_naming_unit_b_show_nothing_of_it(self, client, two_units, url):
        a, b = two_units.a, two_units.b
        client.force_login(a.user)
        response = client.get(url.format(b=b.unit.pk, code=b.unit.code))
        text = response.content.decode()
        assert response.status_code in {200, 404}
        assert b.record.note not in text
        assert f"canbo-{b.unit.code}" not in text
        assert f"/{b.unit.code}/{MONTH}/" not in text
        assert f"/edit/{b.record.pk}/" not in text
