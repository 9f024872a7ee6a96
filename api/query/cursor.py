"""Opaque keyset cursors: the last row's sort values, signed and bound to the query."""

import base64
import binascii
import hashlib
import hmac
from datetime import date
from typing import Any

import orjson

from api.errors import BadRequest
from models.resources import Kind

SIGNATURE_BYTES = 16
MAX_CURSOR_LENGTH = 2048


def _signature(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()[:SIGNATURE_BYTES]


def _binding_digest(binding: str) -> str:
    return hashlib.sha256(binding.encode()).hexdigest()[:16]


def encode_cursor(secret: bytes, binding: str, values: list[Any], last_id: str) -> str:
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    payload = orjson.dumps([_binding_digest(binding), plain, last_id])
    token = base64.urlsafe_b64encode(payload + _signature(secret, payload))
    return token.rstrip(b"=").decode()


def _bad(message: str) -> BadRequest:
    return BadRequest([{"param": "cursor", "message": message}], "invalid-cursor")


def decode_cursor(
    secret: bytes, binding: str, token: str, kinds: list[Kind]
) -> tuple[list[Any], str]:
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
    digest, values, last_id = orjson.loads(payload)
    if digest != _binding_digest(binding):
        raise _bad("belongs to other filters or another sort; start again without cursor")
    if len(values) != len(kinds):  # signed by us, so only a changed sort could do this
        raise _bad("belongs to another sort")
    typed = [
        date.fromisoformat(v) if kind is Kind.date and v is not None else v
        for v, kind in zip(values, kinds, strict=True)
    ]
    return typed, str(last_id)
