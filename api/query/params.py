"""Parsing a query string into a CollectionQuery, or a 400 naming every bad parameter."""

import difflib
import re
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple
from urllib.parse import quote_plus

from api.errors import BadRequest
from api.query.memo import Memo, memo_share
from models.resources import RANGE_OPS, FieldSpec, Kind, ResourceSpec
from models.vocab import ResourceName


class Format(StrEnum):
    json = "json"
    csv = "csv"
    ndjson = "ndjson"


FORMATS = {f.value: f for f in Format}
# The media types of the formats, as `Accept` names them (and the wildcards JSON answers).
ACCEPTED = {
    "text/csv": Format.csv,
    "application/x-ndjson": Format.ndjson,
    "application/json": Format.json,
    "application/*": Format.json,
    "*/*": Format.json,
}
CONTROL_PARAMS = ("q", "sort", "limit", "cursor", "fields", "facet", "format")
# The parameters of a page that an export operation does not take.
EXPORT_REFUSES = ("limit", "cursor", "facet", "format", "expand")
NUMBER_RE = re.compile(r"^-?(0|[1-9][0-9]{0,20})(\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Within what PostgreSQL's double precision and date types accept, with room to spare.
MAX_ABS_NUMBER = 1e300
MAX_LIST = 10
MAX_CURSOR_LENGTH = 2048
MAX_ACCEPT_RANGES = 20
MAX_REMEMBERED_ACCEPT = 200


class CommaData(str):
    """A query value that held percent-encoded commas (`%2C`): data, not separators. Its
    `items` are its parts between the literal commas only, each decoded; a plain str
    value (no `%2C`, most values) splits at every comma."""

    items: tuple[str, ...]


def decode_value(raw: bytes, decode: "Callable[[bytes], str]") -> str:
    """A query value, percent-decoded by `decode`; a value with an encoded comma keeps
    where its literal commas were (CommaData), since decoding would lose it."""
    if b"%2C" not in raw and b"%2c" not in raw:
        return decode(raw)
    value = CommaData(decode(raw))
    value.items = tuple(decode(part) for part in raw.split(b","))
    return value


def one_value(text: str) -> str:
    """`text` as one value whatever commas it holds, as a `%2C` in a URL would make it
    (a value given apart from any URL, such as an MCP tool's argument)."""
    if "," not in text:
        return text
    value = CommaData(text)
    value.items = (text,)
    return value


def list_items(value: str) -> list[str]:
    """The items of a list parameter's value: split at its literal commas."""
    return list(value.items) if type(value) is CommaData else value.split(",")


def encoded_items(value: str) -> str | None:
    """How a CommaData value's items are written back into a URL (`%2C` inside an item,
    a literal comma between), for callers that re-encode a query; None for plain text."""
    if type(value) is not CommaData:
        return None
    return ",".join(quote_plus(item) for item in value.items)


# Datasette's names: `field__isnull=true|false` (no value / a value; for a multi-valued
# field, no values / some), `field__not=a,b` (none of them; records without a value
# match). `field__isnull=true` is a filter as "isnull", `=false` as "notnull".
ABSENCE_OPS = ("isnull", "not")


# The parsed query's types are NamedTuples, as immutable as frozen dataclasses and built
# at a fifth of their cost: a first-time page builds several (docs/design.md, "Parsing
# once, cheaply").
class Filter(NamedTuple):
    field: FieldSpec
    op: str  # "in", "not", "isnull", "notnull" or a key of RANGE_OPS
    values: tuple[Any, ...]
    # SQLite only, set by the engine (KnownCounts.planned): the share of rows a range
    # keeps, for the planner, which otherwise takes every range to keep a quarter.
    likelihood: float | None = None


class SortKey(NamedTuple):
    field: FieldSpec
    desc: bool


class CollectionQuery(NamedTuple):
    filters: tuple[Filter, ...]
    q: str | None
    sort: tuple[SortKey, ...]
    limit: int
    cursor: str | None
    fields: tuple[str, ...] | None
    facets: tuple[str, ...]
    format: Format
    # The records to embed in each item (api/query/expand.py): what is shown, not which
    # records match.
    expand: tuple[str, ...] = ()

    def with_filters(self, filters: tuple[Filter, ...]) -> "CollectionQuery":
        """This query with other filters."""
        return CollectionQuery(filters, *self[1:])

    def selection(self, resource: str) -> str:
        """What decides which records match: the resource, its filters and `q`."""
        parts = [resource, f"q={self.q or ''}"]
        parts += [f"{f.field.name}__{f.op}={f.values!r}" for f in self.filters]
        return "\x1f".join(parts)

    def binding(self, resource: str) -> str:
        """What a cursor is bound to: the selection and the sort."""
        sort = [("-" if k.desc else "") + k.field.name for k in self.sort]
        return "\x1f".join([self.selection(resource), *sort])


class ParseMemos:
    """What was parsed lately, by what it was parsed from: questions repeat most of their
    parameters (the same filter with another bound or cursor, the same sort, the client's
    one Accept header), and a lookup costs a fifteenth of parsing one again ("Parsing
    once, cheaply" in docs/design.md). Only what parsed without an error is kept. One
    per app (its state), each memo in its share of the memo_bytes setting."""

    def __init__(self, memo_bytes: int) -> None:
        share = memo_share(memo_bytes)
        self.filters: Memo[tuple[str | int, ...], Filter] = Memo(share, _filter_weight)
        self.sorts: Memo[tuple[str, ...], tuple[SortKey, ...]] = Memo(share)
        self.accepts: Memo[str, Format] = Memo(share)


def _filter_weight(key: tuple[str | int, ...], found: Filter) -> int:
    """What `footprint` counts of a filter's entry, without its walk (a first-time
    question pays it on every filter it holds): the key's items and the filter's values
    are strings and numbers (a date is counted as an object of its own, where footprint
    counts none); its field is shared with the app."""
    size = sys.getsizeof
    return (
        size(key)
        + sum(map(size, key))
        + size(found)
        + size(found.op)
        + size(found.values)
        + sum(map(size, found.values))
    )


# For a parse outside an app's requests (the data package, an MCP tool): its memos hold
# no byte, so it parses everything afresh and keeps nothing.
REMEMBERS_NOTHING = ParseMemos(0)


# Unicode's categories Cc (controls) and Cs (surrogates), as one character class.
CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control_characters(value: str) -> bool:
    return CONTROL_RE.search(value) is not None


class Collector:
    def __init__(self, max_length: int) -> None:
        self.errors: list[dict[str, str]] = []
        self.max_length = max_length
        self.slug: str | None = None

    def add(self, param: str, message: str, slug: str = "invalid-value") -> None:
        """One bad parameter; the problem's kind (api/errors.py) is its first one's."""
        self.errors.append({"param": param[:100], "message": message})
        if self.slug is None:
            self.slug = slug

    def unknown(self, param: str, known: list[str]) -> None:
        """A parameter the operation does not take, with the closest it does take."""
        close = difflib.get_close_matches(param, known, n=3)
        names = " or ".join([", ".join(close[:-1]), close[-1]] if len(close) > 1 else close)
        hint = f"; did you mean {names}?" if close else "."
        self.add(
            param,
            f"unknown parameter{hint} Every parameter is listed in /openapi.json and /docs.",
            "unknown-parameter",
        )

    def raise_if_any(self) -> None:
        if self.errors:
            raise BadRequest(self.errors, self.slug)

    def single(self, params: dict[str, list[str]], name: str) -> str | None:
        values = params.get(name)
        if not values:
            return None
        if len(values) > 1:
            self.add(name, "given more than once")
            return None
        return values[0]

    def text_ok(self, param: str, value: str, max_length: int | None = None) -> bool:
        limit = max_length or self.max_length
        if len(value) > limit:
            self.add(param, f"longer than {limit} characters")
            return False
        if has_control_characters(value):
            self.add(param, "contains control characters")
            return False
        return True

    def listed(self, params: dict[str, list[str]], name: str) -> list[str] | None:
        """A list of names' items, `a,b` and a repeated parameter alike (what generated
        clients send), or None when it is not given."""
        values = params.get(name)
        if not values:
            return None
        # Names never hold a comma: any comma separates them, `%2C` as well (what HTTP
        # libraries send for `sort="kind,name"`).
        return [item for value in values for item in value.split(",")]

    def names(self, param: str, names: list[str], allowed: list[str]) -> list[str]:
        bad = [n for n in names if n not in allowed]
        if bad:
            known = ", ".join(allowed) or "none"
            self.add(param, f"unknown field {bad[0][:40]!r}; allowed: {known}")
            return []
        if len(set(names)) < len(names):
            self.add(param, "names a field more than once")
            return []
        return names

    def limit(self, value: str | None, default: int, maximum: int) -> int:
        if value is None:
            return default
        if not re.fullmatch(r"[0-9]{1,6}", value) or not 1 <= int(value) <= maximum:
            self.add("limit", f"must be an integer from 1 to {maximum}")
            return default
        return int(value)


def format_from_accept(accept: str | None, memos: ParseMemos) -> Format:
    """The format an `Accept` header asks for: the media type of the highest quality among
    JSON, CSV and NDJSON (the first of equals); JSON when it names none of them."""
    if accept is None:
        return Format.json
    found = memos.accepts.get(accept)
    if found is None:
        found = _format_from_accept(accept)
        if len(accept) <= MAX_REMEMBERED_ACCEPT:
            memos.accepts.put(accept, found)
    return found


def _format_from_accept(accept: str) -> Format:
    best, best_q = Format.json, -1.0
    for part in accept.split(",")[:MAX_ACCEPT_RANGES]:
        media, *params = (p.strip() for p in part.split(";"))
        found = ACCEPTED.get(media.lower())
        if found is None:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q and q > 0:
            best, best_q = found, q
    return best


def parse_value(field: FieldSpec, raw: str) -> Any:
    """A typed filter value, or raises ValueError with a message for the user."""
    if raw == "":
        raise ValueError("empty value")
    choices = field.choices
    if field.kind is Kind.boolean:
        if raw not in ("true", "false"):
            raise ValueError("must be true or false")
        return raw == "true"
    if choices is not None and raw not in choices:
        raise ValueError(f"{raw[:40]!r} is not one of: {', '.join(choices)}")
    if field.kind is Kind.number:
        if not NUMBER_RE.match(raw) or abs(float(raw)) > MAX_ABS_NUMBER:
            raise ValueError("must be a decimal number such as 1000 or 2.5e9")
        return float(raw)
    if field.kind is Kind.date:
        try:
            if not DATE_RE.match(raw):
                raise ValueError
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError("must be a date as YYYY-MM-DD") from None
    return raw


def split_filter_name(spec: ResourceSpec, name: str) -> tuple[FieldSpec, str] | None:
    base, _, op = name.partition("__")
    field = spec.by_name.get(base)
    if field is None:
        return None
    if not op:
        return field, "in"
    if (op in RANGE_OPS and field.ranges) or op in ABSENCE_OPS:
        return field, op
    return None


def allowed_params(spec: ResourceSpec) -> list[str]:
    """Every parameter a collection takes (an unknown one is matched against them)."""
    names = [*CONTROL_PARAMS, "expand"]
    for f in spec.fields:
        names += [f.name, f"{f.name}__not", f"{f.name}__isnull"]
        if f.ranges:
            names += [f"{f.name}__{op}" for op in RANGE_OPS]
    return names


def _listed_items(name: str, values: list[str], c: Collector) -> list[str] | None:
    """A filter's items (`a,b` and repeated alike), or None with an error when a literal
    comma most likely was part of a value: an item it leaves starting or ending with a
    space (`name=Co., Ltd.`) is refused as ambiguous, with how to write it."""
    items: list[str] = []
    for value in values:
        parts = list_items(value)
        if len(parts) > 1 and any(p != p.strip() for p in parts):
            c.add(
                name,
                "a literal comma separates values, and a value it leaves starts or ends "
                "with a space: if the comma is part of one value, write it as %2C "
                "(name=Co.%2C%20Ltd.); if the values are separate, drop the spaces",
                "ambiguous-value",
            )
            return None
        if "" in parts and len(parts) > 1:
            c.add(
                name,
                "an empty value between commas; a comma inside a value is written as %2C",
            )
            return None
        items += parts
    return items


def _filters(
    spec: ResourceSpec, params: dict[str, list[str]], c: Collector, memos: ParseMemos
) -> list[Filter]:
    filters: list[Filter] = []
    for name, values in params.items():
        if name in CONTROL_PARAMS or name == "expand":  # `expand`: parse_collection's
            continue
        # A CommaData value equals the plain text of its decoded form, but does not
        # split as it does: it is parsed each time, not remembered.
        plain = all(type(v) is str for v in values)
        key: tuple[str | int, ...] = (spec.name, c.max_length, name, *values)
        found = memos.filters.get(key) if plain else None
        if found is None:
            found = _filter(spec, name, values, c)
            if found is None:
                continue
            if plain:
                memos.filters.put(key, found)
        filters.append(found)
    return filters


def _filter(spec: ResourceSpec, name: str, values: list[str], c: Collector) -> Filter | None:
    """The filter one parameter asks for, or None with its errors added to `c`."""
    target = split_filter_name(spec, name)
    if target is None:
        c.unknown(name, allowed_params(spec))
        return None
    field, op = target
    listed = op in ("in", "not")
    if not listed and len(values) > 1:
        c.add(name, "given more than once")
        return None
    if op == "isnull":
        if values[0] not in ("true", "false"):
            c.add(name, "must be true or false")
            return None
        return Filter(field, "isnull" if values[0] == "true" else "notnull", ())
    # `a,b` and a repeated parameter both mean any of them; `a%2Cb` is one value.
    items = _listed_items(name, values, c) if listed else values
    if items is None:
        return None
    if len(items) > MAX_LIST:
        c.add(name, f"at most {MAX_LIST} values")
        return None
    # Only text is bounded by the settings' length; other kinds are checked by type.
    bound = None if field.kind is Kind.text else MAX_CURSOR_LENGTH
    try:
        parsed = [parse_value(field, item) for item in items if c.text_ok(name, item, bound)]
    except ValueError as exc:
        c.add(name, str(exc))
        return None
    if len(parsed) < len(items):
        return None
    return Filter(field, op, tuple(dict.fromkeys(parsed)))


def default_sort(spec: ResourceSpec) -> tuple[SortKey, ...]:
    found = _default_sorts.get(spec.name)
    if found is None:
        found = _default_sorts[spec.name] = tuple(
            SortKey(spec.by_name[n.removeprefix("-")], n.startswith("-")) for n in spec.default_sort
        )
    return found


_default_sorts: dict[ResourceName, tuple[SortKey, ...]] = {}


def _sort(
    spec: ResourceSpec, terms: list[str] | None, c: Collector, memos: ParseMemos
) -> tuple[SortKey, ...]:
    if terms is None:
        return default_sort(spec)
    key = (spec.name, *terms)
    found = memos.sorts.get(key)
    if found is None:
        found = _sort_keys(spec, terms, c)
        if found:
            memos.sorts.put(key, found)
    return found


def _sort_keys(spec: ResourceSpec, terms: list[str], c: Collector) -> tuple[SortKey, ...]:
    sortable = spec.sortable
    unknown = [t.removeprefix("-") for t in terms if t.removeprefix("-") not in sortable]
    if unknown:
        c.add("sort", f"unknown field {unknown[0][:40]!r}; allowed: {', '.join(sortable)}")
        return ()
    if len(set(terms)) < len(terms):
        c.add("sort", "names a field more than once")
        return ()
    keys: dict[str, SortKey] = {}
    for term in terms:  # `name,-name` is allowed: the first mention decides
        name = term.removeprefix("-")
        keys.setdefault(name, SortKey(spec.by_name[name], term.startswith("-")))
    return tuple(keys.values())


def parse_collection(
    spec: ResourceSpec,
    params: dict[str, list[str]],
    *,
    default_limit: int,
    max_limit: int,
    max_length: int,
    memos: ParseMemos = REMEMBERS_NOTHING,
    accept: str | None = None,
    export: Format | None = None,
    expandable: list[str] | None = None,
) -> CollectionQuery:
    """The query `params` ask for; without `format`, the `Accept` header names it.
    `export`: the query of an export operation (/v1/<name>.csv), which takes no paging,
    facets or format: they are unknown parameters there."""
    c = Collector(max_length)
    if export is not None:
        for name in EXPORT_REFUSES:
            if name in params:
                c.add(
                    name, "not a parameter of an export: it holds every record", "unknown-parameter"
                )
    filters = _filters(spec, params, c, memos)
    for name in (*CONTROL_PARAMS, "expand"):
        for value in params.get(name, []):
            # `q` is text, limited by the settings; the others are names, numbers and
            # cursors, each checked for what it is, within a bound of their own.
            c.text_ok(name, value, None if name == "q" else MAX_CURSOR_LENGTH)
    c.raise_if_any()

    q = c.single(params, "q")
    if q is not None and not q.strip():
        c.add("q", "must not be blank")
    sort = _sort(spec, c.listed(params, "sort"), c, memos)
    fields_asked = c.listed(params, "fields")
    fields = (
        tuple(c.names("fields", fields_asked, spec.item_fields))
        if fields_asked is not None
        else None
    )
    facets = c.names("facet", c.listed(params, "facet") or [], spec.facetable)
    expand = c.names("expand", c.listed(params, "expand") or [], expandable or [])
    fmt_raw = c.single(params, "format")
    fmt = export or (format_from_accept(accept, memos) if fmt_raw is None else FORMATS.get(fmt_raw))
    if fmt is None:
        c.add("format", "must be one of: json, csv, ndjson")
        fmt = Format.json
    limit = c.limit(c.single(params, "limit"), default_limit, max_limit)
    cursor = c.single(params, "cursor")
    if cursor is not None and fmt is not Format.json:
        c.add("cursor", f"not used with format={fmt.value}: an export holds every record")
    if expand and fmt is not Format.json:
        c.add("expand", f"not used with format={fmt.value}: an export holds records only")
    c.raise_if_any()
    # Exports hold every matching record: paging and facets do not apply to them.
    exported = fmt is not Format.json
    return CollectionQuery(
        tuple(filters),
        q,
        sort,
        limit,
        cursor,
        fields,
        () if exported else tuple(facets),
        fmt,
        tuple(expand),
    )


def parse_expand(params: dict[str, list[str]], expandable: list[str]) -> tuple[str, ...]:
    """A record's parameters: `expand` alone (its other names are unknown parameters)."""
    c = Collector(MAX_CURSOR_LENGTH)
    for name, values in params.items():
        if name != "expand":
            c.unknown(name, ["expand"])
        for value in values:
            c.text_ok(name, value, MAX_CURSOR_LENGTH)
    c.raise_if_any()
    names = c.names("expand", c.listed(params, "expand") or [], expandable)
    c.raise_if_any()
    return tuple(names)
