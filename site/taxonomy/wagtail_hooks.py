from wagtail.snippets.models import register_snippet

from .views import AdministrativeUnitViewSet, AudienceViewSet

register_snippet(AdministrativeUnitViewSet)
register_snippet(AudienceViewSet)
