"""Idempotent writes: a write sent again with the same key is answered, not repeated.

A client (the API, or a phone sending its offline queue) sends each write with an
`Idempotency-Key` it chose. `answer_once` runs the write and keeps its first successful answer
under (account, key), in the same transaction as the write. Within `KEY_LIFETIME`:

- the same key with the same body gets the first answer again, and nothing is written;
- the same key with another body is refused (`KeyReused`, answered 409);
- a refused write (400, 403, a locked month) is not kept: the transaction rolls back with it, so
  the client may send the same key again once the reason is fixed.

Two retries arriving together on PostgreSQL: both insert the key first; the unique constraint
makes the second insert wait for the first transaction, then fail, and the second answers with
what the first stored. `delete_expired` (the `clear_idempotency_keys` command) empties old keys.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import IdempotencyKey

HEADER = "Idempotency-Key"
KEY_LIFETIME = datetime.timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class Answer:
    status: int
    data: dict
    replayed: bool = False


class KeyReused(Exception):
    """The key was used in the last 24 hours with another body."""

    message = _("This Idempotency-Key was already used with a different request body.")


def key_problem(key):
    """Why `key` cannot be used, or None: 1 to 255 visible ASCII characters."""
    if not key or len(key) > MAX_KEY_LENGTH or not all("!" <= c <= "~" for c in key):
        return _("The Idempotency-Key header must be 1 to 255 visible ASCII characters.")
    return None


def body_hash(data):
    """SHA-256 of the body's content, whatever the order of its keys or its whitespace."""
    if hasattr(data, "lists"):  # a QueryDict: form fields may repeat
        data = dict(data.lists())
    canonical = json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class _NotKept(Exception):
    def __init__(self, status, data):
        self.status, self.data = status, data


def answer_once(user, key, data, write):
    """Run `write()` once for `user`'s `key` and body `data`, or answer as the first time did.

    `write()` returns (status, JSON-able data, the record's id or None) and may raise; it runs in the
    transaction that stores the key. Raises `KeyReused` for the same key with another body.
    """
    digest = body_hash(data)
    kept = _find(user, key)
    if kept is not None:
        return _replay(kept, digest)
    try:
        with transaction.atomic():
            IdempotencyKey.objects.filter(
                user=user, key=key, created_at__lt=timezone.now() - KEY_LIFETIME
            ).delete()
            kept = IdempotencyKey.objects.create(
                user=user, key=key, body_hash=digest, status_code=0
            )
            status, payload, record_id = write()
            payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
            if not 200 <= status < 300:
                raise _NotKept(status, payload)
            kept.status_code, kept.response, kept.record_id = status, payload, record_id
            kept.save(update_fields=["status_code", "response", "record"])
    except _NotKept as refused:
        return Answer(refused.status, refused.data)
    except IntegrityError:
        # Another request with this key committed first (or the write itself broke a
        # constraint, which is not ours to answer).
        kept = _find(user, key)
        if kept is None:
            raise
        return _replay(kept, digest)
    return Answer(status, payload)


def _find(user, key):
    return IdempotencyKey.objects.filter(
        user=user, key=key, created_at__gte=timezone.now() - KEY_LIFETIME
    ).first()


def _replay(kept, digest):
    if kept.body_hash != digest:
        raise KeyReused
    return Answer(kept.status_code, kept.response, replayed=True)


def delete_expired(now=None):
    """Delete the keys older than `KEY_LIFETIME`; returns how many."""
    cutoff = (now or timezone.now()) - KEY_LIFETIME
    deleted, _counts = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
