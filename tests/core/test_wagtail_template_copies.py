"""Our copies of Wagtail admin templates are Wagtail's own but for the replacements listed here.

Wagtail 7.4 has no block, hook or component around a few strings our staff must not see in
English or as "None" (docs/admin-vietnamese.md says which and why), so `templates/wagtailadmin/`
holds copies. Each is the Wagtail template that `{% extends %}` would load after ours (for the
dashboard, only the block we replace) with exactly the replacements below, after a preamble of
comments, `{% load %}` and the `{% extends %}` of a block copy.

A Wagtail upgrade that changes one of those templates fails here: copy Wagtail's new text again,
re-apply the replacements and look at the screen. If Wagtail itself stops writing what we replace
(it translates the button, say), delete our copy.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.template import TemplateDoesNotExist, engines
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Revision

SEARCH = ('value="Search"', "value=\"{% translate 'Search' %}\"")


@dataclass(frozen=True)
class Copy:
    name: str
    replacements: tuple  # (Wagtail's text, ours) pairs; Wagtail's must occur exactly once
    block: str | None = None  # a block copy: ours extends Wagtail's and replaces this block only

    def __str__(self):
        return self.name


COPIES = [
    # Included by the page chooser and older listings; no block around its search form.
    Copy("wagtailadmin/shared/header.html", (SEARCH,)),
    # Included by the slim header of every listing and edit screen; five lines, no block.
    Copy(
        "wagtailadmin/shared/headers/_actions.html",
        (('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\""),),
    ),
    # The dashboard: its search form sits in `content`, the template's only block but the assets'.
    Copy("wagtailadmin/home.html", (SEARCH,), block="content"),
    # The name beside an avatar: Wagtail prints the missing user ("None") when no one acted, on
    # the aging pages report (pages the demo loader or the scheduler published) and in "a previous
    # version ... by" (revisions a script saved). Wagtail's own history calls no one "system".
    Copy(
        "wagtailadmin/shared/user_avatar.html",
        (
            (
                "{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}",
                "{% if username %}{{ username }}{% elif user %}{{ user }}"
                '{% else %}{% translate "system" %}{% endif %}',
            ),
        ),
    ),
]

TAG = re.compile(r"{%\s*(block|endblock)\b(.*?)%}")
PREAMBLE = re.compile(r"{#.*?#}|{%\s*load\s[\w\s]+%}|{%\s*extends\s+\"(?P<extends>[^\"]+)\"\s*%}")


def block_source(text, name):
    """`{% block name %}` ... its own `{% endblock %}`, nested blocks included."""
    depth = 0
    start = None
    for tag in TAG.finditer(text):
        if start is None:
            if tag[1] == "block" and tag[2].strip() == name:
                start, depth = tag.start(), 1
        else:
            depth += 1 if tag[1] == "block" else -1
            if depth == 0:
                return text[start : tag.end()]
    raise AssertionError(f"no block {name!r}")


def ours_and_wagtails(name):
    """The template Django loads for `name` (ours), and the one after it (what it extends)."""
    engine = engines["django"].engine
    ours = get_template(name).origin
    _, wagtails = engine.find_template(name, skip=[ours])
    return Path(ours.name), Path(wagtails.name)


def wagtail_text_we_copy(copy):
    _, wagtails = ours_and_wagtails(copy.name)
    text = wagtails.read_text(encoding="utf-8")
    return block_source(text, copy.block) + "\n" if copy.block else text


@pytest.mark.parametrize("copy", COPIES, ids=str)
def test_ours_is_loaded_and_wagtails_is_what_it_replaces(copy):
    ours, wagtails = ours_and_wagtails(copy.name)
    assert ours == Path(settings.BASE_DIR) / "templates" / copy.name
    assert "wagtail" in wagtails.parts, wagtails


@pytest.mark.parametrize("copy", COPIES, ids=str)
def test_wagtail_still_writes_what_we_replace(copy):
    original = wagtail_text_we_copy(copy)
    for old, new in copy.replacements:
        assert original.count(old) == 1, (
            f"Wagtail's {copy.name} no longer has {old!r} once: if Wagtail now translates it, "
            "delete our copy; otherwise copy Wagtail's template again"
        )
        assert new not in original


@pytest.mark.parametrize("copy", COPIES, ids=str)
def test_our_copy_is_wagtails_but_for_the_replacements(copy):
    expected = wagtail_text_we_copy(copy)
    for old, new in copy.replacements:
        expected = expected.replace(old, new)
    ours = (Path(settings.BASE_DIR) / "templates" / copy.name).read_text(encoding="utf-8")

    lines = ours.splitlines(keepends=True)
    first = expected.splitlines(keepends=True)[0]
    after_preamble = "".join(lines[lines.index(first) :] if first in lines else lines)
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            after_preamble.splitlines(keepends=True),
            f"Wagtail's {copy.name}, replaced",
            f"templates/{copy.name}",
        )
    )
    assert ours.endswith(expected), f"Our copy differs from Wagtail's:\n{diff}"

    preamble = ours[: len(ours) - len(expected)]
    extends = [tag["extends"] for tag in PREAMBLE.finditer(preamble) if tag["extends"]]
    assert PREAMBLE.sub("", preamble).strip() == "", "only comments and tags before Wagtail's text"
    assert extends == ([copy.name] if copy.block else [])


def our_template_dirs():
    base = Path(settings.BASE_DIR)
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    for app in apps.get_app_configs():
        path = Path(app.path)
        if path.is_relative_to(base) and not path.is_relative_to(base / ".venv"):
            dirs.append(path / "templates")
    return [d for d in dirs if d.is_dir()]


def test_every_template_of_ours_that_replaces_a_librarys_is_a_listed_copy():
    """A new fork of a Wagtail (or Django) template must come with its replacements, above."""
    engine = engines["django"].engine
    shadowing = set()
    for directory in our_template_dirs():
        for path in directory.rglob("*.html"):
            name = path.relative_to(directory).as_posix()
            ours = get_template(name).origin
            try:
                engine.find_template(name, skip=[ours])
            except TemplateDoesNotExist:
                continue
            shadowing.add(name)
    assert shadowing == {copy.name for copy in COPIES}


@pytest.mark.django_db
def test_the_aging_pages_report_names_no_one_as_the_system(client, home_page, moderator):
    """Wagtail printed "None" as the last publisher of a page published by no one: one the demo
    loader published, or one the scheduler published when its time came."""
    by_script = home_page.add_child(instance=Page(title="Kịch bản đăng", slug="kich-ban"))
    by_script.save_revision().publish()
    by_moderator = home_page.add_child(instance=Page(title="Kiểm duyệt đăng", slug="kiem-duyet"))
    by_moderator.save_revision(user=moderator).publish(user=moderator)
    scheduled = home_page.add_child(instance=Page(title="Hẹn giờ đăng", slug="hen-gio", live=False))
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision(user=moderator).publish(user=moderator)
    # A day later, the scheduler's turn: the revision's time has come.
    revision = Revision.objects.get(pk=scheduled.latest_revision.pk)
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    scheduled.refresh_from_db()
    assert scheduled.live

    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_reports:aging_pages_results")).content.decode()
    publishers = {}
    for row in BeautifulSoup(html, "html.parser").select("tbody tr"):
        cells = [" ".join(cell.get_text().split()) for cell in row.find_all("td")]
        publishers[row.find("a").get_text(strip=True)] = cells[3]
    assert publishers == {
        "Kịch bản đăng": "hệ thống",
        "Kiểm duyệt đăng": moderator.get_username(),
        "Hẹn giờ đăng": "hệ thống",
    }
