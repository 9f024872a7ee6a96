"""A Python client generated from /openapi.json by openapi-python-client reads the API:
proof that the document is good enough for real clients. The client talks to the app
in-process; the generator runs as a process, which makes this a system test. It takes
each database once, with the fast path as configured: the document is the same either way."""

import asyncio
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import Settings
from tests.support import Api, MakeApi

VENV_BIN = Path(sys.executable).parent


def generate(api: Api, folder: Path) -> Any:
    spec = folder / "openapi.json"
    spec.write_bytes(api.get("/openapi.json").content)
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
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module("generated_client")
    finally:
        sys.path.remove(str(folder))


def test_a_generated_client_reads_a_filtered_page_and_a_record(
    database_settings: Settings, make_api: MakeApi, tmp_path: Path
) -> None:
    api = make_api(database_settings)
    client_package = generate(api, tmp_path)
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
