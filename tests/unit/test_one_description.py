"""Each field is described once, in models/resources.py, and every place that says what
a field is says it in those words: the served models' schemas in /openapi.json, the
filter parameters, the data package's Table Schemas and the table columns' comments."""

import json
from typing import Annotated, Any

import pytest
from pydantic import BaseModel
from pydantic import Field as Described

from api.data_package import table_schema
from api.query.expand import EXPANSIONS
from models.resources import RESOURCES, FieldSpec, ResourceSpec, StatusField
from seed.dataset import SECTIONS, SourceIn
from tests.openapi_document import openapi_document


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(openapi_document())
    return found


def described(spec: ResourceSpec) -> list[FieldSpec]:
    return [f for f in spec.declared if f.description]


@pytest.mark.parametrize("name", RESOURCES)
def test_the_served_schemas_describe_each_field_in_its_words(
    document: dict[str, Any], name: str
) -> None:
    spec = RESOURCES[name]
    schemas = document["components"]["schemas"]
    item = schemas[spec.item_model.__name__]["properties"]
    detail = schemas[spec.detail_model.__name__]["properties"]
    # `expanded` is the answer's, not a field's: the records `expand=` embeds.
    expanded = ["expanded"] if EXPANSIONS[spec.name] else []
    assert list(item) == [*(f.name for f in spec.declared if f.in_item), *expanded]
    assert list(detail) == [
        *(f.name for f in spec.declared if f.in_item),
        *(f.name for f in spec.declared if f.in_detail and not f.in_item),
        *expanded,
    ]
    for field in spec.declared:
        if field.in_item:
            assert item[field.name].get("description") == field.description, field.name
        if field.in_detail:
            assert detail[field.name].get("description") == field.description, field.name


@pytest.mark.parametrize("name", RESOURCES)
def test_each_filter_parameter_opens_with_its_fields_description(
    document: dict[str, Any], name: str
) -> None:
    spec = RESOURCES[name]
    parameters = {
        p["name"]: p["description"] for p in document["paths"][f"/v1/{name}"]["get"]["parameters"]
    }
    for field in spec.fields:
        assert field.description is not None
        assert parameters[field.name].startswith(field.description + " "), field.name
        assert parameters[f"{field.name}__not"].startswith(field.description + " "), field.name


@pytest.mark.parametrize("name", RESOURCES)
def test_the_table_and_the_data_package_say_it_in_the_same_words(name: str) -> None:
    spec = RESOURCES[name]
    package = {f["name"]: f["description"] for f in table_schema(spec)["fields"]}
    for field in described(spec):
        if field.in_item:
            assert package[field.name].startswith(field.description or ""), field.name
        if field.is_stored:
            assert spec.column(field.name).comment == field.description, field.name


@pytest.mark.parametrize("name", RESOURCES)
def test_the_table_holds_the_stored_fields_and_an_index_per_sort(name: str) -> None:
    """A (field, id) index per sortable field, one on the field alone per field that is
    only counted, none else: each derived from the field's `sort` and `facet`."""
    spec = RESOURCES[name]
    table = spec.table
    assert [c.name for c in table.columns] == ["document", "search_text", *spec.stored]
    indexes = {ix.name: [c.name for c in ix.columns] for ix in table.indexes}
    expected = {
        f"ix_{table.name}_{f.name}": [f.name, "id"]
        for f in spec.fields
        if f.sort and f.name != "id"
    } | {
        f"ix_{table.name}_{f.name}": [f.name]
        for f in spec.fields
        if f.facet and not f.sort and not f.multi
    }
    assert indexes == expected
    for name_ in spec.stored:
        field = next(f for f in spec.declared if f.name == name_)
        assert table.c[name_].nullable == field.nullable


INPUT_MODELS: dict[str, type[BaseModel]] = {"sources": SourceIn, **SECTIONS}
# The data files' names for served fields they give under another name.
SERVED_NAME = {
    ("sources", "url"): "original_url",
    ("people", "organisation"): "organisation_id",
    ("quotes", "speaker"): "speaker_id",
}


@pytest.mark.parametrize("name", RESOURCES)
def test_the_data_files_fields_are_the_served_fields(name: str) -> None:
    """A field of the data file that is a field of the served item is declared with that
    field's alias (seed/dataset.py's `status: StatusField`), so it holds what the served
    field holds and says it in the same words: the same type and vocabulary, nullability,
    one value or several, description and limit. A field whose type is written out by
    hand instead fails here. (`citations` are given as quotes, and resolved.)"""
    spec = RESOURCES[name]
    declared = {f.name: f for f in spec.declared if f.in_item and f.name != "citations"}
    model = INPUT_MODELS[name]
    shared = {
        given: SERVED_NAME.get((name, given), given)
        for given in model.model_fields
        if SERVED_NAME.get((name, given), given) in declared
    }
    assert "id" in shared
    assert len(shared) > 1
    for given, served_name in shared.items():
        served = declared[served_name]
        info = model.model_fields[given]
        assert info.annotation == served.type, given
        assert info.description == served.description, given
        lengths = [m.max_length for m in info.metadata if hasattr(m, "max_length")]
        assert lengths == ([served.max_length] if served.max_length else []), given


def test_a_field_declared_twice_is_refused() -> None:
    """A field the data files give too has its description and limit in its alias only,
    and its alias holds nothing the served field would drop (a check of the data file's
    own goes in the input model)."""
    with pytest.raises(ValueError, match="described both in its alias and in its FieldSpec"):
        FieldSpec("status", StatusField, "Where it is.")
    with pytest.raises(ValueError, match="only a description and a max_length"):
        FieldSpec("name", Annotated[str, Described(description="Its name.", min_length=1)])
