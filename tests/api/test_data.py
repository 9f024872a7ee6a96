"""The served dataset: exact citations, every figure, the article's facts, whole bodies."""

import hashlib
import math
import re
from typing import Any

import pytest

from api.settings import Settings
from models import text_index
from tests.support import ARTICLE, Api, MakeApi

ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")
COLLECTIONS = [
    *("projects", "infrastructure", "energy", "quotes", "figures"),
    *("people", "organisations", "places", "industries"),
]
REPORTED = (
    "2022-11-28",
    "2022-12-31",
    "period",
    True,
)

# Every number the article states: (id, subject, measure, value, unit, qualifier,
# as_stated, projected, period as (start, end, precision, inferred) or None).
FIGURES = [
    (
        "faw-vw-chengdu-core-suppliers-count",
        "organisations/faw-volkswagen-chengdu-branch",
        "number_of_core_suppliers",
        95,
        "count",
        "exact",
        "95 core suppliers",
        False,
        None,
    ),
    (
        "faw-vw-chengdu-core-suppliers-from-chongqing-count",
        "organisations/faw-volkswagen-chengdu-branch",
        "number_of_core_suppliers_from_chongqing",
        12,
        "count",
        "exact",
        "12 are from Chongqing",
        False,
        None,
    ),
    (
        "hsr-middle-line-travel-time-min",
        "infrastructure/chengdu-chongqing-hsr-middle-line",
        "travel_time",
        50,
        "min",
        "exact",
        "50 minutes",
        True,
        None,
    ),
    (
        "interprovincial-expressways-count",
        "infrastructure/sichuan-chongqing-interprovincial-expressways",
        "number_of_expressways",
        20,
        "count",
        "exact",
        "has reached 20",
        False,
        None,
    ),
    (
        "major-projects-2022-count",
        "projects/major-projects-2022",
        "number_of_projects",
        160,
        "count",
        "exact",
        "160 major projects",
        False,
        ("2022-01-01", "2022-12-31", "year", False),
    ),
    (
        "major-projects-2022-investment-cny",
        "projects/major-projects-2022",
        "investment",
        188950000000,
        "CNY",
        "exact",
        "188.95 billion yuan",
        False,
        ("2022-01-01", "2022-12-31", "year", False),
    ),
    (
        "major-projects-2022-investment-usd",
        "projects/major-projects-2022",
        "investment",
        27100000000,
        "USD",
        "about",
        "about 27.1 billion U.S. dollars",
        False,
        ("2022-01-01", "2022-12-31", "year", False),
    ),
    (
        "natural-gas-output-h1-2022-m3",
        "energy/sichuan-chongqing-natural-gas-production-base",
        "natural_gas_output",
        32000000000,
        "m3",
        "more_than",
        "exceeded 32 billion cubic meters",
        False,
        ("2022-01-01", "2022-06-30", "half_year", True),
    ),
    (
        "uhv-ac-project-voltage-kv",
        "infrastructure/sichuan-chongqing-1000kv-uhv-ac-project",
        "voltage",
        1000,
        "kV",
        "exact",
        "1000kV",
        False,
        None,
    ),
]


def span(quote: str, value: str | None = None) -> dict[str, Any]:
    """The evidence of words of the article that occur in it once (of one `value` of a
    field of several)."""
    start = ARTICLE_TEXT.index(quote)
    assert ARTICLE_TEXT.count(quote) == 1, quote
    return {
        "inferred": False,
        "note": None,
        "source_id": "cc-economic-circle-2022",
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "value": value,
    }


def inferred(note: str) -> dict[str, Any]:
    return {
        "inferred": True,
        "note": note,
        "source_id": None,
        "quote": None,
        "start": None,
        "end": None,
        "value": None,
    }


def all_items(api: Api, resource: str) -> list[dict[str, Any]]:
    body = api.json(f"/v1/{resource}?limit=500")
    assert body["next_cursor"] is None
    return list(body["items"])


def test_the_source_is_the_article_byte_for_byte(api: Api) -> None:
    source = api.json("/v1/sources/cc-economic-circle-2022")
    assert source["text"] == ARTICLE_TEXT
    assert source["sha256"] == "e2d01f53452ea63841795e1de856bf862e934e880286c773216126e10025937b"
    assert source["sha256"] == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert source["length"] == len(ARTICLE_TEXT) == 3195
    assert (source["photo_credit"], source["editor"], source["language"]) == (
        "Zhang Jian (NBD)",
        "Tan Yuhan",
        "en",
    )
    assert (source["published_start"], source["published_end"], source["published_inferred"]) == (
        "2022-11-28",
        "2022-12-31",
        True,
    )
    assert source["published_note"]
    assert source["record_counts"] == {
        "projects": 11,
        "infrastructure": 7,
        "energy": 3,
        "quotes": 4,
        "figures": 9,
        "people": 3,
        "organisations": 6,
        "places": 7,
        "industries": 1,
    }
    assert source["evidence"]["editor"] == [span("Editor: Tan Yuhan")]
    assert source["evidence"]["title"][0]["inferred"] is True


@pytest.mark.parametrize("resource", COLLECTIONS)
def test_every_citation_is_exactly_the_article_text(api: Api, resource: str) -> None:
    items = all_items(api, resource)
    assert items
    for item in items:
        assert item["citations"], item["id"]
        for citation in item["citations"]:
            assert citation["source_id"] == "cc-economic-circle-2022"
            assert ARTICLE_TEXT[citation["start"] : citation["end"]] == citation["quote"], item[
                "id"
            ]


def test_every_figure_is_there_typed_and_linked(api: Api) -> None:
    got = [
        (
            f["id"],
            f"{f['subject_resource']}/{f['subject_id']}",
            f["measure"],
            f["value"],
            f["unit"],
            f["qualifier"],
            f["as_stated"],
            f["projected"],
            (f["period_start"], f["period_end"], f["period_precision"], f["period_inferred"])
            if f["period_start"]
            else None,
        )
        for f in all_items(api, "figures")
    ]
    assert got == FIGURES
    for figure in all_items(api, "figures"):
        assert isinstance(figure["value"], int)  # a number, never a string
        assert figure["as_stated"] in ARTICLE_TEXT
        subject = api.json(f"/v1/{figure['subject_resource']}/{figure['subject_id']}")
        assert figure["id"] in [f["id"] for f in subject.get("figures", [])]


def test_quotes_tell_direct_from_reported_speech(api: Api) -> None:
    quotes = {
        q["id"]: (q["kind"], q["speaker_name"], q["speaker_role"], q["organisation_name"])
        for q in all_items(api, "quotes")
    }
    assert quotes == {
        "huang-zhi-strengthen-infrastructure": (
            "direct",
            "Huang Zhi",
            "deputy director",
            "Chongqing Municipal Development and Reform Commission",
        ),
        "li-zhiqiang-chongqing-logistics": (
            "reported",
            "Li Zhiqiang",
            "head of the manufacturing department",
            "FAW-Volkswagen Automotive Co., Ltd. Chengdu branch",
        ),
        "li-zhiqiang-core-suppliers": (
            "direct",
            "Li Zhiqiang",
            "head of the manufacturing department",
            "FAW-Volkswagen Automotive Co., Ltd. Chengdu branch",
        ),
        "zhu-jiang-plan-breakthrough": (
            "direct",
            "Zhu Jiang",
            "deputy director",
            "Chongqing Municipal Development and Reform Commission",
        ),
    }
    for quote in all_items(api, "quotes"):
        assert quote["text"] in ARTICLE_TEXT
        if quote["kind"] == "direct":
            assert f'"{quote["text"]}' in ARTICLE_TEXT  # inside quotation marks


def test_implicit_dates_are_inferred_with_their_precision(api: Api) -> None:
    dated = api.json(
        "/v1/projects?date_start__gte=2000-01-01&fields=date_start,date_end,"
        "date_precision,date_inferred,date_event"
    )["items"]
    assert dated == [
        {
            "id": "chengdu-chongqing-hsr-middle-line",
            "date_start": "2022-11-28",
            "date_end": "2022-11-28",
            "date_precision": "day",
            "date_inferred": True,
            "date_event": "construction_started",
        },
        {
            "id": "chongqing-metropolitan-area-development-plan",
            "date_start": "2022-09-01",
            "date_end": "2022-09-30",
            "date_precision": "month",
            "date_inferred": True,
            "date_event": "released",
        },
        {
            "id": "major-projects-2022",
            "date_start": "2022-01-01",
            "date_end": "2022-12-31",
            "date_precision": "year",
            "date_inferred": False,
            "date_event": "carried_out",
        },
    ]


def test_a_shared_thing_keeps_its_id_across_resources(api: Api) -> None:
    project = api.json("/v1/projects/chengdu-chongqing-hsr-middle-line")
    infrastructure = api.json("/v1/infrastructure/chengdu-chongqing-hsr-middle-line")
    assert {
        "resource": "infrastructure",
        "id": "chengdu-chongqing-hsr-middle-line",
        "name": infrastructure["name"],
        "url": "/v1/infrastructure/chengdu-chongqing-hsr-middle-line",
    } in project["related"]
    assert infrastructure["figures"][0]["id"] == "hsr-middle-line-travel-time-min"
    energy_ids = {e["id"] for e in all_items(api, "energy")}
    infra_ids = {i["id"] for i in all_items(api, "infrastructure")}
    assert {
        "sichuan-chongqing-1000kv-uhv-ac-project",
        "south-sichuan-west-chongqing-gas-pipeline",
    } <= energy_ids & infra_ids


def test_whole_record_body(api: Api) -> None:
    quote = (
        "On Nov. 28, construction of the middle line of the Chengdu-Chongqing high-speed "
        "railway broke ground, which will slash the travel time between the two cities to "
        "just 50 minutes after completion"
    )
    broke_ground = (
        "construction of the middle line of the Chengdu-Chongqing high-speed railway broke ground"
    )
    travel_time = api.json("/v1/figures?id=hsr-middle-line-travel-time-min")["items"]
    year = inferred(
        "The day and month are stated; the year 2022 is not written and is inferred from the "
        "article's publication (see the date's note)."
    )
    infrastructure = {
        "resource": "infrastructure",
        "id": "chengdu-chongqing-hsr-middle-line",
        "name": "Middle line of the Chengdu-Chongqing high-speed railway",
        "url": "/v1/infrastructure/chengdu-chongqing-hsr-middle-line",
    }
    assert api.json("/v1/projects/chengdu-chongqing-hsr-middle-line") == {
        "id": "chengdu-chongqing-hsr-middle-line",
        "url": "/v1/projects/chengdu-chongqing-hsr-middle-line",
        "name": "Middle line of the Chengdu-Chongqing high-speed railway",
        "description": "Construction of the middle line of the Chengdu-Chongqing high-speed "
        "railway broke ground on Nov. 28; after completion it will cut the travel time between "
        "the two cities to 50 minutes.",
        "status": "under_construction",
        "regions": ["chengdu", "chongqing"],
        "date_start": "2022-11-28",
        "date_end": "2022-11-28",
        "date_precision": "day",
        "date_inferred": True,
        "date_note": 'The text says only "On Nov. 28"; the year 2022 is inferred from the '
        'article\'s publication (it speaks of "In 2022 alone" and "September this year").',
        "date_event": "construction_started",
        "citations": [
            {"source_id": "cc-economic-circle-2022", "quote": quote, "start": 295, "end": 488}
        ],
        "kind": "project",
        "sector": "transport",
        "organisations": [],
        "priority": None,
        "evidence": {
            # The day and month are the article's; the year is read (and said to be).
            "date_end": [span("On Nov. 28"), year],
            "date_event": [span(broke_ground)],
            "date_precision": [span("On Nov. 28"), year],
            "date_start": [span("On Nov. 28"), year],
            "description": [span(quote)],
            "kind": [span(broke_ground)],
            "name": [span("the middle line of the Chengdu-Chongqing high-speed railway")],
            "regions": [
                span("Chengdu-Chongqing high-speed railway", "chengdu"),
                span("the travel time between the two cities", "chengdu"),
                span("Chengdu-Chongqing high-speed railway", "chongqing"),
                span("the travel time between the two cities", "chongqing"),
            ],
            "related": [
                span(
                    "construction of the middle line of the Chengdu-Chongqing high-speed railway",
                    "infrastructure/chengdu-chongqing-hsr-middle-line",
                )
            ],
            "sector": [span("high-speed railway")],
            "status": [span(broke_ground)],
        },
        # The travel time is the railway's, and about its construction project too.
        "figures": travel_time,
        "related": [
            infrastructure,
            {
                "resource": "figures",
                "id": "hsr-middle-line-travel-time-min",
                "name": "travel time: 50 minutes",
                "url": "/v1/figures/hsr-middle-line-travel-time-min",
            },
        ],
        "relations": [
            {"type": "builds", "direction": "outgoing", **infrastructure},
            {
                "type": "about",
                "direction": "incoming",
                "resource": "figures",
                "id": "hsr-middle-line-travel-time-min",
                "name": "travel time: 50 minutes",
                "url": "/v1/figures/hsr-middle-line-travel-time-min",
            },
        ],
    }
    assert [f["id"] for f in travel_time] == ["hsr-middle-line-travel-time-min"]


def test_whole_page_body(api: Api) -> None:
    assert api.json("/v1/quotes?kind=reported&fields=speaker_id,text&facet=kind") == {
        "items": [
            {
                "id": "li-zhiqiang-chongqing-logistics",
                "speaker_id": "li-zhiqiang",
                "text": "Chongqing is also an important logistics distribution center of the "
                "company, thanks to its various transportation modes, one of which connects the "
                "Yangtze River and the sea route",
            }
        ],
        "total": 1,
        "limit": 50,
        "next_cursor": None,
        "links": {
            "self": "/v1/quotes?kind=reported&fields=speaker_id,text&facet=kind",
            "next": None,
        },
        "facets": {"kind": [{"value": "reported", "count": 1}]},
    }


def test_index_body(api: Api) -> None:
    index = api.json("/v1")
    assert len(index.pop("dataset_version")) == 16
    assert index.pop("seeded_at").endswith("+00:00")
    assert index == {
        "title": "Chengdu–Chongqing Economic Circle API",
        "sources": [
            {
                "id": "cc-economic-circle-2022",
                "title": "Chengdu-Chongqing economic circle advances coordinated regional "
                "development",
                "url": "/v1/sources/cc-economic-circle-2022",
                "annotations_url": "/v1/sources/cc-economic-circle-2022/annotations",
                "page_url": "/v1/sources/cc-economic-circle-2022/page",
            }
        ],
        "collections": [
            {"name": "sources", "count": 1, "url": "/v1/sources"},
            {"name": "projects", "count": 11, "url": "/v1/projects"},
            {"name": "infrastructure", "count": 7, "url": "/v1/infrastructure"},
            {"name": "energy", "count": 3, "url": "/v1/energy"},
            {"name": "quotes", "count": 4, "url": "/v1/quotes"},
            {"name": "figures", "count": 9, "url": "/v1/figures"},
            {"name": "people", "count": 3, "url": "/v1/people"},
            {"name": "organisations", "count": 6, "url": "/v1/organisations"},
            {"name": "places", "count": 7, "url": "/v1/places"},
            {"name": "industries", "count": 1, "url": "/v1/industries"},
        ],
        "search_url": "/v1/search?q=chengdu",
        "search_template": "/v1/search{?q,type,limit,cursor}",
        "docs_url": "/docs",
    }
    # The search URL is followable as given.
    assert api.get(index["search_url"]).status_code == 200


def test_search_ranks_name_matches_first(api: Api) -> None:
    body = api.json("/v1/search?q=pipeline&limit=3")
    assert [(h["type"], h["id"], h["relevance"]) for h in body["items"]] == [
        ("energy", "south-sichuan-west-chongqing-gas-pipeline", 2),
        ("infrastructure", "south-sichuan-west-chongqing-gas-pipeline", 2),
        ("projects", "south-sichuan-west-chongqing-gas-pipeline", 2),
    ]
    assert body["total"] == 4
    hit = api.json(body["links"]["next"])["items"][0]
    assert "pipeline" in hit["snippet"]
    assert hit["url"] == "/v1/sources/cc-economic-circle-2022"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("/v1/projects?regions=guang-an", ["chongqing-metropolitan-area-development-plan"]),
        (
            "/v1/figures?unit=CNY,USD&sort=-value",
            ["major-projects-2022-investment-cny", "major-projects-2022-investment-usd"],
        ),
        (
            "/v1/figures?value__gt=1000&value__lt=3e10&sort=value",
            ["major-projects-2022-investment-usd"],
        ),
        ("/v1/figures?qualifier=more_than", ["natural-gas-output-h1-2022-m3"]),
        ("/v1/quotes?q=YANGTZE", ["li-zhiqiang-chongqing-logistics"]),
        ("/v1/infrastructure?mode=air", ["world-class-airport-cluster"]),
        ("/v1/energy?kind=measurement", []),
        (
            "/v1/infrastructure?regions=sichuan&mode=rail",
            ["chengdu-chongqing-hsr-middle-line", "high-speed-rails-under-construction"],
        ),
        ("/v1/places?within=sichuan", ["chengdu", "guang-an"]),
        ("/v1/places?within=china&kind=municipality", ["chongqing"]),
        (
            "/v1/organisations?regions=sichuan",
            ["faw-volkswagen-chengdu-branch", "sichuan-chongqing-special-office"],
        ),
        ("/v1/people?organisation_id=faw-volkswagen-chengdu-branch", ["li-zhiqiang"]),
        ("/v1/projects?q=50%25", []),
        ("/v1/projects?q=_", []),
    ],
)
def test_known_answers(api: Api, query: str, ids: list[str]) -> None:
    assert [i["id"] for i in api.json(query)["items"]] == ids


TRIGRAM_QUERIES = [
    "/v1/search?q=railway",
    "/v1/search?q=chengdu&type=projects,figures",
    "/v1/search?q=railway&limit=1",
    "/v1/search?q=100%25",
    "/v1/search?q=a_b",
    "/v1/search?q=%22quoted%22",
    "/v1/search?q=back%5Cslash",
    "/v1/projects?q=railway&sort=name",
    "/v1/figures?q=billion&facet=unit",
    "/v1/figures?q=yuan&format=csv",
    "/v1/quotes?q=ch",
]


@pytest.mark.parametrize(("broad_share", "narrowed_expected"), [(1.0, True), (0.0, False)])
def test_q_through_the_trigram_tables_answers_as_without(
    sqlite_settings: Settings,
    make_api: MakeApi,
    monkeypatch: pytest.MonkeyPatch,
    broad_share: float,
    narrowed_expected: bool,
) -> None:
    """The real tables are too small for SQLite's trigram narrowing to pay (MIN_ROWS),
    so q is matched by LIKE alone. With it forced on, text held by fewer rows than
    BROAD_SHARE of the table goes through the trigram tables, other text by LIKE alone;
    either way every answer is the same."""
    plain = make_api(sqlite_settings)
    monkeypatch.setattr(text_index, "MIN_ROWS", 0)
    monkeypatch.setattr(text_index, "BROAD_SHARE", broad_share)
    forced = make_api(sqlite_settings)
    for api, expected in ((plain, False), (forced, narrowed_expected)):
        data = api.app.data
        snapshot = data.snapshots.snapshot
        with data.runner.session(snapshot) as session:
            assert snapshot.engine.narrows(session, "figures", "yuan") is expected
    for url in TRIGRAM_QUERIES:
        ours, theirs = forced.get(url), plain.get(url)
        assert (ours.status_code, ours.content) == (theirs.status_code, theirs.content), url


def test_ranges_are_planned_from_the_known_bounds(settings: Settings, make_api: MakeApi) -> None:
    """A range that every row meets is left out of the SQL, and the answer is the same;
    a range on a field that some rows lack is kept, since it leaves those out. On SQLite
    each range in the SQL tells the planner the share of rows it keeps, as a power of 2:
    SQLite without STAT4 takes any range to keep a quarter of them. And SQLite groups a
    facet filtered by other fields on values no index orders."""
    api = make_api(settings)
    data = api.app.data
    statements: list[str] = []
    data.runner.trace = lambda sql, _: statements.append(sql)
    figures = api.json("/v1/figures?limit=1")["total"]
    statements.clear()
    every = api.json("/v1/figures?value__gte=-1e15&value__lte=1e15&sort=value&facet=unit")
    assert every["total"] == figures
    assert every["facets"] == api.json("/v1/figures?facet=unit")["facets"]
    assert statements  # the page itself
    assert not [s for s in statements if "figures.value >" in s or "figures.value <" in s]

    dated = api.json("/v1/figures?period_start__gte=1000-01-01&limit=500")
    every_figure = api.json("/v1/figures?limit=500")["items"]
    assert figures > dated["total"] == len([i for i in every_figure if i["period_start"]])

    statements.clear()
    api.json("/v1/figures?value__lte=1000000&period_start__gte=2020-01-01&limit=3")
    hints = {
        m.group(1): float(m.group(2))
        for s in statements
        for m in re.finditer(r"likelihood\(figures\.(\w+) [<>]=? \?, ([0-9.e-]+)\)", s)
    }
    statements.clear()
    by_unit = api.json("/v1/figures?qualifier=exact&facet=unit&facet=qualifier&limit=1")
    groups = [s.rsplit("GROUP BY", 1)[1].strip() for s in statements if "GROUP BY" in s]
    assert sum(f["count"] for f in by_unit["facets"]["unit"]) == by_unit["total"]
    if data.db.dialect.name == "sqlite":
        # Grouped by `+unit`, which no index of unit orders: SQLite would walk that
        # whole index to group without sorting. By qualifier, its index serves both.
        assert groups == ["+ figures.unit", "figures.qualifier"]
        assert set(hints) == {"value", "period_start"}
        assert all(
            0 < share <= 1 and share == 2.0 ** round(math.log2(share)) for share in hints.values()
        )
    else:
        assert groups == ["figures.unit", "figures.qualifier"]
        assert hints == {}


# Served fields that are not claims about the world: keys, the text itself, and the
# marks that say how a date was read (they describe the evidence, not the thing).
NOT_CLAIMS = {
    *("id", "url", "citations", "sha256", "length", "text"),
    *(
        f"{d}_{m}"
        for d in ("date", "period", "published", "reported")
        for m in ("inferred", "note")
    ),
}


@pytest.mark.parametrize("resource", ["sources", *COLLECTIONS])
def test_every_served_value_has_evidence_in_the_article(api: Api, resource: str) -> None:
    """ "Nothing is invented", checked: each field with a value has evidence in the detail
    answer, every span is exactly the article's text, and every inference says why."""
    for item in all_items(api, resource):
        detail = api.json(item["url"])
        evidence = detail["evidence"]
        claims = {k for k, v in item.items() if v not in (None, [], "") and k not in NOT_CLAIMS}
        # A link the record states, not one a field implies (speaker, organisation,
        # within, subject, organisations), needs evidence under `related`.
        implied: set[tuple[object, object]] = {
            ("organisations", o) for o in item.get("organisations", [])
        }
        implied.add((item.get("subject_resource"), item.get("subject_id")))
        if any(
            r["direction"] == "outgoing"
            and r["type"] not in ("said_by", "works_for", "located_in")
            and (r["resource"], r["id"]) not in implied
            for r in detail.get("relations", [])
        ):
            claims.add("related")
        assert claims <= set(evidence), (item["id"], sorted(claims - set(evidence)))
        for name, supports in evidence.items():
            assert supports, (item["id"], name)
            for support in supports:
                if support["inferred"]:
                    assert support["note"], (item["id"], name)
                    assert support["quote"] is None
                else:
                    text = ARTICLE_TEXT[support["start"] : support["end"]]
                    assert text == support["quote"], (item["id"], name)


def test_figures_reported_before_their_period_ended_say_so(api: Api) -> None:
    figures = {f["id"]: f for f in all_items(api, "figures")}
    for figure in figures.values():
        reported = (
            figure["reported_start"],
            figure["reported_end"],
            figure["reported_precision"],
            figure["reported_inferred"],
        )
        assert reported == REPORTED
    ended = {i: f["period_ended_when_reported"] for i, f in figures.items()}
    assert ended == {
        "faw-vw-chengdu-core-suppliers-count": None,
        "faw-vw-chengdu-core-suppliers-from-chongqing-count": None,
        "hsr-middle-line-travel-time-min": None,
        "interprovincial-expressways-count": None,
        # "In 2022 alone", in an article of late 2022: the year was not over.
        "major-projects-2022-count": False,
        "major-projects-2022-investment-cny": False,
        "major-projects-2022-investment-usd": False,
        "natural-gas-output-h1-2022-m3": True,
        "uhv-ac-project-voltage-kv": None,
    }
    to_date = api.json("/v1/figures?period_ended_when_reported=false&fields=id")["items"]
    assert [f["id"] for f in to_date] == [i for i, e in ended.items() if e is False]


def relation(kind: str, direction: str, resource: str, record_id: str) -> tuple[str, ...]:
    return (kind, direction, resource, record_id)


def relations_of(api: Api, path: str) -> set[tuple[str, ...]]:
    return {
        relation(r["type"], r["direction"], r["resource"], r["id"])
        for r in api.json(path)["relations"]
    }


def test_figures_are_linked_so_that_sums_do_not_double_count(api: Api) -> None:
    twelve = relations_of(api, "/v1/figures/faw-vw-chengdu-core-suppliers-from-chongqing-count")
    assert twelve == {
        relation("about", "outgoing", "organisations", "faw-volkswagen-chengdu-branch"),
        relation("part_of", "outgoing", "figures", "faw-vw-chengdu-core-suppliers-count"),
        relation("said_by", "outgoing", "people", "li-zhiqiang"),
        relation("related", "outgoing", "quotes", "li-zhiqiang-core-suppliers"),
    }
    ninety_five = relations_of(api, "/v1/figures/faw-vw-chengdu-core-suppliers-count")
    assert (
        relation(
            "part_of", "incoming", "figures", "faw-vw-chengdu-core-suppliers-from-chongqing-count"
        )
        in ninety_five
    )
    usd = relations_of(api, "/v1/figures/major-projects-2022-investment-usd")
    assert relation("converts", "outgoing", "figures", "major-projects-2022-investment-cny") in usd
    cny = relations_of(api, "/v1/figures/major-projects-2022-investment-cny")
    assert relation("converts", "incoming", "figures", "major-projects-2022-investment-usd") in cny
    # The items carry the links: a client sums from a page alone, counting nothing twice.
    items = api.json("/v1/figures?id=faw-vw-chengdu-core-suppliers-from-chongqing-count")
    assert items["items"][0]["links"] == [
        {"type": "about", "resource": "organisations", "id": "faw-volkswagen-chengdu-branch"},
        {"type": "part_of", "resource": "figures", "id": "faw-vw-chengdu-core-suppliers-count"},
        {"type": "said_by", "resource": "people", "id": "li-zhiqiang"},
        {"type": "related", "resource": "quotes", "id": "li-zhiqiang-core-suppliers"},
    ]
    investment = api.json("/v1/figures?measure=investment")["items"]
    counted = [
        f["id"]
        for f in investment
        if not {link["type"] for link in f["links"]} & {"part_of", "converts"}
    ]
    assert counted == ["major-projects-2022-investment-cny"]
    company = api.json("/v1/organisations/faw-volkswagen-chengdu-branch")
    assert [f["id"] for f in company["figures"]] == [
        "faw-vw-chengdu-core-suppliers-count",
        "faw-vw-chengdu-core-suppliers-from-chongqing-count",
    ]
    assert [p["id"] for p in company["people"]] == ["li-zhiqiang"]


def test_what_was_said_stays_a_statement_of_its_speaker(api: Api) -> None:
    """Li Zhiqiang's remark about the Yangtze River is his quote, not a waterway."""
    assert api.json("/v1/infrastructure?mode=waterway")["total"] == 0
    assert api.json("/v1/search?q=yangtze")["items"] == [
        hit
        for hit in api.json("/v1/search?q=yangtze")["items"]
        if hit["type"] in ("quotes", "sources")
    ]
    logistics = api.json("/v1/quotes/li-zhiqiang-chongqing-logistics")
    assert (logistics["kind"], logistics["speaker_id"]) == ("reported", "li-zhiqiang")
    assert relation("said_by", "outgoing", "people", "li-zhiqiang") in relations_of(
        api, logistics["url"]
    )
    said = relations_of(api, "/v1/people/li-zhiqiang")
    assert {r for r in said if r[0] == "said_by"} == {
        relation("said_by", "incoming", "quotes", "li-zhiqiang-chongqing-logistics"),
        relation("said_by", "incoming", "quotes", "li-zhiqiang-core-suppliers"),
        relation("said_by", "incoming", "figures", "faw-vw-chengdu-core-suppliers-count"),
        relation(
            "said_by", "incoming", "figures", "faw-vw-chengdu-core-suppliers-from-chongqing-count"
        ),
    }


def test_places_form_the_hierarchy_the_article_gives(api: Api) -> None:
    places = {
        p["id"]: (p["name"], p["kind"], p["within"], p["capital_of"])
        for p in all_items(api, "places")
    }
    assert places == {
        "china": ("China", "country", [], None),
        "chengdu": ("Chengdu", "city", ["sichuan", "western-inland-area"], "sichuan"),
        "chongqing": (
            "Chongqing Municipality",
            "municipality",
            ["southwest-china", "western-inland-area"],
            None,
        ),
        "guang-an": ("Guang'an City", "city", ["sichuan"], None),
        "sichuan": ("Sichuan Province", "province", ["southwest-china"], None),
        "southwest-china": ("Southwest China", "region", ["china"], None),
        "western-inland-area": ("China's western inland area", "region", ["china"], None),
    }
    chengdu = api.json("/v1/places/chengdu")
    assert chengdu["evidence"]["capital_of"] == [
        span("Sichuan Province, where Chengdu is the capital")
    ]
    # The filter reaches down the hierarchy; the served regions stay as stated.
    quotes = api.json("/v1/quotes?regions=sichuan&fields=regions")["items"]
    assert quotes == [
        {"id": "li-zhiqiang-core-suppliers", "regions": ["chengdu", "chongqing"]},
        {"id": "zhu-jiang-plan-breakthrough", "regions": ["chongqing", "guang-an"]},
    ]


def test_the_curators_readings_are_marked_inferred(api: Api) -> None:
    huang = api.json("/v1/quotes/huang-zhi-strengthen-infrastructure")["evidence"]
    assert huang["regions"] == [
        inferred(
            "The statement names no place; the speaker is deputy director of Chongqing's "
            "municipal commission, so it is read as Chongqing's."
        )
        | {"value": "chongqing"}
    ]
    platform = api.json("/v1/projects/industrial-chain-information-docking-platform")
    assert platform["status"] == "in_progress"
    assert [e["inferred"] for e in platform["evidence"]["status"]] == [False, True]
    office = api.json("/v1/organisations/sichuan-chongqing-special-office")
    assert [e["inferred"] for e in office["evidence"]["name"]] == [False, True]
    assert "attract foreign investment" in office["aims"]
    airport = api.json("/v1/infrastructure/world-class-airport-cluster")["evidence"]["regions"]
    assert {(e["value"], e["inferred"]) for e in airport} == {
        ("chengdu", False),
        ("chengdu", True),
        ("chongqing", False),
        ("chongqing", True),
    }


def inferred_notes(record: dict[str, Any], field: str) -> list[str]:
    return [e["note"] for e in record["evidence"][field] if e["inferred"]]


def test_nothing_is_said_beyond_the_source(api: Api) -> None:
    """What the article leaves unsaid is marked inferred where it is served, with a note."""
    # The year of a date whose day or month is stated, or of "the first half of the year".
    for url, field in [
        ("/v1/projects/chengdu-chongqing-hsr-middle-line", "date_start"),
        ("/v1/projects/chongqing-metropolitan-area-development-plan", "date_start"),
        ("/v1/figures/natural-gas-output-h1-2022-m3", "period_start"),
    ]:
        record = api.json(url)
        assert [e["inferred"] for e in record["evidence"][field]] == [False, True], url
        assert "2022" in inferred_notes(record, field)[0]
    # A goal is not a development: "To promote the transformation and upgrading" is an
    # aim of the special office, about the industries.
    industries = api.json("/v1/industries/sichuan-chongqing-advantageous-industries")
    assert industries["developments"] == ["realizing integration and promotion"]
    office = api.json("/v1/organisations/sichuan-chongqing-special-office")
    assert office["aims"][0].startswith("promote the transformation and upgrading")
    # Classifications the article's words do not state.
    chengdu = api.json("/v1/places/chengdu")
    assert chengdu["kind"] == "city"
    assert [e["inferred"] for e in chengdu["evidence"]["kind"]] == [False, True]
    for record_id in (
        "sichuan-chongqing-natural-gas-production-base",
        "sichuan-chongqing-1000kv-uhv-ac-project",
        "south-sichuan-west-chongqing-gas-pipeline",
    ):
        energy = api.json(f"/v1/energy/{record_id}")
        assert energy["kind"] == "asset"
        assert inferred_notes(energy, "kind"), record_id
        assert inferred_notes(energy, "description"), record_id
    pipeline = api.json("/v1/energy/south-sichuan-west-chongqing-gas-pipeline")
    assert pipeline["carrier"] == "natural_gas"
    assert inferred_notes(pipeline, "carrier")
    # Descriptions that say more than their sentence say so.
    for record_id in (
        "chengdu-chongqing-hsr-middle-line",
        "high-speed-rails-under-construction",
        "world-class-airport-cluster",
        "sichuan-chongqing-1000kv-uhv-ac-project",
        "south-sichuan-west-chongqing-gas-pipeline",
    ):
        record = api.json(f"/v1/infrastructure/{record_id}")
        assert inferred_notes(record, "description"), record_id
    # The same wording read the same way: what Sichuan and Chongqing "have" done to build
    # a joint initiative makes it under way, each note saying so.
    for record_id in (
        "industrial-chain-information-docking-platform",
        "sichuan-chongqing-industrial-cooperation-parks",
        "western-science-city",
    ):
        project = api.json(f"/v1/projects/{record_id}")
        assert project["status"] == "in_progress", record_id
        assert inferred_notes(project, "status")[0].startswith("A joint initiative's status")
    expressways = api.json("/v1/infrastructure/sichuan-chongqing-interprovincial-expressways")
    assert expressways["status"] == "operational"
    assert "Unlike the joint initiatives" in inferred_notes(expressways, "status")[0]


def test_the_annotations_list_every_cited_span_and_what_it_supports(api: Api) -> None:
    body = api.json("/v1/sources/cc-economic-circle-2022/annotations")
    assert (body["source_id"], body["url"], body["page_url"]) == (
        "cc-economic-circle-2022",
        "/v1/sources/cc-economic-circle-2022",
        "/v1/sources/cc-economic-circle-2022/page",
    )
    spans = body["spans"]
    assert [(s["start"], -s["end"]) for s in spans] == sorted(
        (s["start"], -s["end"]) for s in spans
    )
    supported: set[tuple[str, str, str, str | None, int, int]] = set()
    for s in spans:
        assert ARTICLE_TEXT[s["start"] : s["end"]] == s["quote"]
        assert s["supports"]
        for sup in s["supports"]:
            assert sup["url"] == f"/v1/{sup['resource']}/{sup['id']}"
            supported.add(
                (sup["resource"], sup["id"], sup["field"], sup["value"], s["start"], s["end"])
            )
    expected = set()
    for resource in ["sources", *COLLECTIONS]:
        for item in all_items(api, resource):
            detail = api.json(item["url"])
            for c in detail.get("citations", []):
                expected.add((resource, item["id"], "citations", None, c["start"], c["end"]))
            for name, supports in detail["evidence"].items():
                for e in supports:
                    if not e["inferred"]:
                        expected.add((resource, item["id"], name, e["value"], e["start"], e["end"]))
    # Every span is there, with every record and field (as served) it supports.
    assert supported == expected
    yangtze = [s for s in spans if "Yangtze" in s["quote"]]
    assert {(sup["resource"], sup["id"]) for s in yangtze for sup in s["supports"]} == {
        ("quotes", "li-zhiqiang-chongqing-logistics"),
        ("sources", "cc-economic-circle-2022"),
    } - {("sources", "cc-economic-circle-2022")}
    page = api.get("/v1/sources/cc-economic-circle-2022/page")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["etag"]
    assert 'href="#r-quotes-li-zhiqiang-chongqing-logistics"' in page.text
    assert 'id="r-quotes-li-zhiqiang-chongqing-logistics"' in page.text
    assert api.get("/v1/sources/no-such-source/annotations").status_code == 404
