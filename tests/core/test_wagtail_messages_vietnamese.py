"""The messages Wagtail shows after a save, a submission or a refusal read in Vietnamese: the
record form once said "The bản ghi hoạt động could not be saved due to errors"."""

import html as html_text
import re

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse

from campaigns.models import ActivityRecord
from news.models import ArticlePage
from tests.campaigns.record_forms import form_data
from tests.factories import ActivityRecordFactory, IndicatorFactory
from tests.news.test_editorial_workflow import article_form


def said(response):
    """The messages' words, without the buttons Wagtail puts after them."""
    return [
        html_text.unescape(re.sub(r"<span class=\"buttons\">.*", "", str(m), flags=re.S)).strip()
        for m in get_messages(response.wsgi_request)
    ]


@pytest.mark.django_db
class TestRecordMessages:
    def test_a_refused_record_edit_says_so_in_vietnamese(self, client, district_staff, district):
        leaflets = IndicatorFactory(code="leaflets", name="Tờ rơi")
        record = ActivityRecordFactory(unit=district, indicator=leaflets)
        client.force_login(district_staff)
        response = client.post(
            reverse("activity_records:edit", args=[record.pk]),
            form_data(district, leaflets, quantity="0"),
        )
        assert said(response) == ["Chưa lưu được bản ghi hoạt động vì có lỗi."]

    def test_a_saved_record_says_so_in_vietnamese(self, client, district_staff, district):
        leaflets = IndicatorFactory(code="leaflets", name="Tờ rơi")
        record = ActivityRecordFactory(unit=district, indicator=leaflets)
        client.force_login(district_staff)
        response = client.post(
            reverse("activity_records:edit", args=[record.pk]),
            form_data(district, leaflets, quantity="60"),
        )
        [message] = said(response)
        assert message.startswith("Đã cập nhật bản ghi hoạt động '")
        assert ActivityRecord.objects.get().quantity == 60


@pytest.mark.django_db
class TestPageMessages:
    def add(self, client, news_index, title, **extra):
        url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
        return client.post(url, {**article_form(title), **extra})

    def test_created_and_submitted_for_moderation(self, client, editor, news_index):
        client.force_login(editor)
        response = self.add(client, news_index, "Bài mới", **{"action-submit": "Submit"})
        assert said(response) == ["Đã tạo trang 'Bài mới' và gửi duyệt."]

    def test_a_draft_submitted_for_moderation(self, client, editor, news_index):
        client.force_login(editor)
        assert said(self.add(client, news_index, "Bài mới")) == ["Đã tạo trang 'Bài mới'."]
        article = ArticlePage.objects.get(slug="bai-moi")
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            {**article_form("Bài mới"), "action-submit": "Submit"},
        )
        assert "Đã gửi duyệt trang 'Bài mới'." in said(response)

    def test_a_slug_in_use_and_the_page_not_saved(self, client, editor, news_index):
        client.force_login(editor)
        self.add(client, news_index, "Bài một")
        response = self.add(client, news_index, "Bài hai")
        html = html_text.unescape(response.content.decode())
        assert "Đường dẫn 'bai-moi' đã được một trang khác cùng trang cha dùng." in html
        assert "Chưa tạo được trang vì có lỗi." in said(response)
        first = ArticlePage.objects.get()
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[first.pk]),
            {**article_form("Bài một"), "title": ""},
        )
        assert "Chưa lưu được trang vì có lỗi." in said(response)
