"""Text no field can store is refused at the door, whatever view the request is for.

A NUL character (PostgreSQL refuses it in any text, so a lookup with one fails as a server error)
and half of a surrogate pair (not Unicode at all: no encoding can write it, and JSON's `\\ud800`
escape makes one) are never part of real input. Rather than every form field, serializer field
and lookup catching them, `UnstorableTextMiddleware` answers 400 for any request that carries one
in its address, its query string, its form fields, its file names or its JSON body: JSON in DRF's
error shape for the API, the public frame with the hotline otherwise.
"""

import json
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def unstorable(value):
    """Whether `value` (text, or JSON-like lists and dicts of it, keys included) holds a NUL or a
    lone surrogate."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, dict):
        return any(unstorable(key) or unstorable(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(unstorable(item) for item in value)
    return False


def _query_dict_unstorable(query):
    return any(unstorable(key) or unstorable(values) for key, values in query.lists())


def _json_body(request):
    try:
        return json.loads(request.body)
    except ValueError:
        return None  # not JSON after all: the view answers that itself


def carries_unstorable_text(request):
    if unstorable(request.path_info) or _query_dict_unstorable(request.GET):
        return True
    content_type = request.content_type or ""
    if request.method == "POST" and content_type in _FORM_TYPES:
        names = [upload.name for upload in request.FILES.values()]
        return _query_dict_unstorable(request.POST) or unstorable(names)
    if content_type == "application/json" or content_type.endswith("+json"):
        return unstorable(_json_body(request))
    return False


def _is_api(request):
    return request.path_info.startswith(settings.API_URL_PREFIXES)


class UnstorableTextMiddleware:
    """Answers 400 to a request carrying text no field can store (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_unstorable_text(request):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        if _is_api(request):
            # The API answers in the client's language, as its views do (Accept-Language).
            with translation.override(translation.get_language_from_request(request)):
                response = JsonResponse({"detail": _message()}, status=400)
            patch_vary_headers(response, ["Accept-Language"])
            return response
        body = render_to_string("core/bad_request.html", {"message": _message()}, request)
        return HttpResponse(body, status=400)


def _message():
    return _(
        "The request holds a character that text cannot contain (a NUL character or a broken "
        "character). Remove it and try again."
    )
