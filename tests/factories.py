"""Factories for every model the tests build. Nothing here is fixed at import time."""

import datetime
import json

import factory
import wagtail_factories

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from campaigns.models import (
    ActivityRecord,
    Campaign,
    CampaignTarget,
    Indicator,
    ReportingPeriod,
    ResultsPage,
)
from news.models import (
    ArticlePage,
    HelpPage,
    LeafletPage,
    MaterialsIndexPage,
    NewsIndexPage,
    PosterPage,
)
from taxonomy.models import AdministrativeUnit, Audience, UnitSuccession
from taxonomy.reference import REFORM_DAY


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


# A minimal, valid one-page PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh {n}")
    description = "Mô tả ảnh"


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Tờ rơi {n}")
    file = factory.django.FileField(data=PDF_BYTES, filename="to-roi.pdf")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Tin tức"
    slug = "tin-tuc"


class MaterialsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MaterialsIndexPage

    title = "Tài liệu truyền thông"
    slug = "tai-lieu"


class HelpPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HelpPage

    title = "Tìm giúp đỡ"
    slug = "tim-giup-do"


class ResultsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResultsPage

    title = "Kết quả"
    slug = "ket-qua"


class PublicationFactory(wagtail_factories.PageFactory):
    class Meta:
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bài số {n}")
    slug = factory.Sequence(lambda n: f"bai-so-{n}")
    standfirst = "Sapo của bài."
    publication_date = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def audiences(self, create, audiences, **kwargs):
        if audiences:
            self.audiences.set(audiences)
            self.save()

    @factory.post_generation
    def districts(self, create, districts, **kwargs):
        if districts:
            self.districts.set(districts)
            self.save()

    @factory.post_generation
    def keywords(self, create, keywords, **kwargs):
        if keywords:
            self.keywords.add(*keywords)
            self.save()


class ArticlePageFactory(PublicationFactory):
    class Meta:
        model = ArticlePage

    body = json.dumps([{"type": "paragraph", "value": "<p>Nội dung bài viết.</p>"}])


class PosterPageFactory(PublicationFactory):
    class Meta:
        model = PosterPage

    image = factory.SubFactory(ImageFactory)
    image_alt = "Áp phích"


class LeafletPageFactory(PublicationFactory):
    class Meta:
        model = LeafletPage

    document = factory.SubFactory(DocumentFactory)


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


def approve_months(unit, *firsts):
    """Approve `unit`'s months (first days), as a coordinator would: their records (and those of
    the units below it) become the figures the public sees. Straight to the table, no audit."""
    for first in firsts:
        ReportingPeriod.objects.update_or_create(
            unit=unit,
            month=first,
            defaults={"status": ReportingPeriod.Status.APPROVED, "decided_at": timezone.now()},
        )


def approve_recorded_months():
    """Approve every unit's month that has records so far: for tests about the figures, not about
    the review."""
    months = ActivityRecord.objects.values_list("unit", "date").distinct()
    units = AdministrativeUnit.objects.in_bulk({unit_id for unit_id, _ in months})
    for unit_id, day in months:
        approve_months(units[unit_id], day.replace(day=1))


def translate_page(page, language_code="en", **fields):
    """Publish `page`'s translation into that locale, as the admin's "Translate" action starts one,
    with these fields changed (an English title and slug, say)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    for field, value in fields.items():
        setattr(translated, field, value)
    translated.draft_title = translated.title
    translated.save()
    translated.save_revision().publish()
    translated.refresh_from_db()  # now live
    return translated


def small_reform(province):
    """Two old districts of two communes each; in July 2025 three new communes: A whole into N1,
    B and C into N2, D divided 0.3 to N2 and 0.7 to N3. District successions as the loader
    makes them (the share of its communes)."""
    level = AdministrativeUnit.Level
    old = {"valid_to": REFORM_DAY - datetime.timedelta(days=1)}
    east = AdministrativeUnitFactory(code="701", level=level.DISTRICT, parent=province, **old)
    west = AdministrativeUnitFactory(code="702", level=level.DISTRICT, parent=province, **old)
    a, b = (AdministrativeUnitFactory(code=c, level=3, parent=east, **old) for c in ("1", "2"))
    c, d = (AdministrativeUnitFactory(code=c, level=3, parent=west, **old) for c in ("3", "4"))
    new = {"level": level.COMMUNE, "parent": province, "valid_from": REFORM_DAY}
    n1, n2, n3 = (AdministrativeUnitFactory(code=c, **new) for c in ("11", "12", "13"))
    for before, after, share in (
        (a, n1, "1"),
        (b, n2, "1"),
        (c, n2, "1"),
        (d, n2, "0.3"),
        (d, n3, "0.7"),
        (east, n1, "0.5"),
        (east, n2, "0.5"),
        (west, n2, "0.65"),
        (west, n3, "0.35"),
    ):
        UnitSuccession.objects.create(predecessor=before, successor=after, share=share)
    return {u.code: u for u in (east, west, a, b, c, d, n1, n2, n3)}
