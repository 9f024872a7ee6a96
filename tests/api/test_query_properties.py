"""Property tests of the query engine against a plain-Python model of docs/api.md,
"Query language".

For random filters, `q`, sorts and page sizes, on every resource and both databases:
every item satisfies the filters; the pages, concatenated, are the full sorted result
with no duplicate or gap; `total` and facet counts equal the counts over the filtered
set; CSV and NDJSON exports hold exactly the records paging returns.
"""

import csv
import io
import itertools
import json
import operator
from datetime import date
from typing import Any
from urllib.parse import quote_plus, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.resources import RESOURCES, FieldSpec, Kind, ResourceSpec
from models.text_index import fold
from seed.dataset import ancestors, read_sources
from tests.support import SOURCES, Api

# The fields whose filter matches a place and every place within it.
PLACE_FIELDS = ("regions", "within")
_DATA = read_sources(SOURCES)
# Each place and the places it lies within, from the data files.
ABOVE = {p: [p, *ancestors(_DATA, p)] for p in _DATA.records["places"]}

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# Joins a drawn list's values until the URL is written: each value is percent-encoded
# whole (a comma inside a value is data, %2C) and the values are joined by literal commas.
LIST_SEPARATOR = "\x1f"


def as_list(
    text: str | bytes,
    safe: str | bytes = "",
    encoding: str | None = None,
    errors: str | None = None,
) -> str:
    parts = (text.decode() if isinstance(text, bytes) else text).split(LIST_SEPARATOR)
    return ",".join(quote_plus(part, safe, encoding, errors) for part in parts)


def values_of(item: dict[str, Any], field: FieldSpec) -> list[Any]:
    """The values a filter on `field` sees in an item (several for multi-valued fields)."""
    if field.name == "source":
        raw: Any = sorted({c["source_id"] for c in item["citations"]})
    elif field.name in PLACE_FIELDS:
        raw = sorted({above for place in item[field.name] for above in ABOVE[place]})
    else:
        raw = item.get(field.name)
    values = raw if isinstance(raw, list) else [raw]
    if field.kind is Kind.date:
        return [date.fromisoformat(v) if v else None for v in values]
    return values


def typed(field: FieldSpec, raw: str) -> Any:
    if field.kind is Kind.date:
        return date.fromisoformat(raw)
    if field.kind is Kind.number:
        return float(raw)
    if field.kind is Kind.boolean:
        return raw == "true"
    return raw


def as_param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def matches(spec: ResourceSpec, item: dict[str, Any], params: dict[str, str]) -> bool:
    for name, raw in params.items():
        if name == "sort":
            continue
        if name == "q":
            texts = [fold(str(item[f])) for f in spec.text_fields]
            if not any(fold(raw) in text for text in texts):
                return False
            continue
        base, _, op = name.partition("__")
        field = spec.by_name[base]
        have = [v for v in values_of(item, field) if v is not None]
        if op in ("", "not"):
            wanted = {typed(field, v) for v in raw.split(LIST_SEPARATOR)}
            if any(v in wanted for v in have) != (op == ""):
                return False
        elif op == "isnull":
            if bool(have) == (raw == "true"):
                return False
        else:
            bound = typed(field, raw)
            compare = {
                "gte": operator.ge,
                "gt": operator.gt,
                "lte": operator.le,
                "lt": operator.lt,
            }[op]
            if not any(compare(v, bound) for v in have):
                return False
    return True


def sort_model(spec: ResourceSpec, items: list[dict[str, Any]], sort: str | None) -> list[str]:
    keys = [(t.removeprefix("-"), t.startswith("-")) for t in sort.split(",")] if sort else []
    seen: set[str] = set()
    keys = [k for k in keys if not (k[0] in seen or seen.add(k[0]))]  # type: ignore[func-returns-value]
    id_desc = keys[-1][1] if keys else False
    ordered = sorted(items, key=lambda i: i["id"], reverse=id_desc)
    for name, desc in reversed([k for k in keys if k[0] != "id"]):
        present = [i for i in ordered if i.get(name) is not None]
        missing = [i for i in ordered if i.get(name) is None]
        present.sort(key=operator.itemgetter(name), reverse=desc)  # stable: ties keep id order
        ordered = present + missing
    return [i["id"] for i in ordered]


@st.composite
def queries(draw: st.DrawFn, spec: ResourceSpec, items: list[dict[str, Any]]) -> dict[str, str]:
    params: dict[str, str] = {}
    for field in draw(st.lists(st.sampled_from(spec.fields), max_size=2, unique=True)):
        seen = sorted({as_param(v) for i in items for v in values_of(i, field) if v is not None})
        pool = seen + (field.choices or []) + (["1e9", "0"] if field.kind is Kind.number else [])
        if not pool:
            continue
        ops = ["", "not", "isnull"] + (["gte", "gt", "lte", "lt"] if field.ranges else [])
        op = draw(st.sampled_from(ops))
        name = f"{field.name}__{op}" if op else field.name
        if op == "isnull":
            params[name] = draw(st.sampled_from(["true", "false"]))
        elif op in ("", "not"):
            params[name] = LIST_SEPARATOR.join(
                draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            )
        else:
            params[name] = draw(st.sampled_from(pool))
    if draw(st.booleans()):
        texts = [str(i[f]) for i in items for f in spec.text_fields if i.get(f)]
        fragment = draw(st.sampled_from(texts)) if texts else "x"
        start = draw(st.integers(0, max(0, len(fragment) - 1)))
        q = fragment[start : start + draw(st.integers(1, 6))].strip() or "a"
        params["q"] = draw(st.sampled_from([q, q.upper(), "%", "_", "\\", "50%", q + "_"]))
    sortable = [f.name for f in spec.fields if f.sort]
    if draw(st.booleans()):
        terms = draw(st.lists(st.sampled_from(sortable), min_size=1, max_size=3, unique=True))
        params["sort"] = ",".join(("-" if draw(st.booleans()) else "") + t for t in terms)
    return params


@pytest.fixture(scope="module")
def full(api: Api) -> dict[str, list[dict[str, Any]]]:
    return {name: api.json(f"/v1/{name}?limit=500")["items"] for name in RESOURCES}


@pytest.mark.parametrize("resource", list(RESOURCES))
def test_pages_filters_totals_facets_and_exports_agree_with_the_model(
    api: Api, full: dict[str, list[dict[str, Any]]], resource: str
) -> None:
    spec = RESOURCES[resource]
    items = full[resource]

    @PROPERTY_SETTINGS
    @given(params=queries(spec, items), limit=st.integers(1, 4))
    def check(params: dict[str, str], limit: int) -> None:
        expected = sort_model(
            spec, [i for i in items if matches(spec, i, params)], params.get("sort")
        )
        facetable = [f.name for f in spec.fields if f.facet]
        query = urlencode({**params, "limit": limit}, quote_via=as_list)
        if facetable:
            query += "&" + "&".join(f"facet={f}" for f in facetable[:3])
        got: list[str] = []
        url: str | None = f"/v1/{resource}?{query}"
        first = None
        while url:
            page = api.json(url)
            first = first or page
            assert page["total"] == len(expected)
            assert len(page["items"]) <= limit
            got += [i["id"] for i in page["items"]]
            url = page["links"]["next"]
            assert len(got) <= len(expected) + limit, "paging does not end"
        assert got == expected
        assert first is not None
        by_id = {i["id"]: i for i in items}
        for name in facetable[:3]:
            counts: dict[Any, int] = {}
            for item_id in expected:
                values = values_of(by_id[item_id], spec.by_name[name])
                for v in set(values) if spec.by_name[name].multi else values:
                    key = v.isoformat() if isinstance(v, date) else v
                    counts[key] = counts.get(key, 0) + 1
            assert {f["value"]: f["count"] for f in first["facets"][name]} == counts
        export = urlencode(params, quote_via=as_list)
        ndjson = api.get(f"/v1/{resource}?{export}&format=ndjson")
        assert [json.loads(line)["id"] for line in ndjson.text.splitlines()] == expected
        rows = list(
            csv.DictReader(io.StringIO(api.get(f"/v1/{resource}?{export}&format=csv").text))
        )
        assert [r["id"] for r in rows] == expected

    check()


@pytest.mark.parametrize("resource", list(RESOURCES))
def test_every_facet_bucket_is_selected_by_a_filter(api: Api, resource: str) -> None:
    """A facet's bucket, as a filter (its null bucket as `__isnull=true`), selects exactly
    the records it counts; `__not` of a value selects the rest."""
    spec = RESOURCES[resource]
    whole = api.json(f"/v1/{resource}?limit=1&" + "&".join(f"facet={f}" for f in spec.facetable))
    for name, buckets in whole["facets"].items():
        for bucket in buckets:
            value = bucket["value"]
            if value is None:
                selected = api.json(f"/v1/{resource}?{name}__isnull=true&limit=1")
                rest = api.json(f"/v1/{resource}?{name}__isnull=false&limit=1")
            else:
                given = urlencode({name: as_param(value)})
                selected = api.json(f"/v1/{resource}?{given}&limit=1")
                rest = api.json(f"/v1/{resource}?{name}__not={given.partition('=')[2]}&limit=1")
            assert selected["total"] == bucket["count"], (name, value)
            if not spec.by_name[name].multi:
                assert selected["total"] + rest["total"] == whole["total"], (name, value)


RANGE_FIELDS = [
    (name, field.name)
    for name, spec in RESOURCES.items()
    for field in spec.fields
    if field.ranges and not field.multi and not spec.column(field.name).nullable
]


@pytest.mark.parametrize(("resource", "field_name"), RANGE_FIELDS)
def test_totals_of_a_range_within_a_facet_value_are_exact(
    api: Api, full: dict[str, list[dict[str, Any]]], resource: str, field_name: str
) -> None:
    """A range, alone or beside one facet value, on a field with no missing values: the
    totals the engine finds by counting the other side (api/query/counts.py) included."""
    spec = RESOURCES[resource]
    items = full[resource]
    seen = sorted({float(i[field_name]) for i in items})
    between = [(a + b) / 2 for a, b in itertools.pairwise(seen)]
    bounds = [str(v) for v in [*seen, *between, seen[0] - 1, seen[-1] + 1, -1e15, 1e15]]
    facet_values = sorted(
        {
            (f.name, as_param(i[f.name]))
            for f in spec.fields
            if f.facet and not f.multi
            for i in items
            if i.get(f.name) is not None
        }
    )

    @PROPERTY_SETTINGS
    @given(
        op=st.sampled_from(["gte", "gt", "lte", "lt"]),
        bound=st.sampled_from(bounds),
        facet=st.none() | st.sampled_from(facet_values),
        limit=st.integers(1, 3),
    )
    def check(op: str, bound: str, facet: tuple[str, str] | None, limit: int) -> None:
        params = {f"{field_name}__{op}": bound}
        if facet is not None:
            params[facet[0]] = facet[1]
        expected = [i for i in items if matches(spec, i, params)]
        query = urlencode({**params, "limit": limit})
        page = api.json(f"/v1/{resource}?{query}")
        assert page["total"] == len(expected)
        if page["links"]["next"]:
            assert api.json(page["links"]["next"])["total"] == len(expected)

    check()


def descendants(places: list[dict[str, Any]], place: str) -> set[str]:
    """The place and every place within it, from the hierarchy /v1/places serves."""
    found = {place}
    while True:
        more = {p["id"] for p in places if set(p["within"]) & found} - found
        if not more:
            return found
        found |= more


REGION_RESOURCES = [name for name, spec in RESOURCES.items() if "regions" in spec.by_name]


@pytest.mark.parametrize("resource", REGION_RESOURCES)
def test_a_region_filter_is_its_place_and_every_place_within(
    api: Api, full: dict[str, list[dict[str, Any]]], resource: str
) -> None:
    """regions=a,b answers the records that state any place within a or b (or a or b
    themselves), by the hierarchy the API serves; each record's `regions` stays as stated."""
    places = full["places"]
    ids = sorted(p["id"] for p in places)

    @PROPERTY_SETTINGS
    @given(wanted=st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    def check(wanted: list[str]) -> None:
        covered = set().union(*(descendants(places, w) for w in wanted))
        expected = sorted(i["id"] for i in full[resource] if set(i["regions"]) & covered)
        page = api.json(f"/v1/{resource}?regions={','.join(wanted)}&limit=500&sort=id")
        assert [i["id"] for i in page["items"]] == expected
        assert page["total"] == len(expected)

    check()
    sichuan = api.json(f"/v1/{resource}?regions=sichuan&limit=500")["items"]
    chengdu_only = [i for i in full[resource] if "chengdu" in i["regions"]]
    assert {i["id"] for i in chengdu_only} <= {i["id"] for i in sichuan}
