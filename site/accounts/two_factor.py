"""Two-factor sign-in (TOTP, with django-otp) for staff accounts.

Any staff account may turn it on from its account page. The roles named in the
`TWO_FACTOR_REQUIRED_ROLES` setting (from the environment) must: until such an account has set
it up, every admin screen sends it to the set-up page. An account with a confirmed device must
enter a code after its password before it sees any admin screen or uses the API by session.
"""

import base64
import logging
from urllib.parse import urlencode

import django_otp
import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from core.admin_views import AdminScreenMixin

from .roles import GROUP_NAMES, Role

security_log = logging.getLogger("pcmbn.security")

SUPERUSER = "superuser"


def required_for(user):
    """Whether `user` must use two-factor sign-in, by the roles in TWO_FACTOR_REQUIRED_ROLES."""
    roles = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not roles or not user.is_authenticated:
        return False
    if SUPERUSER in roles and user.is_superuser:
        return True
    names = [GROUP_NAMES[Role(role)] for role in roles if role in {*Role.values, "district"}]
    return bool(names) and user.groups.filter(name__in=names).exists()


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Enter the six digits your app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        allowed, _details = self.device.verify_is_allowed()
        if not allowed or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code is not right or has expired. Wait for a new code and try again.")
            )
        return token


class VerifyView(AdminScreenMixin, FormView):
    """After the password: the code from the account's authenticator app."""

    template_name = "accounts/two_factor/verify.html"
    form_class = TokenForm
    page_title = gettext_lazy("Two-step sign-in")

    def dispatch(self, request, *args, **kwargs):
        self.device = confirmed_device(request.user) if request.user.is_authenticated else None
        if self.device is None:
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next(self.request, "")}

    def form_valid(self, form):
        django_otp.login(self.request, self.device)
        return redirect(safe_next(self.request, reverse("wagtailadmin_home")))

    def form_invalid(self, form):
        security_log.warning("two-factor code refused user=%s", self.request.user.pk)
        return super().form_invalid(form)


class SetupView(AdminScreenMixin, FormView):
    """Turn on two-factor sign-in: scan the QR code, then prove it works with one code."""

    template_name = "accounts/two_factor/setup.html"
    form_class = TokenForm
    page_title = gettext_lazy("Two-step sign-in")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        self.confirmed = confirmed_device(request.user)
        if self.confirmed is not None:
            self.device = self.confirmed
        else:
            self.device, _created = TOTPDevice.objects.get_or_create(
                user=request.user, confirmed=False, defaults={"name": "default"}
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            confirmed=self.confirmed is not None,
            required=required_for(self.request.user),
        )
        if self.confirmed is None:
            context.update(
                qr_code=segno.make(self.device.config_url, error="m").svg_data_uri(scale=5),
                secret=base64.b32encode(self.device.bin_key).decode("ascii"),
            )
        return context

    def form_valid(self, form):
        if self.confirmed is not None:  # turning it off
            if required_for(self.request.user):
                messages.error(self.request, _("Your role must use two-step sign-in."))
                return redirect("two_factor_setup")
            TOTPDevice.objects.filter(user=self.request.user).delete()
            security_log.info("two-factor turned off user=%s", self.request.user.pk)
            messages.success(self.request, _("Two-step sign-in is off."))
            return redirect("wagtailadmin_account")
        self.device.confirmed = True
        self.device.save()
        TOTPDevice.objects.filter(user=self.request.user).exclude(pk=self.device.pk).delete()
        django_otp.login(self.request, self.device)
        security_log.info("two-factor turned on user=%s", self.request.user.pk)
        messages.success(self.request, _("Two-step sign-in is on."))
        return redirect("wagtailadmin_home")


class TwoFactorMiddleware:
    """Sends staff who have not passed the second step to it, and those who must set it up there."""

    open_url_names = (
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "two_factor_verify",
        "two_factor_setup",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self):
        if self._open_paths is None:
            named = [reverse(name) for name in self.open_url_names]
            self._open_paths = (*named, "/admin/password_reset/", "/admin/jsi18n/")
        return self._open_paths

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        guarded = path.startswith(("/admin/", "/api/")) and not path.startswith(self.open_paths())
        if guarded and user is not None and user.is_authenticated and not user.is_verified():
            target = None
            if confirmed_device(user) is not None:
                target = "two_factor_verify"
            elif required_for(user):
                target = "two_factor_setup"
            if target is not None:
                if path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": _("Finish two-step sign-in in the admin first.")}, status=403
                    )
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
