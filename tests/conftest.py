import io

import pytest

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from wagtail.models import Site

from accounts.roles import Role
from accounts.staff import save_staff_account
from core.models import SiteSettings
from home.models import HomePage
from tests.factories import (
    AdministrativeUnitFactory,
    DistrictFactory,
    HelpPageFactory,
    MaterialsIndexPageFactory,
    NewsIndexPageFactory,
    translate_page,
)
from tests.services import TEST_REDIS_URL, redis_unreachable, unavailable


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and login lockouts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def vietnamese_by_default():
    """A request to /en/ leaves English active in the thread (LocaleMiddleware never switches it
    back), which would make the next test's reverse() answer English addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def redis_url():
    """The Redis at TEST_REDIS_URL, for tests that need a real server: skipped without one,
    failed in CI."""
    if reason := redis_unreachable(TEST_REDIS_URL):
        unavailable(reason)
    return TEST_REDIS_URL


@pytest.fixture
def home_page(db):
    return HomePage.objects.get()


@pytest.fixture
def english_home(home_page):
    """The English edition's home page: the translation of the site's root page, served at /en/."""
    return translate_page(home_page, title="Preventing human trafficking")


@pytest.fixture
def site_settings(db):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Sở Lao động - Thương binh và Xã hội"
    settings.hotlines = [
        ("hotline", {"label": "Tổng đài quốc gia", "number": "111", "hours": "24/7"})
    ]
    settings.contact_address = "Số 1 đường Thử Nghiệm"
    settings.contact_phone = "0251 000 000"
    settings.save()
    return settings


@pytest.fixture
def province(db):
    return AdministrativeUnitFactory(code="75", name="Đồng Nai")


@pytest.fixture
def district(province):
    return DistrictFactory(code="731", name="Biên Hòa", parent=province)


@pytest.fixture
def other_district(province):
    return DistrictFactory(code="741", name="Xuân Lộc", parent=province)


@pytest.fixture
def make_staff(db):
    """Build a staff account in one of the four roles, the way the `staff_account` command does."""

    def make(role, units=(), username=None):
        user, _ = save_staff_account(
            username or f"test-{role}", role, units, password="correct-horse-battery"
        )
        return user

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff(Role.EDITOR)


@pytest.fixture
def moderator(make_staff):
    return make_staff(Role.MODERATOR)


@pytest.fixture
def district_staff(make_staff, district):
    return make_staff(Role.LOCAL, [district])


@pytest.fixture
def coordinator(make_staff):
    return make_staff(Role.COORDINATOR)


@pytest.fixture(scope="class")
def demo_data_for_class(django_db_setup, django_db_blocker):
    """The demo data set, loaded once for a whole test class (it takes seconds) and rolled back
    after it. Each test still runs in its own transaction inside this one."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_data(demo_data_for_class, db):
    """Ask for this one: it orders the class-wide load before the test's own transaction."""


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def materials_index(home_page):
    return MaterialsIndexPageFactory(parent=home_page)


@pytest.fixture
def help_page(home_page):
    return HelpPageFactory(parent=home_page)
