"""The staff home screen: each role's panel first, before Wagtail's own (`dashboard.panels`)."""

from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from campaigns.access import unit_ids_for

from .panels import CoordinatorPanel, EditorPanel, LocalStaffPanel


def roles_panels(request):
    """The panels `request.user`'s roles call for; permissions decide, never group names."""
    user = request.user
    panels = []
    if user.has_perm("campaigns.add_activityrecord") and unit_ids_for(user) is not None:
        panels.append(LocalStaffPanel(request))
    if PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]):
        panels.append(EditorPanel(request))
    if user.has_perm("campaigns.approve_reportingperiod"):
        panels.append(CoordinatorPanel(request))
    return panels


@hooks.register("construct_homepage_panels")
def add_role_panels(request, panels):
    panels[:0] = roles_panels(request)
