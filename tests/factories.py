"""Factories for every model the tests build. Nothing here is fixed at import time."""

import datetime

import factory

from django.contrib.auth import get_user_model

from campaigns.models import ActivityRecord, Campaign, CampaignTarget, Indicator
from taxonomy.models import AdministrativeUnit, Audience


class AdministrativeUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    level = AdministrativeUnit.Level.PROVINCE
    parent = None


class DistrictFactory(AdministrativeUnitFactory):
    level = AdministrativeUnit.Level.DISTRICT
    designation = "huyện"
    parent = factory.SubFactory(AdministrativeUnitFactory)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    name = factory.Sequence(lambda n: f"Đối tượng {n}")
    name_en = factory.Sequence(lambda n: f"Audience {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit_label = "tờ"
    unit_label_en = "copies"
    kind = Indicator.Kind.PRINTED


class SessionsIndicatorFactory(IndicatorFactory):
    code = "sessions"
    name = "Buổi truyền thông"
    name_en = "Communication sessions"
    unit_label = "buổi"
    unit_label_en = "sessions"
    kind = Indicator.Kind.EVENT
    second_measure = Indicator.SecondMeasure.ATTENDEES


class BroadcastsIndicatorFactory(IndicatorFactory):
    code = "broadcasts"
    name = "Tin phát thanh"
    name_en = "Broadcasts"
    unit_label = "lần"
    unit_label_en = "broadcasts"
    kind = Indicator.Kind.BROADCAST
    second_measure = Indicator.SecondMeasure.MINUTES


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Chiến dịch {n}")
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2024, 12, 31)

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)
            self.save()


class CampaignTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTarget

    campaign = factory.SubFactory(CampaignFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    quantity = 100


class ActivityRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityRecord

    unit = factory.SubFactory(DistrictFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    date = datetime.date(2024, 7, 30)
    quantity = 10
    place = "Phường Thanh Bình"
