"""GET /v1/datapackage.json: a valid Frictionless Data Package of the CSV exports, whose
Table Schemas say how to read every cell; frictionless, pandas and DuckDB read each CSV
with the documented types, and the values equal the JSON answers."""

import io
import json
import socket
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import frictionless
import pandas as pd
import pytest

from models.resources import RESOURCES
from tests.support import Api

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "array": "VARCHAR",
    "object": "VARCHAR",
}


def downloaded(api: Api, folder: Path) -> dict[str, Any]:
    """The package and its CSV files, written as the relative paths name them."""
    package: dict[str, Any] = api.json("/v1/datapackage.json")
    for resource in package["resources"]:
        answer = api.get(f"/v1/{resource['path']}")
        assert answer.status_code == 200
        (folder / resource["path"]).write_bytes(answer.content)
    (folder / "datapackage.json").write_text(json.dumps(package))
    return package


def records(api: Api, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in api.get(f"/v1/{name}.ndjson").text.splitlines()]


def test_the_package_describes_every_collection(api: Api) -> None:
    package = api.json("/v1/datapackage.json")
    index = api.json("/v1")
    assert package["version"] == index["dataset_version"]
    assert package["created"] == index["seeded_at"]
    assert [r["name"] for r in package["resources"]] == list(RESOURCES)
    assert [r["path"] for r in package["resources"]] == [f"{n}.csv" for n in RESOURCES]
    people = package["resources"][6]["schema"]
    assert people["foreignKeys"] == [
        {
            "fields": ["organisation_id"],
            "reference": {"resource": "organisations", "fields": ["id"]},
        }
    ]
    fields = {f["name"]: f for f in package["resources"][1]["schema"]["fields"]}
    assert fields["organisations"]["type"] == "array"
    assert fields["status"]["constraints"] == {
        "enum": [
            "planned",
            "under_construction",
            "in_progress",
            "emerging",
            "operational",
            "released",
            "established",
        ]
    }
    assert "constraints" not in fields["date_note"]  # may be empty: null
    assert fields["name"]["constraints"] == {"required": True}
    figures = {f["name"]: f for f in package["resources"][5]["schema"]["fields"]}
    assert figures["value"]["type"] == "number"
    assert "`unit` column" in figures["value"]["description"]


def test_frictionless_validates_the_package_and_its_csv_files(api: Api, tmp_path: Path) -> None:
    downloaded(api, tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_pandas_and_duckdb_read_each_csv_with_the_documented_types(
    api: Api, tmp_path: Path
) -> None:
    package = downloaded(api, tmp_path)
    for resource in package["resources"]:
        expected = records(api, resource["name"])
        fields = resource["schema"]["fields"]
        path = tmp_path / resource["path"]
        # pandas, told what the schema says: an empty cell is missing, nothing else is.
        frame = pd.read_csv(
            path,
            dtype={f["name"]: "string" for f in fields if f["type"] in ("string", "date")},
            keep_default_na=False,
            na_values=resource["schema"]["missingValues"],
        )
        for field in fields:
            name = field["name"]
            column = frame[name].tolist()
            wanted = [r[name] for r in expected]
            if field["type"] in ("array", "object"):
                column = [json.loads(v) for v in column]
            elif field["type"] == "boolean":
                column = [None if pd.isna(v) else v == "true" or v is True for v in column]
            else:
                column = [None if pd.isna(v) else v for v in column]
            assert column == wanted, (resource["name"], name)
        # DuckDB, with the column types the schema gives.
        types = {f["name"]: DUCKDB_TYPES[f["type"]] for f in fields}
        relation = duckdb.sql(
            f"SELECT * FROM read_csv('{path}', header=true, columns={types!r}, nullstr='')"
        )
        assert relation is not None  # a SELECT always gives a relation
        rows = relation.fetchall()
        assert len(rows) == len(expected)
        for row, record in zip(rows, expected, strict=True):
            for value, field in zip(row, fields, strict=True):
                want = record[field["name"]]
                if field["type"] in ("array", "object"):
                    value = json.loads(value)
                elif field["type"] == "date" and want is not None:
                    want = date.fromisoformat(want)
                assert value == want, (resource["name"], field["name"])


def test_a_csv_cell_tells_an_empty_list_from_a_missing_value(api: Api) -> None:
    text = api.get("/v1/projects?format=csv&fields=organisations,date_note&limit=1").text
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    assert frame["organisations"].tolist()[0] == "[]"
    assert frame["date_note"].isna().any()


def test_the_zip_validates_offline_with_its_keys(
    api: Api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/v1/datapackage.zip unzipped: `frictionless validate` passes with no network (any
    connection attempt fails the test), foreign keys included."""
    got = api.get("/v1/datapackage.zip")
    assert got.status_code == 200
    assert got.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(got.content)) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    tables = [*RESOURCES, "records", "record_regions", "relations"]
    assert sorted(names) == sorted([*(f"{n}.csv" for n in tables), "datapackage.json"])
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["path"] for r in package["resources"]] == [f"{n}.csv" for n in tables]
    keys = {r["name"]: r["schema"].get("foreignKeys", []) for r in package["resources"]}
    assert {
        "fields": ["subject_resource", "subject_id"],
        "reference": {"resource": "records", "fields": ["resource", "id"]},
    } in keys["figures"]
    assert {"fields": ["place_id"], "reference": {"resource": "places", "fields": ["id"]}} in (
        keys["record_regions"]
    )
    # Every field of the descriptions that links to one record is a key (a list of ids
    # in one JSON cell is not one a Table Schema can state).
    assert keys["quotes"] == [
        {"fields": ["speaker_id"], "reference": {"resource": "people", "fields": ["id"]}},
        {
            "fields": ["organisation_id"],
            "reference": {"resource": "organisations", "fields": ["id"]},
        },
    ]
    assert keys["places"] == [
        {"fields": ["capital_of"], "reference": {"resource": "places", "fields": ["id"]}}
    ]

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.chdir(tmp_path)
    report = frictionless.validate("datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    # The same bytes again: a conditional request is answered 304.
    again = api.get("/v1/datapackage.zip", headers={"If-None-Match": got.headers["etag"]})
    assert again.status_code == 304
