"""What the API reads and writes. Units and indicators travel by code, never by database id."""

import copy

from rest_framework import exceptions, serializers

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.materials import countable_materials
from taxonomy.models import AdministrativeUnit

from ..months import validate_year
from ..records.access import can_record_for
from ..records.models import ActivityRecord, Campaign, CampaignTarget, Indicator
from ..totals import GROUPINGS

# A month as the API writes it (`campaigns.months.month_key`).
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
TOTALS_STATUSES = ["approved", "all"]


class TextField(serializers.CharField):
    """Text, and only text: DRF's CharField would take 5 or 2.5 and store "5"; a client that sends
    a number where a place, a note or a comment goes has made a mistake worth hearing about."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class CodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", self.model.objects.all())
        super().__init__(slug_field="code", **kwargs)


class UnitCodeField(CodeField):
    """A unit by its code, as it names a unit today: since the 2025 reform most new communes
    hold the code of an old one (a record's date picks the old one, `RecordSerializer`)."""

    model = AdministrativeUnit

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        unit = self.get_queryset().named(data)
        if unit is None:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return unit


class IndicatorCodeField(CodeField):
    model = Indicator


class SuccessorSerializer(serializers.Serializer):
    code = serializers.CharField(source="successor.code")
    share = serializers.FloatField()


class UnitSerializer(serializers.ModelSerializer):
    parent = UnitCodeField(read_only=True, allow_null=True)  # the province has none
    successors = SuccessorSerializer(source="successions", many=True, read_only=True)

    class Meta:
        model = AdministrativeUnit
        fields = [
            "code",
            "name",
            "name_en",
            "designation",
            "level",
            "parent",
            "valid_from",
            "valid_to",
            "latitude",
            "longitude",
            "area_km2",
            "successors",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "unit_label",
            "unit_label_en",
            "kind",
            "second_measure",
        ]


class TargetSerializer(serializers.ModelSerializer):
    indicator = IndicatorCodeField(read_only=True)
    unit = UnitCodeField(read_only=True, allow_null=True)  # none: the whole campaign's target

    class Meta:
        model = CampaignTarget
        fields = ["indicator", "unit", "quantity"]


class CampaignSerializer(serializers.ModelSerializer):
    units = UnitCodeField(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "name", "description", "start_date", "end_date", "units", "targets"]


class MaterialField(serializers.PrimaryKeyRelatedField):
    """The countable materials, looked up per request: building that queryset reads content
    types, so doing it at import time breaks `manage.py check` before the database exists."""

    def get_queryset(self):
        return countable_materials()


class RecordSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextField,
        models.TextField: TextField,
    }

    unit = UnitCodeField()
    indicator = IndicatorCodeField()
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), required=False, allow_null=True
    )
    material = MaterialField(required=False, allow_null=True)
    # None once the account that recorded it is deleted.
    recorded_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = ActivityRecord
        fields = [
            "id",
            "unit",
            "date",
            "indicator",
            "quantity",
            "attendees",
            "minutes",
            "campaign",
            "material",
            "place",
            "note",
            "recorded_by",
            "created_at",
            "updated_at",
        ]

    def validate_unit(self, unit):
        # Writing for a unit the caller may not touch is forbidden, not merely invalid.
        action = "change" if self.instance else "add"
        if not can_record_for(self.context["request"].user, unit, action):
            raise exceptions.PermissionDenied(
                _("You may not record activity for %(unit)s.") % {"unit": unit}
            )
        return unit

    def validate(self, attrs):
        # The model's own rules (future dates, unit validity, second measure, campaign) apply here too.
        unit, day = attrs.get("unit"), attrs.get("date")
        if unit is not None and day is not None and not unit.existed_on(day):
            then = AdministrativeUnit.objects.named(unit.code, on=day)
            if then.existed_on(day):
                attrs["unit"] = self.validate_unit(then)
        record = copy.copy(self.instance) if self.instance else ActivityRecord()
        for field, value in attrs.items():
            setattr(record, field, value)
        try:
            record.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs


class QuerySerializer(serializers.Serializer):
    """Query parameters shared by the records list and the totals: 400 with an error per field."""

    unit = UnitCodeField(required=False)
    indicator = IndicatorCodeField(required=False)
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all(), required=False)

    def get_fields(self):
        # `from` is a Python keyword, so these two cannot be declared as class attributes.
        return {
            **super().get_fields(),
            "from": serializers.DateField(required=False),
            "to": serializers.DateField(required=False),
        }

    def validate(self, attrs):
        if "from" in attrs and "to" in attrs and attrs["from"] > attrs["to"]:
            raise serializers.ValidationError(
                {"to": _("The end date cannot be before the start date.")}
            )
        return attrs


class TotalsQuerySerializer(QuerySerializer):
    API_GROUPINGS = [g for g in GROUPINGS if g != "material"]

    year = serializers.IntegerField(required=False, validators=[validate_year])
    group_by = serializers.ListField(
        child=serializers.ChoiceField(choices=API_GROUPINGS), required=False, max_length=6
    )
    level = serializers.ChoiceField(choices=AdministrativeUnit.Level.choices, required=False)
    # Units as they stood on this day: records of units that ended or were formed since are
    # allocated by the succession shares (rows then say `estimated`).
    as_of = serializers.DateField(required=False)
    # Approved months only by default, as the public pages; staff may ask for every record.
    status = serializers.ChoiceField(choices=TOTALS_STATUSES, required=False)

    def validate_group_by(self, value):
        return list(dict.fromkeys(value))

    def validate_as_of(self, value):
        validate_year(value.year)
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "as_of" in attrs and "level" in attrs:
            raise serializers.ValidationError(
                {"as_of": _("Choose the units of a day or a level, not both.")}
            )
        return attrs


class TotalsRowSerializer(serializers.Serializer):
    """A row of `TotalsView`, which builds it: only the groups asked for, then the sums (a second
    measure no record in the group has is null). Describes the answer; the fuzzer
    (tests/campaigns/test_api_schema.py) holds the two together."""

    unit = serializers.CharField(required=False)
    indicator = serializers.CharField(required=False)
    campaign = serializers.IntegerField(required=False, allow_null=True)
    year = serializers.IntegerField(required=False)
    quarter = serializers.RegexField(r"^\d{4}-Q[1-4]$", required=False)
    month = serializers.RegexField(MONTH_PATTERN, required=False)
    quantity = serializers.IntegerField()
    attendees = serializers.IntegerField(allow_null=True)
    minutes = serializers.IntegerField(allow_null=True)
    estimated = serializers.BooleanField(
        required=False, help_text=_("Part of the row is allocated by succession shares (as_of).")
    )
    provisional = serializers.BooleanField(
        help_text=_("The row counts records of months not yet approved (status=all).")
    )


class TotalsSerializer(serializers.Serializer):
    group_by = serializers.ListField(
        child=serializers.ChoiceField(choices=TotalsQuerySerializer.API_GROUPINGS)
    )
    status = serializers.ChoiceField(choices=TOTALS_STATUSES)
    results = TotalsRowSerializer(many=True)
