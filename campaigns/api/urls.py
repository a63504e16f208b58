from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONOpenAPIRenderer
from rest_framework.routers import SimpleRouter
from rest_framework.schemas import get_schema_view

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import periods, views

router = SimpleRouter()
router.register("records", views.RecordViewSet, basename="record")

endpoints = [
    path("units/", views.UnitList.as_view(), name="units"),
    path("indicators/", views.IndicatorList.as_view(), name="indicators"),
    path("campaigns/", views.CampaignList.as_view(), name="campaigns"),
    path("totals/", views.TotalsView.as_view(), name="totals"),
    path("periods/", periods.PeriodList.as_view(), name="periods"),
    path(
        "periods/<str:unit_code>/<str:month>/<str:action>",
        periods.PeriodAction.as_view(),
        name="period-action",
    ),
    path("", include(router.urls)),
]

schema = get_schema_view(
    title=_("Anti-trafficking campaign data"),
    version="1",
    renderer_classes=[JSONOpenAPIRenderer],
    permission_classes=[AllowAny],
    public=True,
    # Describe this API only, not Wagtail's internal admin API.
    patterns=[path("api/v1/", include(endpoints))],
)

app_name = "api"
urlpatterns = [path("schema/", schema, name="schema"), *endpoints]
