"""Every e-mail staff receive reads in Vietnamese: Wagtail's password reset and its moderation
notifications, sent through the product (the reset form, the page editor, the workflow actions)
and read from Django's test outbox.

Subject, plain text and HTML part are searched for English as the admin screens are
(`tests/visible_english.py`). Wagtail sends the HTML part only with
`WAGTAILADMIN_NOTIFICATION_USE_HTML`, so these tests turn it on to check both parts.
Our own code sends one kind of e-mail, the reminders (`manage.py send_reminders`): plain text,
checked here too.
"""

import datetime
import io

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import PageSubscription, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from accounts.roles import Role
from campaigns.models import ReportingPeriod
from news.models import ArticlePage
from tests.factories import AdministrativeUnitFactory
from tests.news.test_editorial_workflow import article_form
from tests.visible_english import EnglishDetector, visible_text

ASKS_FOR_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
TITLE = "Bài mới về lừa đảo"
# A display name in English words ("test-editor") would hide what the templates say.
PEOPLE = {
    Role.EDITOR: ("bientap", "Lan", "Nguyễn Thị"),
    Role.MODERATOR: ("kiemduyet", "Minh", "Trần Văn"),
}


@pytest.fixture(autouse=True)
def html_notifications(settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True


@pytest.fixture(scope="module")
def detector():
    return EnglishDetector()


@pytest.fixture
def staff(make_staff, django_user_model):
    """The editor, the moderator and a superuser, each with an e-mail address to be written to."""
    people = {}
    for role, (username, first_name, last_name) in PEOPLE.items():
        user = make_staff(role, username=username)
        user.first_name, user.last_name = first_name, last_name
        user.email = f"{username}@example.vn"
        user.save()
        people[role] = user
    people["superuser"] = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.vn", "correct-horse-battery", first_name="Quản trị"
    )
    return people


def english_in(message, detector):
    """The English a reader meets in `message`: subject, plain text and any HTML part."""
    chunks = [message.subject, *message.body.splitlines()]
    # Our reminders are a plain EmailMessage, which has no `alternatives`.
    for content, mimetype in getattr(message, "alternatives", []):
        assert mimetype == "text/html"
        chunks += visible_text(content)
    return detector.english_in(chunks)


def sent():
    """(recipient, subject) of each message in the outbox."""
    return sorted((address, message.subject) for message in mail.outbox for address in message.to)


def assert_vietnamese(detector, html=True):
    """Every message in the outbox reads in Vietnamese, in both parts when Wagtail sends HTML."""
    assert mail.outbox
    assert all(bool(getattr(message, "alternatives", [])) is html for message in mail.outbox)
    english = {message.subject: english_in(message, detector) for message in mail.outbox}
    assert not {subject: found for subject, found in english.items() if found}


def test_the_password_reset_email_reads_in_vietnamese(client, staff, detector):
    response = client.post(
        reverse("wagtailadmin_password_reset"), {"email": "bientap@example.vn"}, **ASKS_FOR_ENGLISH
    )

    assert response.status_code == 302
    assert sent() == [("bientap@example.vn", "Đặt lại mật khẩu")]
    assert "Mở đường dẫn dưới đây để đặt lại mật khẩu:" in mail.outbox[0].body
    assert_vietnamese(detector, html=False)


@pytest.fixture
def submitted(client, staff, news_index):
    """The editor writes an article and submits it for moderation; returns its task state."""
    client.force_login(staff[Role.EDITOR])
    client.post(
        reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk]),
        {**article_form(TITLE), "action-submit": "1"},
        **ASKS_FOR_ENGLISH,
    )
    article = ArticlePage.objects.get(title=TITLE)
    return WorkflowState.objects.get(object_id=str(article.pk)).current_task_state


def test_a_submission_tells_the_moderators_and_superusers_in_vietnamese(submitted, detector):
    submission = f'Trang "{TITLE}" đang chờ duyệt ở bước duyệt "Kiểm duyệt viên duyệt bài"'
    assert sent() == [
        ("kiemduyet@example.vn", submission),
        ("quantri@example.vn", submission),
        (
            "quantri@example.vn",
            f'Trang "{TITLE}" đã được gửi duyệt theo quy trình "Duyệt trước khi đăng"',
        ),
    ]
    assert_vietnamese(detector)


@pytest.mark.parametrize(
    "action, subject",
    [
        ("approve", f'Trang "{TITLE}" đã được duyệt theo quy trình "Duyệt trước khi đăng".'),
        ("reject", f'Trang "{TITLE}" bị yêu cầu sửa lại trong quy trình "Duyệt trước khi đăng".'),
    ],
)
def test_the_moderators_decision_reaches_the_editor_in_vietnamese(
    client, staff, submitted, detector, action, subject
):
    mail.outbox.clear()
    client.force_login(staff[Role.MODERATOR])
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[submitted.workflow_state.object_id, action, submitted.pk],
        ),
        {"comment": "Cần ghi rõ nguồn tin."},
        **ASKS_FOR_ENGLISH,
    )

    assert response.status_code in (200, 302)
    assert sent() == [("bientap@example.vn", subject)]
    if action == "reject":
        assert 'Ghi chú kèm theo: "Cần ghi rõ nguồn tin."' in mail.outbox[0].body
    assert_vietnamese(detector)


def test_a_new_comment_reaches_the_pages_subscribers_in_vietnamese(
    client, staff, news_index, detector
):
    client.force_login(staff[Role.EDITOR])
    client.post(
        reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk]),
        article_form(TITLE),
    )
    article = ArticlePage.objects.get(title=TITLE)
    PageSubscription.objects.create(
        page=article, user=staff[Role.MODERATOR], comment_notifications=True
    )
    comment = {
        "contentpath": "title",
        "text": "Tiêu đề nên ngắn hơn.",
        "replies": inline_formset([]),
    }
    client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        article_form(TITLE, comments=inline_formset([comment])),
        **ASKS_FOR_ENGLISH,
    )

    editor = staff[Role.EDITOR].get_full_name()
    assert sent() == [
        ("kiemduyet@example.vn", f'{editor} đã cập nhật bình luận trên trang "{TITLE}"')
    ]
    assert '- "Tiêu đề nên ngắn hơn."' in mail.outbox[0].body
    assert_vietnamese(detector)


def test_the_reminders_and_the_coordinators_digest_read_in_vietnamese(
    make_staff, staff, detector, settings
):
    """The deadline of July 2024 (5 August), a Monday: Biên Hòa has not submitted, Xuân Lộc's
    month was returned, Long Khánh's awaits approval."""
    settings.REPORTING_DEADLINE_DAY, settings.REMINDER_DAYS = 5, [0]
    settings.REMINDER_DIGEST_WEEKDAY = 1
    july = datetime.date(2024, 7, 1)
    province = AdministrativeUnitFactory(code="75", name="Đồng Nai")
    units = {
        code: AdministrativeUnitFactory(
            code=code, name=name, parent=province, level=2, designation="huyện"
        )
        for code, name in [("731", "Biên Hòa"), ("741", "Xuân Lộc"), ("732", "Long Khánh")]
    }
    ReportingPeriod.objects.create(
        unit=units["741"], month=july, status="returned", comment="Thiếu số buổi."
    )
    ReportingPeriod.objects.create(unit=units["732"], month=july, status="submitted")
    for code in ("731", "741"):
        user = make_staff(Role.LOCAL, [units[code]], username=f"canbo{code}")
        user.email, user.first_name, user.last_name = f"canbo{code}@example.vn", "Hoa", "Lê Thị"
        user.save()
    coordinator = make_staff(Role.COORDINATOR, username="dieuphoi")
    coordinator.email = "dieuphoi@example.vn"
    coordinator.save()

    call_command("send_reminders", "--date", "2024-08-05", stdout=io.StringIO())

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "canbo731@example.vn",
        "canbo741@example.vn",
        "dieuphoi@example.vn",
        "quantri@example.vn",  # a superuser may approve months too
    ]
    assert_vietnamese(detector, html=False)
