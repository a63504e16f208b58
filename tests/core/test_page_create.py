"""A new page exists only once its editor saves it: the add form does not autosave
(core/page_create.py), while the edit form of a saved page still does."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from news.models import ArticlePage
from tests.news.test_editorial_workflow import article_form


def editor_form(response):
    return BeautifulSoup(response.content, "html.parser").select_one(
        "form[data-controller~=w-unsaved]"
    )


@pytest.mark.django_db
class TestNewPageForm:
    def add_url(self, news_index):
        return reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])

    def test_the_add_form_does_not_autosave(self, client, editor, news_index):
        client.force_login(editor)
        response = client.get(self.add_url(news_index))
        assert response.status_code == 200
        assert "w-autosave" not in editor_form(response)["data-controller"]
        assert b'id="w-autosave-indicator"' not in response.content

    def test_the_edit_form_of_a_saved_page_still_autosaves(self, client, editor, news_index):
        client.force_login(editor)
        client.post(self.add_url(news_index), article_form("Bài đã lưu"))
        page = ArticlePage.objects.get(title="Bài đã lưu")
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert "w-autosave" in editor_form(response)["data-controller"].split()

    def test_signed_out_visitors_are_sent_to_sign_in(self, client, news_index):
        response = client.get(self.add_url(news_index))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
