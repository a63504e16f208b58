from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from django.urls import include, path, re_path

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


class SchemaView(views.RequestLanguageMixin, SpectacularJSONAPIView):
    """The OpenAPI 3 description (campaigns/api/schema.py), in the client's language."""


schema = SchemaView.as_view(
    # Describe this API only, not Wagtail's internal admin API.
    patterns=[path("api/v1/", include(endpoints))],
)

app_name = "api"
urlpatterns = [
    path("schema/", schema, name="schema"),
    *endpoints,
    re_path(r"", views.NoSuchEndpoint.as_view(), name="no-such-endpoint"),
]
