"""The monthly review over the API: each month's status, and submit, approve, return, reopen."""

import datetime

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from taxonomy.models import AdministrativeUnit

from ..access import unit_ids_for
from ..months import FIRST_YEAR, month_format_message, month_key, parse_month, validate_year
from ..periods.models import ReportingPeriod
from ..reporting.review import (
    ACTIONS,
    COMMENT_MAX_LENGTH,
    ReviewRefused,
    act,
    available_actions,
)
from .schema import UNIT_CODE
from .serializers import MONTH_PATTERN, TextField, UnitCodeField
from .views import RequestLanguageMixin


class AccountField(serializers.SlugRelatedField):
    def __init__(self):
        super().__init__(slug_field="username", read_only=True, allow_null=True)


class PeriodSerializer(serializers.ModelSerializer):
    unit = UnitCodeField(read_only=True)
    month = serializers.SerializerMethodField()
    # Each None until someone has done it.
    submitted_by = AccountField()
    decided_by = AccountField()
    reopened_by = AccountField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = ReportingPeriod
        fields = [
            "unit",
            "month",
            "status",
            "submitted_by",
            "submitted_at",
            "decided_by",
            "decided_at",
            "comment",
            "reopened_by",
            "reopened_at",
            "reopen_reason",
            "actions",
        ]

    @extend_schema_field({"type": "string", "pattern": MONTH_PATTERN})
    def get_month(self, period):
        return month_key(period.month)

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(ACTIONS)))
    )
    def get_actions(self, period):
        return available_actions(self.context["request"].user, period)


class PeriodYearSerializer(serializers.Serializer):
    """A unit's year: the twelve months, January first."""

    unit = serializers.CharField()
    year = serializers.IntegerField()
    results = PeriodSerializer(many=True)


class PeriodQuerySerializer(serializers.Serializer):
    unit = UnitCodeField()
    year = serializers.IntegerField(validators=[validate_year])


class PeriodActionSerializer(serializers.Serializer):
    """The body of an action: a comment, as text (why a month is returned or reopened)."""

    comment = TextField(required=False, allow_blank=True, max_length=COMMENT_MAX_LENGTH, default="")


class CallerMaySee(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("campaigns.view_reportingperiod")


def _unit_for(request, code):
    """The unit, if the caller may see it; another unit is not found (404)."""
    unit = AdministrativeUnit.objects.named(code)
    ids = unit_ids_for(request.user)
    if unit is None or (ids is not None and unit.pk not in ids):
        raise exceptions.NotFound()
    return unit


class PeriodList(RequestLanguageMixin, APIView):
    """`GET periods/?unit=731&year=2024`: the status of each of the year's twelve months."""

    permission_classes = [permissions.IsAuthenticated, CallerMaySee]

    @extend_schema(
        parameters=[PeriodQuerySerializer],
        responses=PeriodYearSerializer,
        description=gettext_lazy(
            "The review status of each month of a unit's year, and what the caller may do now."
        ),
    )
    def get(self, request):
        query = PeriodQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        unit = _unit_for(request, query.validated_data["unit"].code)
        year = query.validated_data["year"]
        stored = {
            p.month.month: p
            for p in ReportingPeriod.objects.filter(unit=unit, month__year=year).select_related(
                "unit", "submitted_by", "decided_by", "reopened_by"
            )
        }
        periods = [
            stored.get(m) or ReportingPeriod(unit=unit, month=datetime.date(year, m, 1))
            for m in range(1, 13)
        ]
        year_of_unit = {"unit": unit.code, "year": year, "results": periods}
        return Response(PeriodYearSerializer(year_of_unit, context={"request": request}).data)


class PeriodAction(RequestLanguageMixin, APIView):
    """`POST periods/<unit>/<YYYY-MM>/<submit|approve|return|reopen>`; `comment` for return and
    reopen. 403 when the caller's role may not, 400 when the month's status does not allow it."""

    permission_classes = [permissions.IsAuthenticated, CallerMaySee]

    @extend_schema(
        parameters=[
            OpenApiParameter("unit_code", str, OpenApiParameter.PATH, examples=[UNIT_CODE]),
            OpenApiParameter(
                "month",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                pattern=MONTH_PATTERN,
                examples=[OpenApiExample("2024-09", value="2024-09")],
                description=format_lazy(
                    gettext_lazy("The month, as YYYY-MM, in a year from {first} to next year."),
                    first=FIRST_YEAR,
                ),
            ),
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(ACTIONS)),
        ],
        request=PeriodActionSerializer,
        responses=PeriodSerializer,
        description=gettext_lazy(
            "Submit, approve, return or reopen a unit's month. Return and reopen need a comment."
        ),
    )
    def post(self, request, unit_code, month, action):
        if action not in ACTIONS:
            raise exceptions.NotFound()
        unit = _unit_for(request, unit_code)
        try:
            first = parse_month(month)
        except ValueError as error:
            raise exceptions.ValidationError({"month": [month_format_message()]}) from error
        body = PeriodActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            period = act(request.user, unit, first, action, body.validated_data["comment"])
        except ReviewRefused as refused:
            if refused.forbidden:
                raise exceptions.PermissionDenied(refused.message) from refused
            raise exceptions.ValidationError({"detail": [refused.message]}) from refused
        return Response(PeriodSerializer(period, context={"request": request}).data)
