"""A Python client generated from /openapi.json by openapi-python-client reads the API:
proof that the document is good enough for real clients. The client talks to the app
in-process; the generator runs as a process, which makes this a system test. The client
is generated once (the document is the same whatever the database) and reads each
database in turn."""

import asyncio
import importlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import Settings
from models.resources import RESOURCES
from tests.openapi_document import openapi_document
from tests.support import Api, MakeApi

VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding `generated_client`, generated once from the app's document
    (which is the same whatever the database)."""
    folder = tmp_path_factory.mktemp("generated")
    spec = folder / "openapi.json"
    spec.write_bytes(openapi_document())
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(VENV_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--meta",
            "none",
            "--output-path",
            str(folder / "generated_client"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout, result.stdout
    return folder


def load(folder: Path) -> Any:
    """The generated package, imported afresh (each test forgets it when it ends)."""
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module("generated_client")
    finally:
        sys.path.remove(str(folder))


def test_a_generated_client_reads_a_filtered_page_and_a_record(
    database_settings: Settings, make_api: MakeApi, generated: Path
) -> None:
    api = make_api(database_settings)
    client_package = load(generated)
    list_projects = importlib.import_module("generated_client.api.projects.list_projects")
    get_figure = importlib.import_module("generated_client.api.figures.get_figure")
    regions = importlib.import_module("generated_client.models.list_projects_regions_item")
    sort = importlib.import_module("generated_client.models.list_projects_sort_item")

    async def run() -> tuple[Any, Any]:
        client = client_package.Client(
            base_url="http://testserver",
            httpx_args={"transport": httpx.ASGITransport(app=api.app)},
            raise_on_unexpected_status=True,
        )
        async with client:
            page = await list_projects.asyncio(
                client=client,
                regions=[regions.ListProjectsRegionsItem.GUANG_AN],
                sort=[sort.ListProjectsSortItem.NAME],
                limit=5,
            )
            figure = await get_figure.asyncio(
                client=client, id="major-projects-2022-investment-cny"
            )
        return page, figure

    page, figure = asyncio.run(run())
    assert page.total == 1
    assert [item.id for item in page.items] == ["chongqing-metropolitan-area-development-plan"]
    assert page.items[0].name == "Chongqing metropolitan area development plan"
    assert figure.value == 188950000000
    assert figure.unit.value == "CNY"
    assert figure.subject.id == "major-projects-2022"


@pytest.fixture(autouse=True)
def _forget_generated_modules() -> Any:
    yield
    for name in [m for m in sys.modules if m.startswith("generated_client")]:
        del sys.modules[name]


def test_page_items_are_typed_as_records_and_trimmed_pages_have_their_own_type(
    api: Api, generated: Path
) -> None:
    client_package = load(generated)
    list_projects = importlib.import_module("generated_client.api.projects.list_projects")
    models = importlib.import_module("generated_client.models")
    types = importlib.import_module("generated_client.types")
    sort = importlib.import_module("generated_client.models.list_projects_sort_item")
    # A record in a page is as precise as one record: `name` is required, not Unset.
    name = inspect.signature(models.ProjectPublic).parameters["name"]
    assert name.default is inspect.Parameter.empty
    assert name.annotation == "str"

    async def run() -> tuple[Any, Any]:
        client = client_package.Client(
            base_url="http://testserver",
            httpx_args={"transport": httpx.ASGITransport(app=api.app)},
            raise_on_unexpected_status=True,
        )
        async with client:
            # Two sort keys: the generated client sends sort=kind&sort=name.
            page = await list_projects.asyncio(
                client=client,
                limit=2,
                sort=[sort.ListProjectsSortItem.KIND, sort.ListProjectsSortItem.NAME],
            )
            trimmed = await client.get_async_httpx_client().get(
                "/v1/projects",
                params={"limit": 2, "sort": "kind,name", "fields": ["name", "status"]},
            )
        return page, trimmed

    page, trimmed = asyncio.run(run())
    assert all(isinstance(item, models.ProjectPublic) for item in page.items)
    partial = models.ProjectPartialPage.from_dict(trimmed.json())
    assert [(p.id, p.name, p.status) for p in partial.items] == [
        (item.id, item.name, item.status) for item in page.items
    ]
    assert isinstance(partial.items[0].description, types.Unset)


def test_a_client_generated_today_reads_answers_with_new_values_and_fields(
    api: Api, generated: Path
) -> None:
    """The stability promise, kept by the document: tomorrow's answers carry a vocabulary
    value and a field that today's document does not name, and today's client reads them."""
    client_package = load(generated)
    list_figures = importlib.import_module("generated_client.api.figures.list_figures")
    get_project = importlib.import_module("generated_client.api.projects.get_project")
    figures = api.json("/v1/figures?limit=2&sort=id")
    project = api.json("/v1/projects/chengdu-chongqing-hsr-middle-line")
    figures["items"][0] |= {"unit": "kWh", "confidence": 0.9}
    figures["items"][0]["citations"][0]["page"] = 3
    figures["generated_at"] = "2027-01-01"
    project |= {"status": "suspended", "sector": "tourism", "budget_note": "new"}
    project["regions"].append("deyang")
    answers = {"/v1/figures": figures, f"/v1/projects/{project['id']}": project}

    def tomorrow(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answers[request.url.path])

    client = client_package.Client(
        base_url="http://testserver",
        httpx_args={"transport": httpx.MockTransport(tomorrow)},
        raise_on_unexpected_status=True,
    )
    with client:
        page = list_figures.sync(client=client, limit=2)
        record = get_project.sync(client=client, id=project["id"])
    first = page.items[0]
    assert first.unit == "kWh"
    assert first.additional_properties == {"confidence": 0.9}
    assert first.citations[0].additional_properties == {"page": 3}
    assert page.additional_properties == {"generated_at": "2027-01-01"}
    assert page.items[1].id == figures["items"][1]["id"]
    assert (record.status, record.sector, record.regions[-1]) == ("suspended", "tourism", "deyang")
    assert record.additional_properties == {"budget_note": "new"}
    assert record.to_dict() == project


def test_the_generated_client_passes_mypy_strict(generated: Path, tmp_path: Path) -> None:
    """Its models and operations, as the document types them, under mypy --strict. The
    generator's own client.py template is left out (--follow-imports=silent): its errors
    (httpx's typed __exit__ called with *args) do not come from the document."""
    package = generated / "generated_client"
    result = subprocess.run(
        [
            str(VENV_BIN / "mypy"),
            "--strict",
            "--follow-imports=silent",
            "--no-incremental",
            str(package / "models"),
            str(package / "api"),
            str(package / "types.py"),
            str(package / "errors.py"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


def test_a_generated_client_pages_every_collection_and_decodes_a_problem(
    api: Api, generated: Path
) -> None:
    client_package = load(generated)
    models = importlib.import_module("generated_client.models")
    types = importlib.import_module("generated_client.types")
    operations = {
        name: importlib.import_module(f"generated_client.api.{name}.list_{name}")
        for name in RESOURCES
    }

    async def run() -> tuple[dict[str, tuple[list[str], int]], Any]:
        client = client_package.Client(
            base_url="http://testserver",
            httpx_args={"transport": httpx.ASGITransport(app=api.app)},
        )
        seen: dict[str, tuple[list[str], int]] = {}
        async with client:
            for name, operation in operations.items():
                ids: list[str] = []
                cursor: Any = types.UNSET
                while True:
                    page = await operation.asyncio(client=client, limit=2, cursor=cursor)
                    ids += [item.id for item in page.items]
                    if page.next_cursor is None:
                        break
                    cursor = page.next_cursor
                seen[name] = (ids, page.total)
            refused = await operations["projects"].asyncio_detailed(client=client, limit=0)
        return seen, refused

    seen, refused = asyncio.run(run())
    for name, (ids, total) in seen.items():
        assert ids == [i["id"] for i in api.json(f"/v1/{name}?limit=500")["items"]], name
        assert len(ids) == total
    assert refused.status_code == 400
    problem = refused.parsed
    assert isinstance(problem, models.Problem)
    assert (problem.status, problem.title) == (400, "Invalid value")
    assert problem.type_ == "/problems/invalid-value"
    assert [(e.param, e.message) for e in problem.errors] == [
        ("limit", "must be an integer from 1 to 500")
    ]


def _required(name: str) -> dict[str, Any]:
    """The required arguments of a generated operation, by its module's name."""
    if name.startswith("get_source_"):
        return {"id": "cc-economic-circle-2022"}
    if name == "search":
        return {"q": "gas"}
    for spec in RESOURCES.values():
        if name == "get_" + spec.item_model.__name__.removesuffix("Public").lower():
            return {"id": spec.example_id}
    return {}


def test_every_operation_of_a_generated_client_decodes_its_answer(
    api: Api, generated: Path
) -> None:
    """Every operation with its required arguments; each collection's page also with two
    fields of `fields=` (a trimmed page, its other fields Unset); every export: nothing
    raises, and each answer decodes as the type the document gives it."""
    client_package = load(generated)
    types = importlib.import_module("generated_client.types")
    package = generated / "generated_client" / "api"
    modules = {
        path.stem: importlib.import_module(f"generated_client.api.{path.parent.name}.{path.stem}")
        for path in sorted(package.glob("*/*.py"))
        if path.stem != "__init__"
    }
    assert {f"export_{name}_{fmt}" for name in RESOURCES for fmt in ("csv", "ndjson")} <= set(
        modules
    )
    # The generator decodes no application/x-ndjson nor application/zip: for those
    # operations its `parsed` is None and `content` holds the body (docs: what a
    # generated client gets); an unexpected status would still be None, so it is checked.
    client = client_package.Client(
        base_url="http://testserver",
        httpx_args={"transport": httpx.ASGITransport(app=api.app)},
    )
    decoded: dict[str, Any] = {}

    async def run() -> None:
        async with client:
            for name, module in modules.items():
                detailed = await module.asyncio_detailed(client=client, **_required(name))
                assert detailed.status_code == 200, name
                decoded[name] = detailed.parsed
                if name.endswith("_ndjson"):
                    lines = detailed.content.decode().splitlines()
                    decoded[name] = [json.loads(line) for line in lines]
                elif name == "get_data_package_zip":
                    decoded[name] = detailed.content[:2]
                if name.startswith("list_"):
                    resource = name.removeprefix("list_")
                    fields_item = importlib.import_module(
                        f"generated_client.models.list_{resource}_fields_item"
                    )
                    kinds = list(getattr(fields_item, f"List{_camel(resource)}FieldsItem"))
                    two = [k for k in kinds if k.value != "id"][:2]
                    trimmed = await module.asyncio(client=client, fields=two, limit=3)
                    decoded[name + "?fields"] = (trimmed, [k.value for k in two])

    asyncio.run(run())
    for name, parsed in decoded.items():
        if name.endswith("_csv"):
            assert isinstance(parsed, str), name
            assert len(parsed.splitlines()) > 1, name
        elif name.endswith("_ndjson"):
            assert parsed, name
            assert all("id" in record for record in parsed), name
        elif name == "get_data_package_zip":
            assert parsed == b"PK"
        elif name.endswith("?fields"):
            page, kept = parsed
            assert type(page).__name__.endswith("PartialPage"), name
            item = page.items[0].to_dict()
            assert set(item) == {"id", *kept}, name
            others = [f for f in type(page.items[0]).__annotations__ if f not in {"id", *kept}]
            assert any(isinstance(getattr(page.items[0], f), types.Unset) for f in others), name
        elif name.startswith("list_"):
            assert type(parsed).__name__.endswith("Page"), name
            assert not type(parsed).__name__.endswith("PartialPage"), name
        else:
            assert parsed is not None, name


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))
