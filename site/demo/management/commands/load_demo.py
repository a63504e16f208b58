import os
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from accounts.roles import Role
from accounts.staff import save_staff_account
from campaigns.models import ResultsPage
from core.models import SiteSettings
from demo import campaign_records, content, english
from demo.publishing import child, load_publications
from news.models import SearchSynonym
from taxonomy.models import AdministrativeUnit, Audience
from taxonomy.reference import load as load_units


class Command(BaseCommand):
    help = "Load the demo content and demo accounts. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts have published passwords.",
        )

    def handle(self, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production, and the demo accounts have published "
                "passwords. Use --force for a throwaway server."
            )
        with transaction.atomic():
            units = self.load_units()
            self.load_audiences()
            self.load_site_settings()
            home = Site.objects.get(is_default_site=True).root_page.specific
            load_publications(home)
            self.load_accounts(units)
            indicators = campaign_records.load(units)
            self.load_home_page(home, indicators)
            child(home, ResultsPage, **content.RESULTS_PAGE, show_in_menus=True)
            english.load(home, indicators)
            self.load_search_synonyms()
        self.print_accounts()

    def load_units(self):
        """The province's units before and after the 2025 reform, from the reference data; the
        demo only adds the province's English name. {code: the unit the code names today, or
        last named}."""
        load_units(settings.PROVINCE_CODE)
        AdministrativeUnit.objects.filter(code=content.PROVINCE["code"], parent=None).update(
            name_en=content.PROVINCE["name_en"]
        )
        return AdministrativeUnit.objects.by_code()

    def load_audiences(self):
        for sort_order, (slug, name, name_en, description, description_en) in enumerate(
            content.AUDIENCES
        ):
            Audience.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "name_en": name_en,
                    "description": description,
                    "description_en": description_en,
                    "sort_order": sort_order,
                },
            )

    def load_site_settings(self):
        # The demo site answers where `make run` serves it (`PORT=8401 make run` too), so the
        # language switcher, canonical, share and feed links stay on the served site.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        Site.objects.filter(is_default_site=True).update(
            hostname=address.hostname, port=served_port(address)
        )
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        for field, value in content.SITE_SETTINGS.items():
            if field == "hotlines":
                value = [("hotline", hotline) for hotline in value]
            setattr(site_settings, field, value)
        site_settings.save()

    def load_home_page(self, home, indicators):
        if home.title == content.HOME_PAGE["title"] and not home.has_unpublished_changes:
            return
        for field, value in content.HOME_PAGE.items():
            setattr(home, field, value)
        # The body's text, then a live total of the leaflets the districts handed out.
        home.body = [
            ("paragraph", content.HOME_PAGE["body"]),
            ("live_total", {**content.HOME_LIVE_TOTAL, "indicator": indicators["leaflets"]}),
        ]
        home.draft_title = home.title
        home.save_revision().publish()

    def load_search_synonyms(self):
        # Added once: a group an editor has changed since (its first phrase is still there) stays.
        for group in content.SEARCH_SYNONYMS:
            if not SearchSynonym.objects.filter(terms__icontains=group[0]).exists():
                SearchSynonym.objects.create(terms="\n".join(group))

    def load_accounts(self, units):
        User = get_user_model()
        if not User.objects.filter(username=content.SUPERUSER).exists():
            User.objects.create_superuser(
                content.SUPERUSER, demo_email(content.SUPERUSER), password=content.DEMO_PASSWORD
            )
        for username, role, unit_code, first_name, last_name in content.ACCOUNTS:
            is_new = not User.objects.filter(username=username).exists()
            save_staff_account(
                username,
                role,
                [units[unit_code]] if unit_code else [],
                password=content.DEMO_PASSWORD if is_new else None,
                first_name=first_name,
                last_name=last_name,
                email=demo_email(username),
            )

    def print_accounts(self):
        self.stdout.write(self.style.SUCCESS("Demo content loaded. Sign in at /admin/ with:"))
        rows = [(content.SUPERUSER, "superuser", "")] + [
            (username, Role(role).label, unit or "")
            for username, role, unit, *_ in content.ACCOUNTS
        ]
        for username, role, unit in rows:
            where = f" ({unit})" if unit else ""
            self.stdout.write(f"  {username:<16} {content.DEMO_PASSWORD}  {role}{where}")


def served_port(address):
    """`PORT` from the environment, as `make run` passes it to runserver; else the base URL's."""
    port = os.environ.get("PORT", "").strip()
    if not port:
        return address.port or (443 if address.scheme == "https" else 80)
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"PORT must be a port number from 1 to 65535, not {port!r}.")
    return int(port)


def demo_email(username):
    return f"{username}@{content.DEMO_EMAIL_DOMAIN}"
