"""The app's OpenAPI document, as its /openapi.json answers it, written to a file:
`python -m tests.openapi_document build/openapi.json`, what `make client-models` feeds
to client/generate_code.py. The app serves it only over a seeded database, so a
throwaway SQLite file is seeded first."""

import sys
import tempfile
from pathlib import Path

from api.main import create_app
from api.settings import Settings
from seed.loader import seed
from tests.support import SOURCES, Api


def openapi_document() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "circle.sqlite3"
        seed(f"sqlite:///{path}", SOURCES)
        api = Api(create_app(Settings(database_url=None, sqlite_path=path, access_log=False)))
        try:
            return api.get("/openapi.json").content
        finally:
            api.close()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(argv[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(openapi_document())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
