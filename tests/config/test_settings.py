"""Production settings refuse to start unsafely; the deploy checklist passes."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789"


def run_production_check(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret():
    result = run_production_check(ALLOWED_HOSTS="example.vn")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret():
    result = run_production_check(ALLOWED_HOSTS="example.vn", SECRET_KEY="short")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_production_check(SECRET_KEY=GOOD_SECRET)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_refuses_debug():
    result = run_production_check(SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="example.vn", DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must not be on" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_production_check(
        "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="example.vn"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("settings_module", "installs_demo"), [("production", False), ("dev", True), ("test", True)]
)
def test_only_development_and_tests_install_the_demo(settings_module, installs_demo):
    """load_demo makes accounts with published passwords: production must not even offer it."""
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment.update(SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="example.vn", PYTHONPATH="site")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import config.settings.{settings_module} as s; print(*s.INSTALLED_APPS)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert ("demo" in result.stdout.split()) is installs_demo


def test_nothing_reaches_the_internet_from_the_admin():
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def test_vietnamese_is_the_default_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "68.777 | 28/11/2026"), ("en", "68,777 | 28/11/2026")],
)
def test_numbers_and_dates_follow_the_readers_language(language, expected):
    template = Template(
        '{% load humanize %}{{ number|intcomma }} | {{ day|date:"SHORT_DATE_FORMAT" }}'
    )
    with translation.override(language):
        rendered = template.render(Context({"number": 68777, "day": datetime.date(2026, 11, 28)}))
    assert rendered == expected


def test_long_dates_read_naturally_in_vietnamese():
    with translation.override("vi"):
        rendered = Template('{{ day|date:"DATE_FORMAT" }}').render(
            Context({"day": datetime.date(2024, 7, 30)})
        )
    assert rendered == "30 tháng 7 năm 2024"


def settings_read(settings_module, expression, **env):
    """`expression` evaluated in `config.settings.<settings_module>` loaded with `env`."""
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment.update(SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="example.vn", PYTHONPATH="site")
    environment.update(env)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import config.settings.{settings_module} as s; print({expression})",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_postgresql_gets_connect_and_statement_timeouts_from_the_environment():
    options = settings_read(
        "production",
        "s.DATABASES['default']['OPTIONS']",
        DATABASE_URL="postgres://pcmbn@db.invalid:5432/pcmbn?options=-c%20lock_timeout%3D2000",
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT="20",
    )
    assert "'connect_timeout': 3" in options
    assert "-c lock_timeout=2000 -c statement_timeout=20000" in options


def test_the_redis_cache_waits_a_fraction_of_a_second():
    cache = settings_read("production", "s.CACHES['default']", REDIS_URL="redis://127.0.0.1:6379/0")
    assert "'BACKEND': 'core.redis_cache.RedisCache'" in cache
    assert "'TIMEOUT_SECONDS': 0.3" in cache and "'RETRY_SECONDS': 5.0" in cache
