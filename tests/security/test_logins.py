"""Logins: lockout after repeated failures, no account enumeration, two-step sign-in (TOTP)."""

import logging

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core import mail
from django.utils import translation

from wagtail.models import PageViewRestriction

from accounts.roles import Role
from tests.factories import ArticlePageFactory, IndicatorFactory
from tests.services import RedisServer

LOGIN = "/admin/login/"
FRONT_END_LOGIN = "/_util/login/"
PASSWORD = "correct-horse-battery"


def in_vietnamese(msgid):
    """New messages are translated when the catalogue is regenerated; compare with whatever it says."""
    with translation.override("vi"):
        return translation.gettext(msgid)


def attempt(client, username, password="sai-mat-khau", ip="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture(params=["DatabaseLoginLimits", "CacheLoginLimits"])
def handler(request, settings):
    """Each test with the database handler (no REDIS_URL) and the cache handler (Redis)."""
    settings.AXES_HANDLER = f"core.login_limits.{request.param}"
    AxesProxyHandler.get_implementation(force=True)
    yield request.param
    settings.AXES_HANDLER = "core.login_limits.DatabaseLoginLimits"
    AxesProxyHandler.get_implementation(force=True)


@pytest.mark.django_db
@pytest.mark.usefixtures("handler")
class TestLockout:
    def test_account_locks_after_five_failures_even_with_the_right_password(self, client, editor):
        for _ in range(4):
            assert attempt(client, editor.username).status_code == 200
        assert attempt(client, editor.username).status_code == 429
        response = attempt(client, editor.username, PASSWORD)
        assert response.status_code == 429
        assert in_vietnamese("Sign-in locked") in response.content.decode()
        assert "Tạm khóa đăng nhập" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_lockout_by_account_holds_from_another_address(self, client, editor):
        for n in range(5):
            attempt(client, f"{editor.username}", ip=f"198.51.100.{n}")
        assert attempt(client, editor.username, PASSWORD, ip="192.0.2.77").status_code == 429

    def test_twenty_accounts_failing_once_from_one_address_lock_nobody(self, client, moderator):
        # A commune office or a mobile carrier's shared address on a Monday morning.
        for n in range(20):
            assert attempt(client, f"can-bo-xa-{n}").status_code == 200
        assert attempt(client, moderator.username, PASSWORD).status_code == 302

    def test_an_address_past_its_ceiling_is_refused_for_every_account(
        self, client, settings, moderator
    ):
        settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
        for n in range(8):
            attempt(client, f"khong-ton-tai-{n}")
        assert attempt(client, moderator.username, PASSWORD).status_code == 429
        # Another address is not affected.
        response = attempt(client, moderator.username, PASSWORD, ip="192.0.2.200")
        assert response.status_code == 302

    def test_successes_do_not_count_towards_the_address_ceiling(self, client, settings, editor):
        settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
        for _ in range(5):
            assert attempt(client, editor.username, PASSWORD).status_code == 302
            client.logout()

    def test_a_success_before_the_limit_resets_the_count(self, client, editor):
        for _ in range(4):
            attempt(client, editor.username)
        assert attempt(client, editor.username, PASSWORD).status_code == 302
        client.logout()
        for _ in range(4):
            attempt(client, editor.username)
        assert attempt(client, editor.username, PASSWORD).status_code == 302

    def test_one_accounts_success_leaves_anothers_failures(self, client, editor, moderator):
        for _ in range(4):
            attempt(client, moderator.username)
        assert attempt(client, editor.username, PASSWORD).status_code == 302
        client.logout()
        assert attempt(client, moderator.username).status_code == 429

    def test_lockout_is_logged_without_the_visitors_address(self, client, editor, caplog):
        with caplog.at_level(logging.INFO):
            for _ in range(6):
                attempt(client, editor.username, ip="203.0.113.99")
        assert any("lockout" in record.getMessage() for record in caplog.records)
        assert not any("203.0.113.99" in record.getMessage() for record in caplog.records)


@pytest.fixture
def in_redis(settings):
    """Attempts in a Redis of this test's own, as in production with REDIS_URL."""
    server = RedisServer.or_unavailable().start()
    settings.CACHES = {
        "default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": server.url}
    }
    settings.AXES_HANDLER = "core.login_limits.CacheLoginLimits"
    AxesProxyHandler.get_implementation(force=True)
    yield
    server.remove()
    settings.AXES_HANDLER = "core.login_limits.DatabaseLoginLimits"
    AxesProxyHandler.get_implementation(force=True)


@pytest.mark.django_db
@pytest.mark.usefixtures("in_redis")
def test_in_redis_an_office_shares_an_address_until_its_ceiling(client, settings, moderator):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 25
    for n in range(20):
        assert attempt(client, f"can-bo-xa-{n}").status_code == 200
    assert attempt(client, moderator.username, PASSWORD).status_code == 302
    client.logout()
    for n in range(5):
        attempt(client, f"khac-{n}")
    assert attempt(client, moderator.username, PASSWORD).status_code == 429
    assert attempt(client, moderator.username, PASSWORD, ip="192.0.2.50").status_code == 302


@pytest.mark.django_db
@pytest.mark.usefixtures("handler")
class TestFrontEndSignIn:
    """Wagtail's login for private pages and its page-password form, under the same limits."""

    def test_front_end_login_locks_the_account_like_the_admin(self, client, editor):
        for _ in range(5):
            client.post(
                FRONT_END_LOGIN,
                {"username": editor.username, "password": "sai"},
                REMOTE_ADDR="203.0.113.8",
            )
        assert attempt(client, editor.username, PASSWORD, ip="192.0.2.9").status_code == 429

    def test_page_password_locks_after_five_wrong_passwords(self, client, news_index):
        article = ArticlePageFactory(parent=news_index, title="Tài liệu tập huấn")
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-dung"
        )
        url = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"

        def guess(password, ip="203.0.113.10"):
            return client.post(
                url, {"password": password, "return_url": article.url}, REMOTE_ADDR=ip
            )

        for _ in range(4):
            assert guess("doan-mo").status_code == 200
        assert guess("doan-mo").status_code == 429
        locked = guess("mat-khau-dung", ip="192.0.2.11")
        assert locked.status_code == 429
        assert "Tạm khóa đăng nhập" in locked.content.decode()

    def test_page_password_right_first_time_lets_the_reader_in(self, client, news_index):
        article = ArticlePageFactory(parent=news_index, title="Tài liệu tập huấn")
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-dung"
        )
        url = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
        response = client.post(url, {"password": "mat-khau-dung", "return_url": article.url})
        assert response.status_code == 302
        assert client.get(article.url).status_code == 200

    @pytest.mark.parametrize(
        "path", ["/_util/login/", "/en/_util/login/", "/_util/authenticate_with_password/1/2/"]
    )
    def test_front_end_forms_share_the_login_rate_limit(self, client, settings, path):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS}
        prefixes, methods, _, seconds = settings.RATE_LIMITS["login"]
        settings.RATE_LIMITS["login"] = (prefixes, methods, 2, seconds)
        for _ in range(2):
            assert client.post(path, {"username": "x", "password": "y"}).status_code != 429
        assert client.post(path, {"username": "x", "password": "y"}).status_code == 429


@pytest.mark.django_db
class TestNoEnumeration:
    def test_login_error_is_the_same_for_unknown_and_known_accounts(self, client, editor):
        known = attempt(client, editor.username, ip="192.0.2.1")
        unknown = attempt(client, "khong-co-ai", ip="192.0.2.2")
        assert known.status_code == unknown.status_code == 200
        known_errors = known.context["form"].non_field_errors()
        assert known_errors == unknown.context["form"].non_field_errors()
        assert known_errors

    def test_password_reset_answers_the_same_and_mails_only_real_accounts(self, client, editor):
        editor.email = "bientap@example.vn"
        editor.save()
        real = client.post(
            "/admin/password_reset/", {"email": "bientap@example.vn"}, REMOTE_ADDR="192.0.2.3"
        )
        fake = client.post(
            "/admin/password_reset/", {"email": "ai-do@example.vn"}, REMOTE_ADDR="192.0.2.4"
        )
        assert real.status_code == fake.status_code == 302
        assert real["Location"] == fake["Location"]
        assert [m.to for m in mail.outbox] == [["bientap@example.vn"]]


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.django_db
class TestTwoStepSignIn:
    def set_up_device(self, client, user):
        sign_in(client, user)
        page = client.get("/admin/account/two-factor/")
        assert page.status_code == 200
        assert page.context["qr_code"].startswith("data:image/svg+xml")
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        wrong = client.post("/admin/account/two-factor/", {"token": "000000"})
        assert (
            in_vietnamese(
                "That code is not right or has expired. Wait for a new code and try again."
            )
            in wrong.content.decode()
        )
        # A wrong code slows further tries down (django-otp's throttling); let it pass for the test.
        TOTPDevice.objects.filter(pk=device.pk).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
        done = client.post("/admin/account/two-factor/", {"token": current_code(device)})
        assert done.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        return device

    def test_optional_by_default(self, client, editor):
        sign_in(client, editor)
        assert client.get("/admin/").status_code == 200

    def test_once_on_the_admin_asks_for_a_code_after_the_password(self, client, editor):
        device = self.set_up_device(client, editor)
        client.post("/admin/logout/")
        sign_in(client, editor)
        blocked = client.get("/admin/pages/")
        assert blocked.status_code == 302
        assert blocked["Location"].startswith("/admin/account/two-factor/verify/")
        # The API by session is closed too until the code is given.
        assert client.get("/api/v1/records/").status_code == 403
        wrong = client.post("/admin/account/two-factor/verify/", {"token": "123456"})
        assert wrong.status_code == 200
        assert client.get("/admin/pages/").status_code == 302
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.last_t = -1
        device.save()
        right = client.post(
            "/admin/account/two-factor/verify/",
            {"token": current_code(device), "next": "/admin/pages/"},
        )
        assert right["Location"] == "/admin/pages/"
        assert client.get("/admin/pages/").status_code == 200

    def test_verify_never_redirects_off_site(self, client, editor):
        device = self.set_up_device(client, editor)
        client.post("/admin/logout/")
        sign_in(client, editor)
        device.last_t = -1
        device.save()
        response = client.post(
            "/admin/account/two-factor/verify/",
            {"token": current_code(device), "next": "https://evil.example/"},
        )
        assert response["Location"] == "/admin/"

    @pytest.mark.parametrize("role", [Role.COORDINATOR, Role.MODERATOR])
    def test_required_roles_must_set_it_up(self, client, settings, make_staff, role):
        settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator", "moderator"]
        user = make_staff(role)
        sign_in(client, user)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/account/two-factor/?next=")
        setup = client.get(response["Location"])
        assert (
            in_vietnamese("Your role must use two-step sign-in. Set it up to continue.")
            in setup.content.decode()
        )

    def test_roles_not_listed_stay_optional(self, client, settings, editor):
        settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator"]
        sign_in(client, editor)
        assert client.get("/admin/").status_code == 200

    def test_required_role_cannot_turn_it_off(self, client, settings, coordinator):
        device = self.set_up_device(client, coordinator)
        settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator"]
        device.last_t = -1
        device.save()
        client.post("/admin/account/two-factor/", {"token": current_code(device)})
        assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


@pytest.mark.django_db
def test_refusals_are_logged_with_the_account_id_only(
    client, district_staff, other_district, caplog
):
    client.force_login(district_staff)
    forged = {
        "unit": "741",
        "indicator": IndicatorFactory().code,
        "date": "2024-07-01",
        "quantity": 1,
    }
    with caplog.at_level(logging.WARNING, logger="pcmbn.security"):
        response = client.post(
            "/api/v1/records/", forged, content_type="application/json", REMOTE_ADDR="203.0.113.44"
        )
    assert response.status_code == 403
    messages = [r.getMessage() for r in caplog.records if r.name == "pcmbn.security"]
    assert any(f"user={district_staff.pk}" in m and "permission denied" in m for m in messages)
    assert not any("203.0.113." in m for m in messages)
