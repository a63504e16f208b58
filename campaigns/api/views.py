"""The JSON API under /api/v1/. Records go through `campaigns.access`; totals through `campaigns.totals`."""

from contextlib import contextmanager
from dataclasses import replace
from functools import partial

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, permissions, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import LogContext

from taxonomy.geography import Geography
from taxonomy.models import AdministrativeUnit

from ..periods.locks import PeriodLocked
from ..records.access import records_for
from ..records.models import Campaign, Indicator
from ..totals import Filters, UnitTree, totals
from .idempotency import IdempotentCreateMixin
from .schema import RECORD_EXAMPLES, ErrorSerializer
from .serializers import (
    CampaignSerializer,
    IndicatorSerializer,
    QuerySerializer,
    RecordSerializer,
    TotalsQuerySerializer,
    TotalsSerializer,
    UnitSerializer,
)

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class RequestLanguageMixin:
    """Answer in the language the client asks for (Accept-Language), Vietnamese by default.

    The site's root ignores Accept-Language so that shared links keep their language; an API
    client has no link to share, so its header decides.
    """

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)


def parse_query(request, serializer_class):
    query = serializer_class(data={**request.query_params.dict(), "group_by": _group_by(request)})
    query.is_valid(raise_exception=True)
    return query.validated_data


def _group_by(request):
    return [
        g.strip()
        for value in request.query_params.getlist("group_by")
        for g in value.split(",")
        if g.strip()
    ]


def filters_from(query):
    return Filters(
        units=(query["unit"],) if "unit" in query else (),
        indicators=(query["indicator"],) if "indicator" in query else (),
        campaign=query.get("campaign"),
        year=query.get("year"),
        date_from=query.get("from"),
        date_to=query.get("to"),
    )


class NoSuchEndpoint(RequestLanguageMixin, APIView):
    """Any other address under /api/v1/ (`records/0.5/`, a unit code holding a slash): 404 in the
    API's JSON, not the site's HTML page."""

    permission_classes = [permissions.AllowAny]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()


@extend_schema(
    description=gettext_lazy(
        "Administrative units, identified by their statistics-office code, with the units that "
        "took over from those that ended."
    )
)
class UnitList(RequestLanguageMixin, generics.ListAPIView):
    """Administrative units, identified by their statistics-office code."""

    permission_classes = [permissions.AllowAny]
    serializer_class = UnitSerializer
    queryset = AdministrativeUnit.objects.select_related("parent").prefetch_related(
        "successions__successor"
    )


@extend_schema(description=gettext_lazy("What the units count (leaflets, sessions …), by code."))
class IndicatorList(RequestLanguageMixin, generics.ListAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.all()


@extend_schema(description=gettext_lazy("Campaigns with their units and targets."))
class CampaignList(RequestLanguageMixin, generics.ListAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = CampaignSerializer
    queryset = Campaign.objects.prefetch_related("units", "targets__indicator", "targets__unit")


@extend_schema_view(
    list=extend_schema(
        parameters=[QuerySerializer],
        description=gettext_lazy(
            "The activity records of the caller's units, newest first; a unit includes the "
            "units below it."
        ),
    ),
    create=extend_schema(
        examples=RECORD_EXAMPLES,
        description=gettext_lazy(
            "Record an activity for one of the caller's units. Send an Idempotency-Key so that "
            "a retried request is counted once."
        ),
    ),
    retrieve=extend_schema(description=gettext_lazy("One of the caller's records.")),
    partial_update=extend_schema(
        description=gettext_lazy("Change one of the caller's records, outside a locked month.")
    ),
    destroy=extend_schema(
        description=gettext_lazy("Delete one of the caller's records, outside a locked month.")
    ),
)
class RecordViewSet(RequestLanguageMixin, IdempotentCreateMixin, viewsets.ModelViewSet):
    """Activity records of the caller's units: another unit's record is not found (404).

    A POST may carry an Idempotency-Key, so a retried write is counted once (`.idempotency`)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = RecordSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        action = ACTION_FOR_METHOD.get(self.request.method, "view")
        records = records_for(self.request.user, action).select_related(
            "unit", "indicator", "recorded_by"
        )
        if self.action != "list":
            return records
        filters = filters_from(parse_query(self.request, QuerySerializer))
        return filters.apply(records, UnitTree()).order_by("-date", "-pk")

    # Each write is logged under the caller (campaigns.audit.log); a month locked between the
    # validation and the write (campaigns.periods.locks) is refused like one locked before it.
    def perform_create(self, serializer):
        with LogContext(user=self.request.user), _locked_is_invalid():
            serializer.save(recorded_by=self.request.user)

    def perform_update(self, serializer):
        with LogContext(user=self.request.user), _locked_is_invalid():
            serializer.save()

    def perform_destroy(self, instance):
        with LogContext(user=self.request.user):
            try:
                instance.delete()
            except PeriodLocked as locked:
                raise exceptions.PermissionDenied(locked.message_dict["date"][0]) from locked


@contextmanager
def _locked_is_invalid():
    try:
        yield
    except PeriodLocked as locked:
        raise exceptions.ValidationError(locked.message_dict) from locked


class TotalsView(RequestLanguageMixin, APIView):
    """Public aggregates: sums of quantity, attendees and minutes, never who recorded what.

    Approved months only, as the public pages show. Staff may ask for `status=all`; each row then
    says whether it includes records of months not yet approved (`provisional`).
    """

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[TotalsQuerySerializer],
        responses={
            200: TotalsSerializer,
            403: OpenApiResponse(
                ErrorSerializer,
                gettext_lazy("status=all from a caller who may not see figures not yet approved."),
            ),
        },
        description=gettext_lazy(
            "Sums of quantity, attendees and minutes of the approved months, one row for each "
            "combination of the group_by values. Staff who record activities may ask for "
            "status=all."
        ),
    )
    def get(self, request):
        query = parse_query(request, TotalsQuerySerializer)
        status = query.get("status", "approved")
        if status == "all" and not request.user.has_perm("campaigns.view_activityrecord"):
            raise exceptions.PermissionDenied(
                _("Only staff who record activities may see figures not yet approved.")
            )
        group_by = tuple(query.get("group_by", ()))
        tree = UnitTree()
        geography = Geography(query["as_of"], units=tree.units) if "as_of" in query else None
        count = partial(
            totals, group_by, unit_level=query.get("level"), geography=geography, tree=tree
        )
        filters = filters_from(query)
        approved = count(replace(filters, approved_only=True))
        rows = approved if status == "approved" else count(filters)
        approved_quantities = {_key(row, group_by): row["quantity"] for row in approved}
        return Response(
            {
                "group_by": list(group_by),
                "status": status,
                "results": [
                    {
                        **self.row(row, group_by),
                        "provisional": approved_quantities.get(_key(row, group_by))
                        != row["quantity"],
                    }
                    for row in rows
                ],
            }
        )

    @staticmethod
    def row(row, group_by):
        out = {}
        for grouping in group_by:
            value = row[grouping]
            if grouping in ("unit", "indicator"):
                value = value.code
            elif grouping == "campaign":
                value = value and value.pk
            out[grouping] = value
        out.update(quantity=row["quantity"], attendees=row["attendees"], minutes=row["minutes"])
        if "estimated" in row:
            out["estimated"] = row["estimated"]
        return out


def _key(row, group_by):
    """A totals row's groups: two rows with the same key count the same records' group."""
    return tuple(row[grouping] for grouping in group_by)
