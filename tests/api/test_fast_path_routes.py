"""With the fast path on, every read route is answered in front of FastAPI; with it off,
FastAPI routes everything. (What they answer is the same: test_direct.py.)"""

from typing import Any

import pytest

from api.fastpath.direct_routes import DirectRoutes
from api.main import CircleApp, create_app
from api.settings import Settings
from models.resources import RESOURCES
from tests.support import Api


def fastapi_calls(app: CircleApp) -> list[str]:
    """Records each request that reaches FastAPI itself."""
    reached: list[str] = []
    api = app.api

    async def counting(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])
        await api(scope, receive, send)

    layer: Any = app.stack
    while not isinstance(layer, DirectRoutes):
        layer = layer.app
    layer.app = counting
    return reached


@pytest.mark.parametrize("fast", [True, False])
def test_read_routes_skip_fastapi_only_on_the_fast_path(
    sqlite_settings: Settings, fast: bool
) -> None:
    app = create_app(sqlite_settings.model_copy(update={"fast_path": fast}))
    client = Api(app)
    try:
        if not fast:
            layer: Any = app.stack
            while hasattr(layer, "app"):
                assert not isinstance(layer, DirectRoutes)
                layer = layer.app
            return
        reached = fastapi_calls(app)
        reads = [f"/v1/{name}" for name in RESOURCES]
        reads += [f"/v1/{name}/{spec.example_id}" for name, spec in RESOURCES.items()]
        reads += ["/v1/search?q=gas", "/v1/projects?status=nope", "/v1/projects/none"]
        for url in reads:
            assert client.get(url, headers={"Cache-Control": "no-cache"}).status_code in (
                200,
                400,
                404,
            )
        assert reached == []
        client.get("/v1")
        client.get("/docs")
        assert reached == ["/v1", "/docs"]
    finally:
        client.close()
