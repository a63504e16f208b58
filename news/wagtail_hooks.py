from wagtail.snippets.models import register_snippet

from .viewsets import DownloadCountViewSet, ProgrammeContactViewSet

register_snippet(ProgrammeContactViewSet)
register_snippet(DownloadCountViewSet)
