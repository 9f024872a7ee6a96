"""The questions `make bench` asks: bench/questions.toml, or the file BENCH_QUESTIONS names.

They are data, so that the bench can be run again with other questions without touching
its code; the file says what each entry holds.
"""

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

QUESTIONS_FILE = Path(__file__).with_name("questions.toml")
# Left as written in a path: its structure (/ ? & =), list commas, {N}, and what never
# needs encoding. Everything else (spaces, quotes, %) is percent-encoded.
SAFE = "/?&=,:{}"
FIELDS: dict[str, type] = {
    "key": str,
    "label": str,
    "api": str,
    "datasette": str,
    "first_time": bool,
    "revalidate": bool,
}
REQUIRED = ("key", "label", "api", "datasette")


@dataclass(frozen=True)
class Query:
    key: str
    label: str
    api: str
    datasette: str
    first_time: bool = False  # unique per request: no cache of the API can answer it
    revalidate: bool = False  # sent with If-None-Match: the ETag of a first GET


def encoded(path: str) -> str:
    return quote(path, safe=SAFE)


def _problems(entry: dict[str, Any]) -> list[str]:
    found = [f"unknown field {name!r}" for name in entry if name not in FIELDS]
    found += [f"no {name!r}" for name in REQUIRED if name not in entry]
    found += [
        f"{name!r} must be a {FIELDS[name].__name__}"
        for name, value in entry.items()
        if name in FIELDS and type(value) is not FIELDS[name]
    ]
    if found:
        return found
    for side in ("api", "datasette"):
        if not entry[side].startswith("/"):
            found.append(f"{side!r} must be a path starting with /")
        if entry.get("first_time") and "{N}" not in entry[side]:
            found.append(f"{side!r} of a first-time question must hold {{N}}")
    return found


def load(path: Path) -> tuple[Query, ...]:
    """The questions in `path`; SystemExit naming every problem of the file."""
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"bench: cannot read the questions in {path}: {exc}") from None
    entries = data.get("question")
    if not isinstance(entries, list) or not entries:
        raise SystemExit(f"bench: {path} holds no [[question]] tables")
    problems = []
    for number, entry in enumerate(entries, 1):
        problems += [f"question {number}: {p}" for p in _problems(entry)]
    keys = [entry.get("key") for entry in entries]
    problems += [
        f"key {k!r} is given more than once"
        for k in sorted({k for k in keys if isinstance(k, str) and keys.count(k) > 1})
    ]
    if problems:
        raise SystemExit(f"bench: {path}: " + "; ".join(problems))
    return tuple(
        Query(
            key=entry["key"],
            label=entry["label"],
            api=encoded(entry["api"]),
            datasette=encoded(entry["datasette"]),
            first_time=entry.get("first_time", False),
            revalidate=entry.get("revalidate", False),
        )
        for entry in entries
    )


def questions() -> tuple[Query, ...]:
    return load(Path(os.environ.get("BENCH_QUESTIONS", QUESTIONS_FILE)))
