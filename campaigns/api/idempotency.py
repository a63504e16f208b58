"""`Idempotency-Key` on the API's record writes (`campaigns.offline.idempotency`)."""

from rest_framework import exceptions, status
from rest_framework.response import Response

from ..offline.idempotency import HEADER, KeyReused, answer_once, key_problem


class KeyConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_key_reused"


class IdempotentCreateMixin:
    """POST with an Idempotency-Key: the same key and body within 24 hours answers as the first
    time and writes nothing; the same key with another body is a 409. Without the header the
    create is as before."""

    def create(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return super().create(request, *args, **kwargs)
        problem = key_problem(key)
        if problem:
            raise exceptions.ValidationError({HEADER: [problem]})

        def write():
            response = super(IdempotentCreateMixin, self).create(request, *args, **kwargs)
            return response.status_code, response.data, response.data.get("id")

        try:
            answer = answer_once(request.user, key, request.data, write)
        except KeyReused as reused:
            raise KeyConflict(reused.message) from reused
        headers = {"Idempotent-Replayed": "true"} if answer.replayed else {}
        return Response(answer.data, status=answer.status, headers=headers)
