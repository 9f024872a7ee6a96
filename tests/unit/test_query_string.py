"""The query string's own decoding and re-encoding (api/answers.py) agree with the
standard library's, whose rules they take over for speed."""

from urllib.parse import quote_plus, unquote_to_bytes, urlencode

from hypothesis import given
from hypothesis import strategies as st

from api.answers import _quoted, _utf8

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
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
