"""Factories for every model the tests build. Nothing here is fixed at import time."""

import factory

from django.contrib.auth import get_user_model

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
