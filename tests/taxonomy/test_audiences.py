import pytest

from django.urls import reverse
from django.utils import translation

from taxonomy.models import Audience
from tests.factories import AudienceFactory


@pytest.mark.django_db
class TestAudience:
    def test_slug_is_made_from_the_vietnamese_name(self):
        audience = Audience.objects.create(name="Người thân của nạn nhân")
        assert audience.slug == "nguoi-than-cua-nan-nhan"

    def test_audiences_keep_the_order_editors_give_them(self):
        AudienceFactory(name="Thứ ba", sort_order=2)
        AudienceFactory(name="Thứ nhất", sort_order=0)
        AudienceFactory(name="Thứ hai", sort_order=1)
        assert list(Audience.objects.values_list("name", flat=True)) == [
            "Thứ nhất",
            "Thứ hai",
            "Thứ ba",
        ]

    def test_english_name_is_used_in_the_english_edition(self):
        audience = AudienceFactory(name="Công nhân lao động", name_en="Workers")
        with translation.override("en"):
            assert str(audience) == "Workers"
        with translation.override("vi"):
            assert str(audience) == "Công nhân lao động"


@pytest.mark.django_db
class TestEditorsManageAudiences:
    def test_an_editor_adds_an_audience_in_the_admin(self, client, editor):
        client.force_login(editor)
        url = reverse("wagtailsnippets_taxonomy_audience:add")
        response = client.post(
            url, {"name": "Người lao động tự do", "name_en": "", "slug": "", "description": ""}
        )
        assert response.status_code == 302
        assert Audience.objects.get(name="Người lao động tự do").slug == "nguoi-lao-dong-tu-do"

    def test_an_editor_renames_an_audience(self, client, editor):
        audience = AudienceFactory(name="Học sinh")
        client.force_login(editor)
        url = reverse("wagtailsnippets_taxonomy_audience:edit", args=[audience.pk])
        response = client.post(
            url, {"name": "Học sinh, sinh viên", "name_en": "Students", "slug": audience.slug}
        )
        assert response.status_code == 302
        audience.refresh_from_db()
        assert audience.name == "Học sinh, sinh viên"

    def test_a_duplicate_name_gets_a_clear_error_and_saves_nothing(self, client, editor):
        AudienceFactory(name="Phụ nữ, trẻ em")
        client.force_login(editor)
        url = reverse("wagtailsnippets_taxonomy_audience:add")
        response = client.post(url, {"name": "Phụ nữ, trẻ em", "slug": "khac"})
        assert response.status_code == 200
        assert Audience.objects.filter(name="Phụ nữ, trẻ em").count() == 1
        assert "đã tồn tại" in response.content.decode()
