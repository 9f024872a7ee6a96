"""Each source's annotations: every cited span with the records and fields it supports,
as JSON and as an HTML page of the text with those spans highlighted, linked both ways.

Rendered at seed time, like every answer: the page is a function of the data alone.
"""

import itertools
from collections.abc import Callable
from html import escape

from models import public
from models.vocab import ResourceName
from seed.dataset import Dataset

Ref = Callable[[str, str], public.RecordRef]

STYLE = """
body { font: 16px/1.6 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; }
.text { white-space: pre-wrap; border: 1px solid #ccc; padding: 1rem; }
a.mark { color: inherit; text-decoration: none; border-bottom: 2px solid #c90; }
a.d1 { background: #fff3c4; } a.d2 { background: #ffe08a; } a.d3 { background: #ffc94d; }
a.mark:target, li:target { outline: 2px solid #06c; }
li { margin: .3rem 0; } code { font-size: 90%; } .field { color: #555; }
"""


def annotate(
    data: Dataset,
    source_id: str,
    ref: Ref,
    served: dict[tuple[str, str], dict[str, list[public.EvidencePublic]]],
) -> public.SourceAnnotations:
    """`served`: each record's evidence as its detail answer serves it (field names as
    served), so that the annotations name the fields a client sees."""
    supports: dict[tuple[int, int], list[public.AnnotationSupport]] = {}
    quotes: dict[tuple[int, int], str] = {}

    def add(span: tuple[int, int], quote: str, support: public.AnnotationSupport) -> None:
        quotes[span] = quote
        found = supports.setdefault(span, [])
        if support not in found:
            found.append(support)

    def support(
        resource: str, record_id: str, name: str, value: str | None
    ) -> public.AnnotationSupport:
        if resource == "sources":
            title = next(x.meta.title for x in data.sources if x.meta.id == record_id)
            r = public.RecordRef(
                resource=ResourceName.sources,
                id=record_id,
                name=title,
                url=f"/v1/sources/{record_id}",
            )
        else:
            r = ref(resource, record_id)
        return public.AnnotationSupport(
            resource=r.resource, id=r.id, name=r.name, url=r.url, field=name, value=value
        )

    for resource, records in data.records.items():
        for record_id, (_, citations) in records.items():
            for c in citations:
                if c.source_id == source_id:
                    add((c.start, c.end), c.quote, support(resource, record_id, "citations", None))
    for (resource, record_id), fields in served.items():
        for name, spans in fields.items():
            for e in spans:
                if e.source_id == source_id and e.start is not None and e.end is not None:
                    assert e.quote is not None
                    add((e.start, e.end), e.quote, support(resource, record_id, name, e.value))
    return public.SourceAnnotations(
        source_id=source_id,
        url=f"/v1/sources/{source_id}",
        page_url=f"/v1/sources/{source_id}/page",
        spans=[
            public.AnnotationSpan(start=s, end=e, quote=quotes[s, e], supports=supports[s, e])
            for s, e in sorted(supports, key=lambda k: (k[0], -k[1]))
        ],
    )


def _record_anchor(resource: str, record_id: str) -> str:
    return f"r-{resource}-{record_id}"


def page(text: str, title: str, annotations: public.SourceAnnotations) -> str:
    """The text with every cited span highlighted: each highlighted piece links to the
    shortest span covering it; each span lists its records; each record links to its
    spans and back to the text."""
    spans = annotations.spans
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        covering = [i for i, s in enumerate(spans) if s.start <= a and b <= s.end]
        chunk = escape(text[a:b])
        if not covering:
            pieces.append(chunk)
            continue
        inner = min(covering, key=lambda i: spans[i].end - spans[i].start)
        depth = min(len(covering), 3)
        pieces.append(
            f'<a class="mark d{depth}" id="t-{a}" href="#s-{inner}" '
            f'title="{len(covering)} cited span(s)">{chunk}</a>'
        )
    span_items = []
    records: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for i, s in enumerate(spans):
        links = []
        for sup in s.supports:
            key = (sup.resource, sup.id)
            name = sup.field + (f" ({sup.value})" if sup.value else "")
            records.setdefault(key, (sup.name, sup.url, []))[2].append(
                f'<a href="#s-{i}">{escape(name)}</a>'
            )
            links.append(
                f'<a href="#{_record_anchor(*key)}">{escape(sup.name)}</a> '
                f'<span class="field">{escape(name)}</span>'
            )
        span_items.append(
            f'<li id="s-{i}"><a href="#t-{s.start}">“{escape(s.quote)}”</a> '
            f"<code>[{s.start}:{s.end}]</code><ul>"
            + "".join(f"<li>{link}</li>" for link in links)
            + "</ul></li>"
        )
    record_items = [
        f'<li id="{_record_anchor(*key)}"><a href="{escape(url)}">{escape(name)}</a> '
        f"<code>{escape(key[0])}/{escape(key[1])}</code>: " + ", ".join(fields) + "</li>"
        for key, (name, url, fields) in sorted(
            records.items(),
            key=lambda kv: ([r.value for r in ResourceName].index(kv[0][0]), kv[0][1]),
        )
    ]
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<link rel="icon" href="/static/favicon.png">\n'
        f"<title>{escape(title)} - annotated</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f"<p>Every highlighted passage is cited by a record of this API; follow it to the "
        f'records and fields it supports. As JSON: <a href="{annotations.url}/annotations">'
        f'annotations</a>; the source: <a href="{annotations.url}">{annotations.url}</a>; '
        f'<a href="/docs">API docs</a>.</p>\n'
        f'<div class="text">{"".join(pieces)}</div>\n'
        f"<h2>Cited spans</h2>\n<ol>{''.join(span_items)}</ol>\n"
        f"<h2>Records</h2>\n<ul>{''.join(record_items)}</ul>\n</body>\n</html>\n"
    )
