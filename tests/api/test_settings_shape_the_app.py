"""create_app(settings) determines everything: the limits it enforces and the ones its
OpenAPI document states come from the settings given, not from the environment."""

from typing import Any

from api.main import create_app
from api.settings import Settings
from tests.support import Api


def parameter(document: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name
    )
    return found


def test_limits_come_from_the_settings_given(settings: Settings) -> None:
    api = Api(create_app(settings.model_copy(update={"max_limit": 4, "default_limit": 3})))
    try:
        document = api.json("/openapi.json")
        for path in ("/v1/figures", "/v1/projects", "/v1/search"):
            limit = parameter(document, path, "limit")
            assert limit["schema"]["maximum"] == 4, path
            assert limit["schema"]["default"] == 3, path
            assert "Default 3, at most 4." in limit["description"], path
        assert len(api.json("/v1/figures")["items"]) == 3
        assert len(api.json("/v1/figures?limit=4")["items"]) == 4
        refused = api.get("/v1/figures?limit=5")
        assert refused.status_code == 400
        assert refused.json()["errors"] == [
            {"param": "limit", "message": "must be an integer from 1 to 4"}
        ]
        assert len(api.json("/v1/search?q=a")["items"]) == 3
    finally:
        api.close()


def test_two_apps_with_other_settings_do_not_share_them(settings: Settings) -> None:
    small = Api(create_app(settings.model_copy(update={"max_limit": 2, "default_limit": 2})))
    large = Api(create_app(settings.model_copy(update={"max_limit": 5, "default_limit": 5})))
    try:
        assert small.get("/v1/figures?limit=5").status_code == 400
        assert len(large.json("/v1/figures?limit=5")["items"]) == 5
        assert (
            parameter(small.json("/openapi.json"), "/v1/figures", "limit")["schema"]["maximum"] == 2
        )
        assert (
            parameter(large.json("/openapi.json"), "/v1/figures", "limit")["schema"]["maximum"] == 5
        )
    finally:
        small.close()
        large.close()


def test_a_setting_given_by_name_is_the_one_used() -> None:
    """Settings(database_url=...) names the field, not its environment aliases
    (DATABASE_URL, CIRCLE_DATABASE_URL): at every pydantic-settings version the bounds
    allow, the value given is the value kept."""
    url = "postgresql://postgres@127.0.0.1:5432/named"
    assert Settings(database_url=url).database_url == url
    assert Settings.model_validate({"database_url": url}).database_url == url
