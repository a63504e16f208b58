from django.http import Http404

from wagtail import hooks
from wagtail.documents.permissions import permission_policy as document_permissions

from .private_content import PublicPageLinkHandler, may_serve


@hooks.register("before_serve_document")
def keep_restricted_documents_private(document, request):
    """A document used only on restricted pages: 404 to a reader who has passed none of them
    (not 403, which would tell that it exists). Staff who manage documents always get it."""
    if document_permissions.user_has_any_permission(request.user, {"add", "change", "choose"}):
        return None
    if not may_serve(request, document):
        raise Http404
    return None


@hooks.register("register_rich_text_features", order=1)
def link_no_restricted_page(features):
    """After Wagtail's own registration (order 0), so that this handler replaces its own."""
    features.register_link_type(PublicPageLinkHandler)
