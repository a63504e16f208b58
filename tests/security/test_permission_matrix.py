"""Every URL the project serves, and who gets what from it.

Routes are discovered from the URL configuration: a new route fails
`test_every_route_has_an_expectation` until a row of ROUTES below covers it. Each row is a
regular expression over the route pattern and the answer class per role for a GET without
arguments: A allowed (2xx), L sent to sign in (redirect, or 401 from the API), R redirected
onward (a signed-in user on the login page), F forbidden (403, or Wagtail's redirect to
the dashboard with "no permission"), N not found, "-" not checked here (a route with arguments:
the district isolation tests below and the app tests cover those).
"""

import re

import pytest

from django.contrib.messages import get_messages
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from accounts.roles import Role
from campaigns.models import ActivityRecord
from tests.factories import ActivityRecordFactory

ROLES = ["anonymous", "editor", "moderator", "district", "coordinator", "superuser"]

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
    # Everything else under the admin: Wagtail's own screens with their permission checks, and
    # routes with arguments; anonymous is always sent to the login.
    (r"^admin/", "L - - - - -"),
    (r"^documents/", "- - - - - -"),
    (r"^api/v1/", "- - - - - -"),
    # The public site (pages, search, feeds, listings): open to all.
    (r"^(en/)?", "- - - - - -"),
]


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
    for regex, _answers in ROUTES[:16]:
        for path in concrete(regex):
            resolve(path)


CHECKED = [
    (route.replace("^", "").replace("$", ""), role, answer)
    for regex, answers in ROUTES[:16]
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
        return make_staff(Role(role), [district] if role == "district" else [])

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
    for regex, answers in ROUTES[:16]:
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
