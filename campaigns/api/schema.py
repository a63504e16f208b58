"""The API's OpenAPI description (drf-spectacular), true to what the API answers.

drf-spectacular describes each view's own success answer. `CampaignApiSchema` adds the error
answers that come from outside the view, so that a client (and the fuzzer in
tests/campaigns/test_api_schema.py) finds every status it can meet documented:

- 400 on every operation: a field's error from a serializer, or a request that no view can use
  (a NUL character, JSON nested a thousand deep: `core.input_checks`);
- 401 on every operation: a wrong or expired token is refused even where no sign-in is needed;
- 403 where the caller's role or units are checked (or a session's CSRF token is missing);
- 404 where the address names an object, and on paginated lists (a page past the end);
- 415 where a body is sent in a format the API does not read;
- 429 (`core.security.RateLimitMiddleware`) and 503 while the database is away
  (`core.availability`), each with `Retry-After`.

An idempotent create (`IdempotentCreateMixin`) also takes the `Idempotency-Key` header, may
answer `Idempotent-Replayed`, and answers 409 for a key reused with another body.
"""

import datetime

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import permissions, serializers

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..offline.idempotency import HEADER, KEY_LIFETIME, MAX_KEY_LENGTH
from .idempotency import IdempotentCreateMixin


class ErrorSerializer(serializers.Serializer):
    """DRF's shape for every refusal but a field's: `{"detail": "why"}`."""

    detail = serializers.CharField()


# DRF's shape for a refused input: the field's name and its messages; `detail` or
# `non_field_errors` for the whole request; a list field's messages by position.
MESSAGES = {"type": "array", "items": {"type": "string"}}
VALIDATION_ERROR = {
    "type": "object",
    "additionalProperties": {
        "anyOf": [
            {"type": "string"},
            MESSAGES,
            {"type": "object", "additionalProperties": MESSAGES},
        ]
    },
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "required": True,
        "description": _("Seconds to wait before trying again."),
    }
}

IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER,
    str,
    OpenApiParameter.HEADER,
    description=format_lazy(
        _(
            "Any text of 1 to {length} visible ASCII characters chosen by the client. The same "
            "key and body within {hours} hours answer as the first time and write nothing; the "
            "same key with another body is a 409."
        ),
        length=MAX_KEY_LENGTH,
        hours=KEY_LIFETIME // datetime.timedelta(hours=1),
    ),
    pattern=f"^[!-~]{{1,{MAX_KEY_LENGTH}}}$",
)
REPLAYED = OpenApiParameter(
    "Idempotent-Replayed",
    str,
    OpenApiParameter.HEADER,
    response=[201],
    enum=["true"],
    description=_("Present when the answer is the one kept for an earlier request with this key."),
)

# Real codes (the demo has them too): a reader sees a request that works, and so do the fuzzer's
# first requests, before it tries everything else.
UNIT_CODE = OpenApiExample("Biên Hòa", value="731")
RECORD_EXAMPLES = [
    OpenApiExample(
        _("Leaflets handed out"),
        value={
            "unit": "731",
            "date": "2024-09-14",
            "indicator": "leaflets",
            "quantity": 300,
            "place": "Phường Thanh Bình",
        },
        request_only=True,
    ),
    OpenApiExample(
        _("A communication session"),
        value={
            "unit": "731",
            "date": "2024-09-20",
            "indicator": "sessions",
            "quantity": 1,
            "attendees": 45,
        },
        request_only=True,
    ),
]


class CampaignApiSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._is_idempotent_create():
            parameters = [*parameters, IDEMPOTENCY_KEY, REPLAYED]
        return parameters

    # drf-spectacular has no public hook for answers every operation shares; this is the
    # method its own `extend_schema(responses=…)` feeds.
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, (description, schema, headers) in self.error_responses().items():
            if str(code) not in responses:
                responses[str(code)] = {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                    **({"headers": headers} if headers else {}),
                }
        return dict(sorted(responses.items()))

    def error_responses(self):
        """{status: (description, schema, headers)} for this operation."""
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        invalid = self._component("ValidationError", VALIDATION_ERROR)
        answers = {
            400: (
                _("The request is invalid: the reason, by field where there is one."),
                invalid,
                {},
            ),
            401: (
                _("The access token is missing, wrong or expired, or the account may not use it."),
                error,
                {"WWW-Authenticate": {"schema": {"type": "string"}, "required": True}},
            ),
            429: (
                _("Too many requests from this address: wait and try again."),
                error,
                RETRY_AFTER,
            ),
            503: (_("The database is briefly unavailable: try again shortly."), error, RETRY_AFTER),
        }
        if not self._allows_anyone():
            answers[403] = (_("The caller's role or units do not allow this."), error, {})
        if self._names_an_object() or self._is_paginated_list():
            answers[404] = (_("Not found, or not one of the caller's units."), error, {})
        if self.method in ("POST", "PATCH"):
            answers[415] = (_("The body is not JSON, a form or multipart form data."), error, {})
        if self._is_idempotent_create():
            answers[409] = (_("This Idempotency-Key was used with another body."), error, {})
        return answers

    def _is_idempotent_create(self):
        return isinstance(self.view, IdempotentCreateMixin) and self._is_create_operation()

    def _allows_anyone(self):
        return any(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())

    def _names_an_object(self):
        return "{" in self.path

    def _is_paginated_list(self):
        return self.method == "GET" and self._is_list_view() and self._get_paginator() is not None

    def _component(self, name, schema):
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref
