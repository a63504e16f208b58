"""An editor writes an article and submits it; a moderator approves it; the public sees it."""

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import ArticlePage
from tests.factories import ImageFactory


def article_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "bai-moi",
            "standfirst": "Sapo của bài mới.",
            "publication_date": "2024-07-30 08:00",
            "byline": "",
            "image_alt": "",
            "image_caption": "",
            "language": "vi",
            "keywords": "lừa đảo, việc làm",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
            **extra,
        }
    )


@pytest.mark.django_db
def test_editor_submits_and_moderator_publishes(
    client, news_index, editor, moderator, site_settings
):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    response = client.post(
        add_url, {**article_form("Bài mới về lừa đảo"), "action-submit": "Submit"}
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="bai-moi")
    assert not article.live
    assert client.get("/tin-tuc/bai-moi/").status_code == 404
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # Editors cannot publish directly.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {**article_form("Bài mới về lừa đảo"), "action-publish": "1"},
    )
    article.refresh_from_db()
    assert not article.live

    client.force_login(moderator)
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[article.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(approve_url, {"comment": ""})
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    client.logout()
    page = client.get("/tin-tuc/bai-moi/")
    assert page.status_code == 200
    assert "Bài mới về lừa đảo" in page.content.decode()
    assert sorted(article.keywords.names()) == ["lừa đảo", "việc làm"]


@pytest.mark.django_db
def test_an_article_without_alt_text_for_its_image_is_refused(client, news_index, editor):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    response = client.post(add_url, article_form("Có ảnh", image=ImageFactory().pk))
    assert response.status_code == 200
    assert "Hãy mô tả hình ảnh" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="bai-moi").exists()
