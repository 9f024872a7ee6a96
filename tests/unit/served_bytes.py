"""What the seed serves from the frozen copy of the sources in tests/fixtures/served-bytes:
the dataset version and a digest of every record's item and detail JSON.

tests/unit/test_served_bytes.py compares it with what it was when the served models were
written by hand (tests/fixtures/served-bytes.json), so that a change in how the models
are derived cannot change an answer unnoticed. After a change of the answers that is
meant, write the file again:
`python -m tests.unit.served_bytes tests/fixtures/served-bytes.json`.
"""

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from seed.dataset import read_sources
from seed.loader import TABLES, dataset_version
from seed.render import Renderer

FROZEN_SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "served-bytes"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def served_bytes(sources: Path = FROZEN_SOURCES) -> dict[str, Any]:
    rows = Renderer(read_sources(sources)).render()
    by_key: dict[int, Any] = {}
    records: dict[str, int] = {}
    for table in TABLES:
        name = table.__tablename__
        for row in rows.by_table.get(table, []):
            values = row.model_dump()
            if name == "documents":
                by_key[values["key"]] = values
            elif "document" in values:
                records[f"{name}/{values['id']}"] = values["document"]
    return {
        "version": dataset_version(rows),
        "documents": {
            record: {
                "item": _digest(by_key[key]["doc"]),
                "detail": _digest(by_key[key]["detail"]),
            }
            for record, key in sorted(records.items())
        },
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    Path(argv[0]).write_text(json.dumps(served_bytes(), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
