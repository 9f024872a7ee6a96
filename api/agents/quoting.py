"""The short text form of each tool's answer, beside its structured content: an agent
that reads only the text still reads each value with the source's words that state it,
or the word INFERRED where the source does not state it."""

from typing import Any

import orjson

NAME_KEYS = ("name", "title", "as_stated", "text")
MAX_NAME = 160
INFERRED_SUFFIX = "_inferred"


def inferred_marks(item: dict[str, Any]) -> list[dict[str, Any]]:
    """A rendered record's inferred values: each `X_inferred` set true, with `X_note`."""
    marks = []
    for key, value in item.items():
        if key.endswith(INFERRED_SUFFIX) and value is True:
            field = key.removesuffix(INFERRED_SUFFIX)
            marks.append({"field": field, "note": item.get(field + "_note")})
    return marks


def cited(citation: dict[str, Any]) -> str:
    """A citation as an agent can quote it: the words, their source and offsets."""
    return f"“{citation['quote']}” ({citation['source_id']} {citation['start']}–{citation['end']})"


def _name(item: dict[str, Any]) -> str:
    name = next((str(item[k]) for k in NAME_KEYS if item.get(k)), "")
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"


def _value(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _evidence_lines(item: dict[str, Any]) -> list[str]:
    lines = [f"  cited: {cited(c)}" for c in item.get("citations", [])]
    lines += [
        f"  INFERRED {m['field']}: {m['note'] or 'not stated by the source'}"
        for m in inferred_marks(item)
    ]
    return lines


def page_text(resource: str, page: dict[str, Any]) -> str:
    """A listing's page: each record with its citations and its inferred values."""
    items = page["items"]
    lines = [f"{page['total']} {resource} records match; {len(items)} on this page."]
    for item in items:
        lines.append(f"- {resource}/{item['id']}: {_name(item)}")
        lines += _evidence_lines(item)
    if page.get("facets"):
        for field, counts in page["facets"].items():
            shown = ", ".join(f"{_value(c['value'])} {c['count']}" for c in counts)
            lines.append(f"facet {field}: {shown}")
    if page["next_cursor"]:
        lines.append(f"More: pass cursor={page['next_cursor']!r} for the next page.")
    return "\n".join(lines)


def search_text(q: str, page: dict[str, Any]) -> str:
    """A search's page: each hit with the citations of the record it finds."""
    items = page["items"]
    lines = [f"{page['total']} records match {q!r}; {len(items)} on this page."]
    for hit in items:
        lines.append(f"- {hit['type']}/{hit['id']}: {hit['name']} — {hit['snippet']}")
        lines += [f"  cited: {cited(c)}" for c in hit["citations"]]
        lines += [
            f"  INFERRED {m['field']}: {m['note'] or 'not stated by the source'}"
            for m in hit["inferred"]
        ]
    if page["next_cursor"]:
        lines.append(f"More: pass cursor={page['next_cursor']!r} for the next page.")
    return "\n".join(lines)


def record_text(resource: str, record: dict[str, Any]) -> str:
    """A record: each field's value with the words that state it, or INFERRED."""
    lines = [f"{resource}/{record['id']}: {_name(record)}"]
    lines += [f"cited: {cited(c)}" for c in record.get("citations", [])]
    # A date or period whose words are cited but whose year (or more) is not stated.
    marks = {m["field"]: m["note"] or "not stated by the source" for m in inferred_marks(record)}
    lines += [f"INFERRED {field}: {note}" for field, note in marks.items()]
    for field, supports in record.get("evidence", {}).items():
        prefix = field.rsplit("_", 1)[0]
        marked = f" (INFERRED {prefix}: {marks[prefix]})" if prefix in marks else ""
        for support in supports:
            value = support.get("value")
            shown = _value(record.get(field) if value is None else value)
            if support["inferred"]:
                note = support.get("note") or "not stated by the source"
                lines.append(f"- {field} = {shown}: INFERRED ({note}){marked}")
            else:
                lines.append(f"- {field} = {shown}: {cited(support)}{marked}")
    related = record.get("related", [])
    if related:
        shown = ", ".join(f"{r['resource']}/{r['id']}" for r in related)
        lines.append(f"related: {shown}")
    return "\n".join(lines)


def annotations_text(annotations: dict[str, Any]) -> str:
    """A source's cited spans: the words, their offsets, and what each supports."""
    spans = annotations["spans"]
    lines = [f"{len(spans)} cited spans of source {annotations['source_id']}:"]
    for span in spans:
        supports = ", ".join(
            f"{s['resource']}/{s['id']} {s['field']}" + (f"={s['value']}" if s["value"] else "")
            for s in span["supports"]
        )
        lines.append(f"- {span['start']}–{span['end']} “{span['quote']}” supports {supports}")
    return "\n".join(lines)


def problem_text(problem: dict[str, Any]) -> str:
    """A refusal as the HTTP API words it: status, title, detail, and each parameter."""
    lines = [f"Error {problem['status']} {problem['title']}: {problem['detail']}"]
    lines += [f"- {e['param']}: {e['message']}" for e in problem.get("errors") or []]
    return "\n".join(lines)
