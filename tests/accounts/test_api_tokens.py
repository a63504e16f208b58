"""API access tokens: they expire, a new one revokes the old, they can be revoked, and they are no
way round two-step sign-in."""

import datetime
import io

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from accounts.roles import Role


def api_get(token):
    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="vi")
    return client.get("/api/v1/records/")


def issue(username):
    out = io.StringIO()
    call_command("api_token", username, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
class TestTokens:
    def test_an_issued_token_works_until_it_expires(self, district_staff, settings):
        settings.API_TOKEN_DAYS = 30
        key, validity = issue(district_staff.username)
        assert "Có hiệu lực đến" in validity
        assert api_get(key).status_code == 200
        Token.objects.filter(key=key).update(created=timezone.now() - datetime.timedelta(days=30))
        response = api_get(key)
        assert response.status_code == 401
        assert response.json()["detail"] == "Mã truy cập này đã hết hạn: hãy xin mã mới."

    def test_a_new_token_revokes_the_old_one(self, district_staff):
        old, _ = issue(district_staff.username)
        new, _ = issue(district_staff.username)
        assert api_get(old).status_code == 401
        assert api_get(new).status_code == 200

    def test_a_revoked_token_stops_working(self, district_staff):
        key, _ = issue(district_staff.username)
        out = io.StringIO()
        call_command("api_token", district_staff.username, "--revoke", stdout=out)
        assert "đã bị thu hồi" in out.getvalue()
        assert api_get(key).status_code == 401
        assert not Token.objects.filter(user=district_staff).exists()

    def test_an_unknown_account_is_a_clear_error(self, db):
        with pytest.raises(CommandError, match="Không có tài khoản nào tên khong-co"):
            call_command("api_token", "khong-co", stdout=io.StringIO())


@pytest.mark.django_db
class TestTwoStepSignIn:
    @pytest.fixture
    def coordinator(self, make_staff, settings):
        settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator"]
        return make_staff(Role.COORDINATOR, username="dieuphoi.api")

    def test_no_token_for_an_account_that_has_not_set_it_up(self, coordinator):
        with pytest.raises(CommandError, match="phải đăng nhập hai bước"):
            call_command("api_token", coordinator.username, stdout=io.StringIO())
        assert not Token.objects.filter(user=coordinator).exists()

    def test_a_token_made_before_the_rule_stops_working(self, coordinator):
        key = Token.objects.create(user=coordinator).key
        response = api_get(key)
        assert response.status_code == 401
        assert "phải đăng nhập hai bước" in response.json()["detail"]

    def test_once_set_up_the_account_gets_a_working_token(self, coordinator):
        TOTPDevice.objects.create(user=coordinator, name="điện thoại", confirmed=True)
        key, _ = issue(coordinator.username)
        assert api_get(key).status_code == 200


@pytest.mark.django_db
class TestStaffAccountCommand:
    def staff_account(self, *args):
        out, err = io.StringIO(), io.StringIO()
        call_command("staff_account", *args, stdout=out, stderr=err)
        return out.getvalue().splitlines(), err.getvalue()

    def test_running_it_again_keeps_a_valid_token_and_renews_an_expired_one(self, district):
        first, _ = self.staff_account("canbo.moi", "--role", "local", "--unit", district.code)
        again, _ = self.staff_account("canbo.moi", "--role", "local", "--unit", district.code)
        assert first[-1] == again[-1]  # a phone using it keeps working
        Token.objects.update(created=timezone.now() - datetime.timedelta(days=365))
        renewed, _ = self.staff_account("canbo.moi", "--role", "local", "--unit", district.code)
        assert renewed[-1] != first[-1]
        assert api_get(renewed[-1]).status_code == 200

    def test_no_token_for_a_role_that_must_use_two_step_sign_in(self, db, settings):
        settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator"]
        lines, err = self.staff_account("dieuphoi.moi", "--role", "coordinator")
        assert "phải đăng nhập hai bước" in err
        assert not Token.objects.exists()
        assert not any(len(line) == 40 and line.isalnum() for line in lines)  # no key printed
