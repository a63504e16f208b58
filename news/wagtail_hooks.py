from wagtail.snippets.models import register_snippet

from .viewsets import (
    DownloadCountViewSet,
    ProgrammeContactViewSet,
    SearchMissViewSet,
    SearchSynonymViewSet,
)

register_snippet(ProgrammeContactViewSet)
register_snippet(DownloadCountViewSet)
register_snippet(SearchSynonymViewSet)
register_snippet(SearchMissViewSet)
