"""Access tokens for the campaign API (`/api/v1/`), for scripts and phones that cannot keep a
browser session: each lasts `API_TOKEN_DAYS`, a new one replaces the old, and one can be revoked
at any time (`manage.py api_token`). A token is never a way round two-step sign-in: an account
that must use it gets no token, and its token stops working, until it has set it up."""

import datetime

from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import two_factor


class TokenRefused(Exception):
    pass


def expires_at(token):
    return token.created + datetime.timedelta(days=settings.API_TOKEN_DAYS)


def why_refused(user):
    """Why `user` may not hold a token now, or None."""
    if not user.is_active:
        return _("This account is deactivated.")
    if two_factor.required_for(user) and not two_factor.confirmed_device(user):
        return _(
            "This account must use two-step sign-in: set it up in the admin before using an "
            "access token."
        )
    return None


def issue(user):
    """A new token for `user`, replacing (and so revoking) any token it had."""
    reason = why_refused(user)
    if reason:
        raise TokenRefused(reason)
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def current_or_new(user):
    """`user`'s token while it is valid, otherwise a new one: what a script setting up an
    account takes, without revoking a token a phone is using."""
    reason = why_refused(user)
    if reason:
        raise TokenRefused(reason)
    token = Token.objects.filter(user=user).first()
    if token is None or timezone.now() >= expires_at(token):
        return issue(user)
    return token


def revoke(user):
    """Revoke `user`'s token; whether there was one."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token past its expiry and a token of an account
    that must use two-step sign-in without having set it up."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if timezone.now() >= expires_at(token):
            raise AuthenticationFailed(_("This access token has expired: ask for a new one."))
        reason = why_refused(user)
        if reason:
            raise AuthenticationFailed(reason)
        return user, token
