"""Staff names read as Vietnamese names do: family name first."""

import pytest

from django.contrib.auth import get_user_model

from tests.factories import ArticlePageFactory


def test_family_name_comes_first():
    user = get_user_model()(username="lan", first_name="Lan", last_name="Nguyễn Thị")
    assert user.get_full_name() == "Nguyễn Thị Lan"
    assert user.get_short_name() == "Lan"


@pytest.mark.parametrize(
    ("first_name", "last_name", "shown"),
    [
        ("Lan", "", "Lan"),
        ("", "Nguyễn", "Nguyễn"),
        ("", "", ""),
        (" Lan ", " Nguyễn Thị ", "Nguyễn Thị Lan"),
    ],
)
def test_a_missing_part_leaves_no_stray_space(first_name, last_name, shown):
    user = get_user_model()(username="x", first_name=first_name, last_name=last_name)
    assert user.get_full_name() == shown


@pytest.mark.django_db
def test_wagtail_page_history_names_the_editor_family_name_first(
    client, news_index, editor, moderator
):
    editor.first_name, editor.last_name = "Lan", "Nguyễn Thị"
    editor.save()
    article = ArticlePageFactory(parent=news_index, title="Bài có lịch sử")
    article.save_revision(user=editor, log_action=True)
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{article.pk}/history/").content.decode()
    assert "Nguyễn Thị Lan" in html
    assert "Lan Nguyễn Thị" not in html
