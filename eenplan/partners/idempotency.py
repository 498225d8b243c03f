"""Idempotent partner POSTs: the `Idempotency-Key` header (IETF draft-ietf-httpapi-idempotency-key-header; ADR 0118).

A partner system that does not know whether its POST arrived (a timeout, a failover of eenplan's database) sends it
again with the same key. `create_once` runs the creation in one transaction that first inserts the key (unique per
system); the created record is stored with it. The same key again is answered with that record, not a second one;
the same key with another body, or on another address, is refused (`KeyReused`, a 422). Two at the same moment: the
unique index makes the second wait for the first's transaction and then find its key (PostgreSQL), or the write
lock serialises them (SQLite) — the same approach as the form tokens of ADR 0120. A creation that fails (invalid
input) rolls the key back with it, so the corrected request can use the key again.
"""

import hashlib
import json
import re
from datetime import timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from .models import IdempotencyKey, PartnerClient

HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)
# An sf-string (RFC 8941) — quoted — or, as most clients send it, the bare value: visible ASCII, at most 255.
KEY_RE = re.compile(r'"?([\x21\x23-\x5b\x5d-\x7e]{1,255})"?')


class KeyReused(Exception):
    """The key was used before for another request (another body or another address)."""


def parse_key(value: str | None) -> str | None:
    """The key from the header's value; None when there is no header; ValueError when it is malformed."""
    if value is None:
        return None
    match = KEY_RE.fullmatch(value.strip())
    if match is None or value.strip().count('"') not in (0, 2):
        raise ValueError(value)
    return match.group(1)


def digest(body) -> str:
    """SHA-256 of the body's JSON in canonical form: the same data in another layout is the same request."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
                          .encode()).hexdigest()


def create_once(*, client: PartnerClient, key: str | None, path: str, body, create):
    """Run `create()` (returns the new model instance) once per (client, key). Returns (record, replayed)."""
    if key is None:
        return create(), False
    request_digest = digest(body)
    with transaction.atomic():
        for _attempt in range(2):
            try:
                with transaction.atomic():
                    entry = IdempotencyKey.objects.create(client=client, key=key, path=path[:200], digest=request_digest,
                                                          record_type="")
                break
            except IntegrityError:
                entry = IdempotencyKey.objects.filter(client=client, key=key).first()
                if entry is None:
                    continue  # the first request rolled back while this one waited: this one is the first now
                if entry.path != path[:200] or entry.digest != request_digest:
                    raise KeyReused(key) from None
                record = apps.get_model(entry.record_type).objects.filter(pk=entry.record_id).first()
                if record is None:  # removed since (retention)
                    raise Http404
                return record, True
        else:
            raise IntegrityError(f"idempotency key {key!r} could not be stored")
        record = create()
        entry.record_type, entry.record_id = record._meta.label, record.pk
        entry.save(update_fields=["record_type", "record_id"])
    return record, False


def idempotency_keys_prune(*, keep: timedelta = KEEP) -> int:
    """Remove keys older than `keep` (a retry a day later is a new request)."""
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - keep).delete()
    return deleted
