from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import two_factor
from .views import UnitAssignmentViewSet

register_snippet(UnitAssignmentViewSet)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("account/two-factor/", two_factor.SetupView.as_view(), name="two_factor_setup"),
        path(
            "account/two-factor/verify/",
            two_factor.VerifyView.as_view(),
            name="two_factor_verify",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor_setup"),
        "label": _("Two-step sign-in"),
        "help_text": _("Ask for a code from your phone after your password."),
    }
