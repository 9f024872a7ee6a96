"""HTTP semantics and the error shape (docs/api.md, "Conventions" and "Errors"), on
both databases."""

import asyncio
import json
import select

import pytest

from api.errors import PROBLEM_TYPES
from api.settings import Settings
from tests.support import Api, MakeApi

PROBLEM = "application/problem+json"
EMPTY_BETWEEN = "an empty value between commas; a comma inside a value is written as %2C"


def problem(
    status: int, slug: str, detail: str, errors: list[dict[str, str]] | None = None
) -> dict[str, object]:
    """The whole problem answer of kind `slug` (api/errors.py's registry)."""
    kind = PROBLEM_TYPES[slug]
    assert kind.status == status
    body: dict[str, object] = {
        "type": f"/problems/{slug}",
        "title": kind.title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def test_etag_and_304(api: Api) -> None:
    first = api.get("/v1/projects")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=300"
    again = api.get("/v1/projects", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert api.get("/v1/projects", headers={"If-None-Match": '"other"'}).status_code == 200
    assert api.get("/v1/projects", headers={"If-None-Match": "*"}).status_code == 304
    # An empty If-None-Match names no ETag: the whole answer, computed (twice: the
    # response cache stores it on its second sight) and then from the cache. The URL is
    # this test's alone, so that no other test's request put it in the shared app's cache.
    url = "/v1/projects?limit=11"
    empty = [api.get(url, headers={"If-None-Match": ""}) for _ in range(2)]
    plain = api.get(url)
    assert plain.status_code == 200
    for answer in empty:
        assert (answer.status_code, answer.headers["etag"]) == (200, plain.headers["etag"])
        assert answer.content == plain.content


SECURITY = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'none'",
    ),
]


def test_whole_headers_of_pages_exports_their_304s_and_an_asset(api: Api) -> None:
    def headers(url: str, **extra: str) -> tuple[int, list[tuple[str, str]]]:
        got = api.get(url, headers={"Accept-Encoding": "identity", **extra})
        assert got.headers["x-request-id"]
        items = got.headers.multi_items()
        return got.status_code, [(k, v) for k, v in items if k != "x-request-id"]

    url = "/v1/figures?sort=id&limit=1&fields=id"
    status, page = headers(url)
    etag = dict(page)["etag"]
    body = api.get(url).content
    assert (status, page) == (
        200,
        [
            ("etag", etag),
            ("cache-control", "public, max-age=300"),
            ("vary", "Accept, Origin"),
            ("link", f'<{api.json(url)["links"]["next"]}>; rel="next"'),
            ("content-length", str(len(body))),
            ("content-type", "application/json"),
            *SECURITY,
        ],
    )
    link = dict(page)["link"]
    assert headers(url, **{"If-None-Match": etag}) == (
        304,
        [
            ("etag", etag),
            ("cache-control", "public, max-age=300"),
            ("vary", "Accept, Origin"),
            ("link", link),
            *SECURITY,
        ],
    )
    export = "/v1/figures?format=csv&fields=id"
    status, csv = headers(export)
    etag = dict(csv)["etag"]
    disposition = ("content-disposition", 'attachment; filename="figures.csv"')
    assert (status, csv) == (
        200,
        [
            ("etag", etag),
            ("cache-control", "public, max-age=300"),
            ("vary", "Accept, Accept-Encoding, Origin"),
            disposition,
            ("content-type", "text/csv; charset=utf-8"),
            *SECURITY,
        ],
    )
    assert headers(export, **{"If-None-Match": etag}) == (
        304,
        [
            ("etag", etag),
            ("cache-control", "public, max-age=300"),
            ("vary", "Accept, Accept-Encoding, Origin"),  # as its 200's
            disposition,
            *SECURITY,
        ],
    )
    status, asset = headers("/static/docs.js")
    assert status == 200
    assert [(k, v) for k, v in asset if k not in ("etag", "content-length")] == [
        ("cache-control", "public, max-age=300"),
        ("content-type", "text/javascript; charset=utf-8"),
        ("vary", "Accept-Encoding, Origin"),
        *SECURITY,
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/v1",
        "/v1/projects",
        "/v1/projects/chengdu-chongqing-hsr-middle-line",
        "/v1/search?q=gas",
        "/healthz",
        "/readyz",
        "/openapi.json",
        "/docs",
        "/v1/figures?format=csv",
    ],
)
def test_every_200_has_an_etag_and_head_works(api: Api, path: str) -> None:
    got = api.get(path)
    assert got.status_code == 200
    assert got.headers["etag"]
    head = api.request("HEAD", path)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-type"] == got.headers["content-type"]


def test_link_header_and_links_follow_the_pages(api: Api) -> None:
    page = api.get("/v1/figures?limit=2&sort=-value")
    body = page.json()
    next_url = body["links"]["next"]
    assert page.headers["link"] == f'<{next_url}>; rel="next"'
    assert body["links"]["self"] == "/v1/figures?limit=2&sort=-value"
    assert next_url == f"/v1/figures?limit=2&sort=-value&cursor={body['next_cursor']}"
    second = api.json(next_url)
    assert second["items"][0]["value"] <= body["items"][-1]["value"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_other_methods_are_405_with_allow(api: Api, method: str) -> None:
    got = api.request(method, "/v1/projects")
    assert got.status_code == 405
    assert got.headers["allow"] == "GET, HEAD, OPTIONS"
    assert got.headers["content-type"] == PROBLEM
    assert got.json() == problem(
        405, "method-not-allowed", "Only GET, HEAD and OPTIONS are allowed."
    )


def test_options_and_cors(api: Api) -> None:
    options = api.request("OPTIONS", "/v1/projects")
    assert options.status_code == 204
    assert options.headers["allow"] == "GET, HEAD, OPTIONS"
    assert api.request("OPTIONS", "/v1/nowhere").status_code == 404
    simple = api.get("/v1/projects", headers={"Origin": "https://example.org"})
    assert simple.headers["access-control-allow-origin"] == "*"
    exposed = {
        h.strip().lower() for h in simple.headers["access-control-expose-headers"].split(",")
    }
    assert {"etag", "link"} <= exposed
    preflight = api.request(
        "OPTIONS",
        "/v1/projects",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["access-control-allow-methods"]


def test_gzip_for_large_bodies_only(api: Api) -> None:
    big = api.get("/v1/sources", headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in big.headers["vary"].lower()
    raw = api.get("/v1/sources", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    # A shared cache must not serve it to a client that takes gzip, nor the reverse.
    assert "Accept-Encoding" in [v.strip() for v in raw.headers["vary"].split(",")]
    assert len(big.content) > 1024  # httpx decoded the gzip body: the same entity
    assert big.content == raw.content
    small = api.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers
    small = api.get("/healthz", headers={"Accept-Encoding": "identity"})
    assert "accept-encoding" not in small.headers.get("vary", "").lower()


def test_security_headers_and_request_id(api: Api) -> None:
    got = api.get("/v1", headers={"X-Request-ID": "abc-123"})
    assert got.headers["x-request-id"] == "abc-123"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in got.headers["content-security-policy"]
    generated = api.get("/v1", headers={"X-Request-ID": "bad id with spaces"})
    assert len(generated.headers["x-request-id"]) == 32


def test_unknown_route_is_a_problem(api: Api) -> None:
    got = api.get("/v2/nothing")
    assert got.status_code == 404
    assert got.headers["content-type"] == PROBLEM
    assert got.json() == problem(404, "not-found", "No such route.")


def test_unknown_record_is_a_problem(api: Api) -> None:
    got = api.get("/v1/projects/no-such-thing")
    assert got.status_code == 404
    assert got.json() == problem(404, "not-found", "No projects record with id 'no-such-thing'.")


def test_unknown_parameter_names_the_allowed_ones(api: Api) -> None:
    got = api.get("/v1/quotes?speaker=huang-zhi")
    assert got.status_code == 400
    message = (
        "unknown parameter; did you mean speaker_id, speaker_name or speaker_id__not? "
        "Every parameter is listed in /openapi.json and /docs."
    )
    errors = [{"param": "speaker", "message": message}]
    assert got.json() == problem(400, "unknown-parameter", f"speaker: {message}", errors)
    # No close name: no guess; the message is whole, never cut.
    got = api.get("/v1/quotes?" + "zz" * 60 + "=1")
    message = "unknown parameter. Every parameter is listed in /openapi.json and /docs."
    assert got.json()["errors"] == [{"param": "zz" * 50, "message": message}]


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("limit=0", "limit", "must be an integer from 1 to 500"),
        ("regions=chengdu,,sichuan", "regions", EMPTY_BETWEEN),
        ("limit=501", "limit", "must be an integer from 1 to 500"),
        ("limit=abc", "limit", "must be an integer from 1 to 500"),
        (
            "sort=colour",
            "sort",
            "unknown field 'colour'; allowed: id, name, date_start, kind, sector, status",
        ),
        (
            "fields=secret",
            "fields",
            "unknown field 'secret'; allowed: id, url, name, description, "
            "status, regions, date_start, date_end, date_precision, "
            "date_inferred, date_note, date_event, citations, kind, sector, "
            "organisations, priority",
        ),
        (
            "facet=name",
            "facet",
            "unknown field 'name'; allowed: date_precision, date_inferred, "
            "kind, sector, status, regions, organisations, source",
        ),
        (
            "status=finished",
            "status",
            "'finished' is not one of: planned, under_construction, "
            "in_progress, emerging, operational, released, established",
        ),
        ("date_start__gte=2022-13-01", "date_start__gte", "must be a date as YYYY-MM-DD"),
        ("date_inferred=yes", "date_inferred", "must be true or false"),
        ("q=a%00b", "q", "contains control characters"),
        ("q=" + "x" * 201, "q", "longer than 200 characters"),
        ("cursor=abc", "cursor", "not a cursor this API issued, or tampered with"),
        ("format=xml", "format", "must be one of: json, csv, ndjson"),
        ("limit=1&limit=2", "limit", "given more than once"),
    ],
)
def test_bad_input_is_400_naming_the_parameter(
    api: Api, query: str, param: str, message: str
) -> None:
    got = api.get(f"/v1/projects?{query}")
    assert got.status_code == 400, got.text
    assert got.headers["content-type"] == PROBLEM
    slug = "invalid-cursor" if param == "cursor" else "invalid-value"
    assert got.json() == problem(
        400, slug, f"{param}: {message}", [{"param": param, "message": message}]
    )


AMBIGUOUS = (
    "a literal comma separates values, and a value it leaves starts or ends with a space: "
    "if the comma is part of one value, write it as %2C (name=Co.%2C%20Ltd.); if the "
    "values are separate, drop the spaces"
)
FAW = "FAW-Volkswagen Automotive Co., Ltd."


def test_a_percent_encoded_comma_is_data_and_a_literal_one_separates(api: Api) -> None:
    """What httpx, requests and curl --data-urlencode send for a comma inside a value
    finds the record; repeated parameters and literal commas are lists."""
    for url in [
        "/v1/organisations?name=FAW-Volkswagen%20Automotive%20Co.%2C%20Ltd.",
        "/v1/organisations?name=FAW-Volkswagen+Automotive+Co.%2c+Ltd.",
        "/v1/organisations?name=nothing,FAW-Volkswagen%20Automotive%20Co.%2C%20Ltd.",
        "/v1/organisations?name=nothing&name=FAW-Volkswagen%20Automotive%20Co.%2C%20Ltd.",
    ]:
        got = api.json(url + "&fields=name")
        assert got["items"] == [{"id": "faw-volkswagen", "name": FAW}], url
    page = api.json("/v1/organisations", params={"name": FAW, "limit": 1})
    assert [item["name"] for item in page["items"]] == [FAW]
    # The page's own links keep the comma encoded: following them asks the same.
    first = api.json(
        "/v1/organisations?name=FAW-Volkswagen%20Automotive%20Co.%2C%20Ltd.,nothing&limit=1"
    )
    assert first["links"]["self"] == (
        "/v1/organisations?name=FAW-Volkswagen+Automotive+Co.%2C+Ltd.,nothing&limit=1"
    )
    assert api.json(first["links"]["self"])["items"] == first["items"]


def test_an_ambiguous_comma_is_refused_saying_how_to_write_it(api: Api) -> None:
    got = api.get("/v1/organisations?name=FAW-Volkswagen%20Automotive%20Co.,%20Ltd.")
    assert got.status_code == 400
    assert got.json() == problem(
        400, "ambiguous-value", f"name: {AMBIGUOUS}", [{"param": "name", "message": AMBIGUOUS}]
    )
    # Separate values without spaces are a list, as before.
    assert api.get("/v1/projects?regions=chengdu,sichuan").status_code == 200


def test_a_cursor_is_bound_to_its_query(api: Api) -> None:
    page = api.json("/v1/figures?limit=1&sort=value")
    cursor = page["next_cursor"]
    assert api.get(f"/v1/figures?limit=1&sort=value&cursor={cursor}").status_code == 200
    assert api.get(f"/v1/figures?limit=5&sort=value&cursor={cursor}").status_code == 200
    for other in ("sort=-value", "sort=value&unit=CNY", "sort=value&q=yuan"):
        got = api.get(f"/v1/figures?limit=1&{other}&cursor={cursor}")
        assert got.status_code == 400
        assert got.json()["errors"] == [
            {
                "param": "cursor",
                "message": "belongs to other filters or another sort; start again without cursor",
            }
        ]
    tampered = cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")
    assert api.get(f"/v1/figures?limit=1&sort=value&cursor={tampered}").status_code == 400


def test_the_error_body_never_echoes_large_input(api: Api) -> None:
    got = api.get("/v1/projects?" + "z" * 3000 + "=1")
    assert got.status_code == 400
    assert len(got.content) < 1200


def test_overlong_url_is_414(api: Api) -> None:
    got = api.get("/v1/projects?q=" + "a" * 9000)
    assert got.status_code == 414
    assert got.json() == problem(414, "uri-too-long", "The URL is longer than 8192 bytes.")


def test_docs_page_is_served_offline(api: Api) -> None:
    page = api.get("/docs")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    for asset in ("/static/swagger-ui.css", "/static/swagger-ui-bundle.js", "/static/docs.js"):
        assert asset in page.text
        got = api.get(asset)
        assert got.status_code == 200
        assert len(got.content) > 100
    assert "https://" not in page.text
    assert api.get("/static/nothing.js").status_code == 404


def test_exports_are_capped(settings: Settings, make_api: MakeApi) -> None:
    capped = make_api(settings, max_export_rows=5)
    got = capped.get("/v1/projects?format=csv")
    assert got.status_code == 400
    assert got.json() == problem(
        400,
        "export-too-large",
        "The export would hold 11 records; at most 5.",
        [{"param": "format", "message": "narrow the filters to export"}],
    )
    assert capped.get("/v1/projects?format=csv&kind=plan").status_code == 200


def test_access_log_is_one_json_line_per_request(
    settings: Settings, make_api: MakeApi, capfd: pytest.CaptureFixture[str]
) -> None:
    logged = make_api(settings, access_log=True)
    capfd.readouterr()
    logged.get("/v1/figures?unit=kV", headers={"X-Request-ID": "trace-1"})
    logged.get("/v1/nothing")
    logged.close()  # writes what is queued
    lines = [json.loads(line) for line in capfd.readouterr().out.splitlines()]
    assert [(e["request_id"], e["method"], e["path"], e["query"], e["status"]) for e in lines] == [
        ("trace-1", "GET", "/v1/figures", "unit=kV", 200),
        (lines[1]["request_id"], "GET", "/v1/nothing", "", 404),
    ]
    assert len(lines[1]["request_id"]) == 32
    assert all(e["bytes"] > 0 and e["duration_ms"] >= 0 and e["ts"] > 1.6e9 for e in lines)


def test_access_log_lines_are_written_in_whole_batches(
    sqlite_settings: Settings, make_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests answered in one turn of the event loop are logged by one write of whole
    lines, never more than PIPE_BUF bytes: workers' lines cannot interleave on a pipe."""
    writes: list[bytes] = []

    def write(_: int, data: bytes) -> int:
        writes.append(data)
        return len(data)

    monkeypatch.setattr("api.access_log.os.write", write)
    logged = make_api(sqlite_settings, access_log=True)

    async def many() -> None:
        urls = [f"/v1/figures?limit={n % 50 + 1}" for n in range(64)]
        await asyncio.gather(*(logged.client.get(url) for url in urls))

    logged.loop.run_until_complete(many())
    logged.close()  # writes what is queued
    lines = [json.loads(line) for batch in writes for line in batch.splitlines()]
    assert sorted(int(e["query"].removeprefix("limit=")) for e in lines) == sorted(
        n % 50 + 1 for n in range(64)
    )
    assert all(batch.endswith(b"\n") and len(batch) <= select.PIPE_BUF for batch in writes)
    assert len(writes) < 64 / 4


def test_untrusted_hosts_get_a_problem(settings: Settings, make_api: MakeApi) -> None:
    strict = make_api(settings, trusted_hosts=["*.example.org"])
    assert strict.get("/v1", headers={"Host": "api.example.org"}).status_code == 200
    bad = strict.get("/v1", headers={"Host": "evil.test"})
    assert bad.status_code == 400
    assert bad.headers["content-type"] == PROBLEM
    assert bad.json() == problem(
        400, "bad-request", "The Host header names no host this API serves."
    )


def test_expand_embeds_the_records_a_field_points_to(api: Api) -> None:
    """`expand=` on a record and on a collection: each name's record exactly as its own
    collection lists it, one level deep; trimmed pages embed too."""

    def listed(resource: str, record_id: str) -> object:
        return api.json(f"/v1/{resource}?id={record_id}")["items"][0]

    quote = api.json("/v1/quotes/huang-zhi-strengthen-infrastructure?expand=said_by,organisation")
    plain = api.json("/v1/quotes/huang-zhi-strengthen-infrastructure")
    assert quote == plain | {
        "expanded": {
            "said_by": listed("people", "huang-zhi"),
            "organisation": listed("organisations", plain["organisation_id"]),
        }
    }
    page = api.json("/v1/quotes?expand=said_by&fields=speaker_id")
    assert page["items"]
    for item in page["items"]:
        assert item == {
            "id": item["id"],
            "speaker_id": item["speaker_id"],
            "expanded": {"said_by": listed("people", item["speaker_id"])},
        }
    figure = api.json("/v1/figures/major-projects-2022-investment-cny?expand=subject")
    assert figure["expanded"] == {
        "subject": listed(figure["subject_resource"], figure["subject_id"])
    }
    chengdu = api.json("/v1/places?id=chengdu&expand=within")["items"][0]
    assert chengdu["expanded"] == {"within": [listed("places", p) for p in chengdu["within"]]}
    capital = api.json("/v1/places/chengdu?expand=capital_of")
    assert capital["expanded"] == {"capital_of": listed("places", "sichuan")}
    assert api.json("/v1/places/sichuan?expand=capital_of")["expanded"] == {"capital_of": None}
    person = api.json("/v1/people/li-zhiqiang?expand=organisation")
    assert person["expanded"]["organisation"] == listed("organisations", person["organisation_id"])


def test_expand_refuses_unknown_names_and_keeps_etags(api: Api) -> None:
    message = "unknown field 'speaker'; allowed: said_by, organisation, regions"
    for url in [
        "/v1/quotes?expand=speaker",
        "/v1/quotes/huang-zhi-strengthen-infrastructure?expand=speaker",
    ]:
        got = api.get(url)
        assert got.json() == problem(
            400, "invalid-value", f"expand: {message}", [{"param": "expand", "message": message}]
        ), url
    other = api.get("/v1/quotes/huang-zhi-strengthen-infrastructure?limit=1")
    assert other.json()["type"] == "/problems/unknown-parameter"
    assert api.get("/v1/quotes.csv?expand=said_by").json()["type"] == "/problems/unknown-parameter"
    for url in [
        "/v1/quotes?expand=said_by",
        "/v1/quotes/huang-zhi-strengthen-infrastructure?expand=said_by",
    ]:
        first = api.get(url)
        plain = api.get(
            url.split("?")[0] + ("?limit=50" if "?expand" in url and "/quotes?" in url else "")
        )
        assert first.headers["etag"] != plain.headers["etag"], url
        again = api.get(url, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304, url
        assert api.get(url).content == first.content, url
