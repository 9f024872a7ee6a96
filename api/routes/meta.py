"""GET /v1 (what is served), /v1/datapackage.json (the same as a Data Package), /healthz
(alive) and /readyz (the data can be read now); / leads a browser to /docs."""

import orjson
from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from api.answers import answer
from api.data.access import DataAccess
from api.data_package import data_package, package_files, zipped
from api.routes.responses import GUARDED, READS, not_modified, ok
from api.settings import Settings
from models.public import HealthPublic, IndexPublic

PACKAGE_FILE = "chengdu-chongqing-economic-circle.zip"


class ZipResponse(Response):
    """The media type /v1/datapackage.zip documents (the endpoint builds its answer)."""

    media_type = "application/zip"


def router() -> APIRouter:
    routes = APIRouter(tags=["meta"])

    @routes.get("/", include_in_schema=False)
    async def root() -> Response:
        # Where a newcomer's browser lands: the interactive documentation. The location
        # is relative, never built from the Host header.
        return RedirectResponse("/docs", status_code=307)

    @routes.get(
        "/v1",
        operation_id="get_index",
        summary="What is served: dataset version, sources and collections",
        description="The dataset version being served, when it was seeded, its sources, "
        "and every collection with its record count and URL.",
        response_model=IndexPublic,
        responses={200: ok("The index."), **not_modified(), **READS},
    )
    async def get_index(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        snapshot = await data.snapshots.current(request.scope)
        return answer(request, snapshot.index)

    @routes.get(
        "/v1/datapackage.json",
        operation_id="get_data_package",
        summary="The collections as a Frictionless Data Package of CSV files",
        description="A Frictionless Data Package (tabular-data-package) whose resources are "
        "the collections' CSV exports, by paths relative to this document, each with its "
        "Table Schema: types, allowed values, descriptions, units, and how empty values and "
        "lists are written. `version` is the dataset version. Open it with "
        "`frictionless`, or any tool that reads Data Packages.",
        response_model=None,
        responses={
            200: {
                **ok("The data package."),
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "description": "https://specs.frictionlessdata.io/data-package/",
                            "required": ["name", "version", "resources"],
                            # The Data Package's other properties, which the spec defines.
                            "additionalProperties": True,
                            "properties": {
                                "name": {"type": "string"},
                                "version": {"type": "string"},
                                "resources": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    }
                },
            },
            **not_modified(),
            **READS,
        },
    )
    async def get_data_package(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        snapshot = await data.snapshots.current(request.scope)
        return answer(request, data_package(snapshot.version, snapshot.seeded_at))

    @routes.get(
        "/v1/datapackage.zip",
        operation_id="get_data_package_zip",
        summary="The data package to download: its datapackage.json and every CSV",
        description="A zip of `datapackage.json` and every CSV it names, by relative paths, "
        "for use offline (`frictionless validate datapackage.json` in the unzipped folder). "
        "Beside the collections, it holds the links between records as tables of their "
        "own (`records`, `record_regions`, `relations`), which the Table Schemas' foreign "
        "keys refer to.",
        response_class=ZipResponse,
        responses={
            200: {
                **ok("The zip.", "Content-Disposition"),
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            },
            **not_modified("Content-Disposition"),
            **READS,
        },
    )
    async def get_data_package_zip(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        settings: Settings = request.app.state.settings
        snapshot = await data.snapshots.current(request.scope)
        files = await data.runner.run(
            snapshot,
            lambda session: package_files(
                snapshot.engine,
                session,
                settings.max_export_rows,
                snapshot.version,
                snapshot.seeded_at,
            ),
        )
        body = await run_in_threadpool(zipped, files)
        disposition = {"Content-Disposition": f'attachment; filename="{PACKAGE_FILE}"'}
        return answer(request, body, media_type="application/zip", headers=disposition)

    @routes.get(
        "/healthz",
        operation_id="get_health",
        summary="The process is alive",
        description="Always `ok` while the process answers; it does not touch the data "
        "(see `/readyz` for that). Never stored by a cache (`no-store`): a proxy's copy "
        "would say a process is alive that is not.",
        response_model=HealthPublic,
        responses={200: ok("Alive."), **not_modified(), **GUARDED},
    )
    async def get_health(request: Request) -> Response:
        response = answer(request, b'{"status":"ok"}')
        response.headers["Cache-Control"] = "no-store"
        return response

    @routes.get(
        "/readyz",
        operation_id="get_readiness",
        summary="The data can be read now",
        description="Checked against the database at most once per configured interval "
        "(`CIRCLE_READINESS_TTL_MS`), on a connection of its own that requests never "
        "hold, and awaited for at most `CIRCLE_READINESS_TIMEOUT_MS`: a database that "
        "cannot be read, or does not answer in that time, is a 503 problem with "
        "Retry-After.",
        response_model=HealthPublic,
        responses={
            200: ok("Ready.", "X-Dataset-Version"),
            **not_modified("X-Dataset-Version"),
            **READS,
        },
    )
    async def get_readiness(request: Request) -> Response:
        data: DataAccess = request.app.state.data
        version = await data.readiness.version()  # raises the 503 problem
        response = answer(request, orjson.dumps({"status": "ready"}))
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Dataset-Version"] = version
        return response

    return routes
