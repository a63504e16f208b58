from wagtail.snippets.models import register_snippet

from .views import UnitAssignmentViewSet

register_snippet(UnitAssignmentViewSet)
