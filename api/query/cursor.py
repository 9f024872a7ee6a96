"""Opaque keyset cursors: the last row's sort values, signed and bound to the query and
to the dataset version they page.

A re-seed that changes the data changes the version (it is a hash of what is served), and
a cursor of the old version is refused (409, stale-cursor) rather than continued over
other rows: a walk never mixes versions. A re-seed that changes nothing keeps the version,
and so its cursors."""

import base64
import binascii
import hashlib
import hmac
from datetime import date
from typing import Any

import orjson

from api.errors import ApiProblem, BadRequest
from models.resources import Kind

SIGNATURE_BYTES = 16
MAX_CURSOR_LENGTH = 2048


def _signature(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()[:SIGNATURE_BYTES]


def _binding_digest(binding: str) -> str:
    return hashlib.sha256(binding.encode()).hexdigest()[:16]


def _version_digest(version: str) -> str:
    return hashlib.sha256(version.encode()).hexdigest()[:12]


class StaleCursor(ApiProblem):
    """409: the cursor pages a dataset version a re-seed has replaced."""

    def __init__(self) -> None:
        super().__init__(
            409,
            "The cursor pages an earlier version of the data, which has been replaced; "
            "start again from the first page (without cursor).",
            errors=[{"param": "cursor", "message": "issued for data that has since changed"}],
            slug="stale-cursor",
        )


def encode_cursor(
    secret: bytes, version: str, binding: str, values: list[Any], last_id: str
) -> str:
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    payload = orjson.dumps([_version_digest(version), _binding_digest(binding), plain, last_id])
    token = base64.urlsafe_b64encode(payload + _signature(secret, payload))
    return token.rstrip(b"=").decode()


def _bad(message: str) -> BadRequest:
    return BadRequest([{"param": "cursor", "message": message}], "invalid-cursor")


def decode_cursor(
    secret: bytes, version: str, binding: str, token: str, kinds: list[Kind]
) -> tuple[list[Any], str]:
    """The sort values and id a cursor holds; 400 for one this API did not issue (or for
    other filters), 409 (StaleCursor) for one of a replaced dataset version."""
    if len(token) > MAX_CURSOR_LENGTH:
        raise _bad("not a cursor this API issued")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise _bad("not a cursor this API issued") from None
    payload, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    if len(raw) <= SIGNATURE_BYTES or not hmac.compare_digest(
        signature, _signature(secret, payload)
    ):
        raise _bad("not a cursor this API issued, or tampered with")
    fields = orjson.loads(payload)
    if len(fields) != 4 or fields[0] != _version_digest(version):
        raise StaleCursor  # signed by us, for other data (or before versions were signed)
    _, digest, values, last_id = fields
    if digest != _binding_digest(binding):
        raise _bad("belongs to other filters or another sort; start again without cursor")
    if len(values) != len(kinds):  # signed by us, so only a changed sort could do this
        raise _bad("belongs to another sort")
    typed = [
        date.fromisoformat(v) if kind is Kind.date and v is not None else v
        for v, kind in zip(values, kinds, strict=True)
    ]
    return typed, str(last_id)
