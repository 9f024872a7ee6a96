"""The query string's own decoding and re-encoding (api/answers.py) agree with the
standard library's, whose rules they take over for speed."""

from urllib.parse import quote_plus, unquote_to_bytes, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.requests import Request

from api.answers import QueryString, _quoted, _utf8, parse_query
from api.errors import BadRequest

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
RAW = st.binary(max_size=30) | st.sampled_from([b"a+b", b"%41", b"count,CNY", b"-7", b"%zz"])


@given(TEXT, TEXT)
def test_a_pair_is_encoded_as_urlencode_encodes_it(name: str, value: str) -> None:
    assert f"{_quoted(name)}={_quoted(value)}" == urlencode([(name, value)], safe=",")


@given(TEXT)
def test_a_value_is_quoted_as_quote_plus_quotes_it(value: str) -> None:
    assert _quoted(value) == quote_plus(value, safe=",")


@given(RAW)
def test_a_part_is_decoded_as_percent_decoding_then_strict_utf8(raw: bytes) -> None:
    try:
        expected: str | None = unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        expected = None
    try:
        found: str | None = _utf8(raw)
    except UnicodeDecodeError:
        found = None
    assert found == expected


QUERY = st.lists(RAW | st.sampled_from([b"=", b"&", b"a=", b"=b", b"&&"]), max_size=8).map(b"".join)


def _pairs_one_by_one(raw: bytes) -> list[tuple[str, str]] | None:
    """The rule: split at &, then at the first =, each side percent-decoded, then strict
    UTF-8; None where any side is not UTF-8."""
    pairs = []
    for pair in raw.split(b"&"):
        if pair:
            name, _, value = pair.partition(b"=")
            try:
                pairs.append((_utf8(name), _utf8(value)))
            except UnicodeDecodeError:
                return None
    return pairs


@given(QUERY)
def test_a_query_string_is_read_pair_by_pair(raw: bytes) -> None:
    expected = _pairs_one_by_one(raw)
    if expected is None:
        with pytest.raises(BadRequest):
            parse_query(raw)
    else:
        assert parse_query(raw) == expected


PLAIN_QUERY = st.lists(
    st.sampled_from([b"a", b"=", b"&", b"cursor", b"count,CNY", b"-7", b"x.y~z", b"_"]), max_size=8
).map(b"".join)


@given(QUERY | PLAIN_QUERY, st.sampled_from([None, "abc", "a b"]))
def test_a_pages_urls_encode_the_query_as_urlencode_does(raw: bytes, cursor: str | None) -> None:
    scope = {"type": "http", "path": "/v1/figures", "query_string": raw}
    try:
        asked = QueryString(Request(scope))
    except BadRequest:
        return
    kept = urlencode([(k, v) for k, v in asked.items if k != "cursor"], safe=",")
    expected = "/v1/figures" + ("?" + kept if kept else "")
    if cursor is not None:
        expected += ("&" if kept else "?") + urlencode([("cursor", cursor)])
    assert asked.page_urls(cursor, None) == (expected, None)
