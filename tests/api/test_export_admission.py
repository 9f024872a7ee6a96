"""Exports are admitted up to max_exports per worker: past it, 503 with Retry-After before
any byte of a body; an admitted export gives its slot back however it ends (read whole,
a 304, a 400 before admission). On SQLite and PostgreSQL.
"""

import csv
import io

from api.export_admission import ExportSlots
from api.settings import Settings
from tests.support import MakeApi

EXPORT = "/v1/figures?format=csv&sort=id"
BUSY = {
    "type": "/problems/unavailable",
    "title": "Service unavailable",
    "status": 503,
    "detail": "This server streams at most 1 exports at once, and all are under way; "
    "try again shortly.",
}


def test_an_export_past_the_admitted_number_is_refused_before_its_body(
    settings: Settings, make_api: MakeApi
) -> None:
    api = make_api(settings, max_exports=1)
    slots: ExportSlots = api.app.state.export_slots
    whole = api.get(EXPORT)
    assert whole.status_code == 200
    rows = list(csv.reader(io.StringIO(whole.text)))
    assert rows[0][0] == "id"
    assert len(rows) == api.json("/v1/figures?limit=1")["total"] + 1
    assert slots.taken == 0  # read to the end: given back

    held = slots.admit()  # another export under way
    refused = api.get(EXPORT)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "5"
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json() == BUSY
    held.close()
    assert slots.taken == 0
    assert api.get(EXPORT).content == whole.content

    # A 304 sends no body and holds no slot; nor does a refused (400) export.
    etag = whole.headers["etag"]
    assert api.get(EXPORT, headers={"If-None-Match": etag}).status_code == 304
    assert api.get("/v1/figures?format=csv&cursor=x").status_code == 400
    assert slots.taken == 0


def test_a_body_never_read_gives_its_slot_back() -> None:
    slots = ExportSlots(2)
    body = slots.admit().of(iter([b"a", b"b"]))
    assert slots.taken == 1
    del body  # dropped with its client, unread: collected
    assert slots.taken == 0
    read = slots.admit().of(iter([b"a"]))
    assert list(read) == [b"a"]
    assert slots.taken == 1  # read, but not yet sent
    read.close()
    read.close()  # closing again gives back nothing more
    assert slots.taken == 0
