from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide")

    def ready(self):
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .page_cache import invalidate
        from .spreadsheets import formula_safe_wagtail_exports

        # What the public sees changes: every cached page is refreshed (core.page_cache).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate, dispatch_uid="page_cache")
        post_delete.connect(invalidate, sender=Page, dispatch_uid="page_cache_page")
        for label in settings.PAGE_CACHE_INVALIDATED_BY:
            model = apps.get_model(label)
            post_save.connect(invalidate, sender=model, dispatch_uid=f"page_cache_{label}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"page_cache_{label}")

        # Wagtail's own CSV and XLSX downloads write text the way ours do (core.spreadsheets).
        formula_safe_wagtail_exports()
