"""Input no view can use is refused at the door, whatever view the request is for.

A NUL character (PostgreSQL refuses it in any text, so a lookup with one fails as a server error)
and half of a surrogate pair (not Unicode at all: no encoding can write it, and JSON's `\\ud800`
escape makes one) are never part of real input. Nor is JSON nested a thousand deep (Python's
parser gives up with an error no view expects) or a body over Django's size limit. Rather than
every form field, serializer field and lookup catching them, `InputCheckMiddleware` answers 400
for any request that carries one in its address, its query string, its form fields, its file
names or its JSON body: JSON in DRF's error shape for the API, the public frame with the hotline
otherwise.
"""

import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

UNSTORABLE = _(
    "The request holds a character that text cannot contain (a NUL character or a broken "
    "character). Remove it and try again."
)
TOO_DEEP = _("The JSON is nested too deeply.")
TOO_LARGE = _("The request is larger than the site accepts.")


def unstorable(value):
    """Whether `value` (text, or JSON-like lists and dicts of it, keys included, however deep)
    holds a NUL or a lone surrogate."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return False


def _query_dict_unstorable(query):
    return any(unstorable(key) or unstorable(values) for key, values in query.lists())


def refusal(request):
    """Why the request is refused before any view (a lazy message), or None."""
    if unstorable(request.path_info) or _query_dict_unstorable(request.GET):
        return UNSTORABLE
    content_type = request.content_type or ""
    try:
        if request.method == "POST" and content_type in _FORM_TYPES:
            names = [upload.name for upload in request.FILES.values()]
            if _query_dict_unstorable(request.POST) or unstorable(names):
                return UNSTORABLE
        elif content_type == "application/json" or content_type.endswith("+json"):
            return _json_refusal(request.body)
    except RequestDataTooBig:
        return TOO_LARGE
    return None


def _json_refusal(body):
    try:
        data = json.loads(body)
    except RecursionError:
        return TOO_DEEP
    except ValueError:
        return None  # not JSON after all: the view answers that itself
    return UNSTORABLE if unstorable(data) else None


class InputCheckMiddleware:
    """Answers 400 to a request no view can use (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if reason := refusal(request):
            return self.refuse(request, reason)
        return self.get_response(request)

    @staticmethod
    def refuse(request, reason):
        if request.path_info.startswith(settings.API_URL_PREFIXES):
            # The API answers in the client's language, as its views do (Accept-Language).
            with translation.override(translation.get_language_from_request(request)):
                response = JsonResponse({"detail": str(reason)}, status=400)
            patch_vary_headers(response, ["Accept-Language"])
            return response
        body = render_to_string("core/bad_request.html", {"message": reason}, request)
        return HttpResponse(body, status=400)
