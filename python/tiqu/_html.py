"""A Document as HTML: its text with every fact highlighted in its type's
colour, a legend, and each fact's type, rule and value on hover.

Overlapping facts (an organization holding a place name) are shown by cutting
the text at every fact boundary: each piece takes the colour of the innermost
fact covering it and lists all of them on hover. Everything taken from the
document is HTML-escaped.
"""
from __future__ import annotations

import html
import itertools
from typing import Dict, List, Optional

from google.protobuf import json_format

from ._proto import _repeated
from .v1.document_pb2 import Document, Fact

__all__ = ["to_html", "show", "fact_summary"]

# One colour per type, light enough to read black text on.
_COLOURS: Dict[str, str] = {
    "QUANTITY": "#ffd8a8",      # orange
    "PERCENTAGE": "#ffe066",    # yellow
    "CHANGE": "#ffa8a8",        # red
    "MONEY": "#8ce99a",         # green
    "TIME": "#a5d8ff",          # blue
    "ORGANIZATION": "#d0bfff",  # violet
    "LOCATION": "#63e6be",      # teal
    "PERSON": "#faa2c1",        # pink
    "AWARD": "#d8f5a2",         # lime
    "MEETING": "#99e9f2",       # cyan
    "CITATION": "#eebefa",      # grape
    "SLOGAN": "#e3c9a8",        # tan
    "QUOTE": "#ced4da",         # grey
    "ARTICLE": "#f1f3f5",       # light grey
    "CUSTOM": "#bac8ff",        # indigo
}
_FALLBACK_COLOUR = "#e9ecef"
_counter = itertools.count()

_CSS = """
.{root} {{ font-family: system-ui, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 14px;
  color: #212529; }}
.{root} .tq-head {{ font-weight: 600; margin-bottom: 4px; }}
.{root} .tq-head .tq-meta {{ font-weight: 400; color: #6c757d; }}
.{root} .tq-legend {{ margin: 4px 0 8px; line-height: 2; }}
.{root} .tq-legend span {{ padding: 2px 6px; margin-right: 4px; border-radius: 3px; white-space: nowrap; }}
.{root} .tq-text {{ white-space: pre-wrap; line-height: 1.9; max-height: 36em; overflow-y: auto;
  border: 1px solid #dee2e6; border-radius: 4px; padding: 8px 10px; background: #fff; }}
.{root} mark {{ color: inherit; padding: 1px 0; border-radius: 2px; cursor: help; }}
.{root} mark.tq-start {{ box-shadow: inset 2px 0 0 rgba(0,0,0,.35); }}
.{root} mark.tq-nested {{ border-bottom: 2px solid rgba(0,0,0,.35); }}
.{root} .tq-note {{ color: #6c757d; font-style: italic; }}
"""


def _number(value: float) -> str:
    return f"{value:.10g}"


def fact_summary(fact: Fact) -> str:
    """One line per field: the fact's type and rule, then its value fields
    (what the hover box of to_html shows)."""
    type_name = fact.custom_type if fact.type == Fact.CUSTOM and fact.custom_type else Fact.Type.Name(fact.type)
    lines = [f"{type_name} · {fact.rule}" if fact.rule else type_name]
    which = fact.WhichOneof("value")
    if which == "custom":
        for key, value in json_format.MessageToDict(fact.custom).items():
            lines.append(f"{key}: {_number(value) if isinstance(value, float) else value}")
    elif which is not None:
        for field, value in getattr(fact, which).ListFields():
            if field.enum_type is not None:
                shown = ", ".join(field.enum_type.values_by_number[v].name for v in value) \
                    if _repeated(field) else field.enum_type.values_by_number[value].name
            elif isinstance(value, float):
                shown = _number(value)
            elif _repeated(field):
                shown = ", ".join(_number(v) if isinstance(v, float) else str(v) for v in value)
            else:
                shown = str(value)
            lines.append(f"{field.name}: {shown}")
    return "\n".join(lines)


def to_html(doc: Document, text: Optional[str] = None) -> str:
    """The document as a self-contained HTML fragment (for a notebook or a file).

    Needs the document's text: `doc.text` (kept by Extractor.extract unless
    keep_text=False) or the `text` argument. Without either, facts are listed
    without their context.
    """
    if not isinstance(doc, Document):
        raise TypeError(f"expected tiqu.Document, got {type(doc).__name__}")
    if text is None:
        text = doc.text
    elif not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    root = f"tiqu-doc-{next(_counter)}"
    facts = list(doc.facts)
    counts: Dict[str, int] = {}
    for fact in facts:
        name = Fact.Type.Name(fact.type)
        counts[name] = counts.get(name, 0) + 1

    out: List[str] = [f'<div class="{root}"><style>{_CSS.format(root=root)}</style>']
    status = Document.DESCRIPTOR.fields_by_name["status"].message_type.enum_types_by_name["Code"] \
        .values_by_number[doc.status.code].name
    meta = [f"{len(facts)} facts", f"{doc.length or len(text)} characters"]
    if doc.reference_date:
        meta.append(f"reference date {doc.reference_date}")
    if status not in ("OK", "CODE_UNSPECIFIED"):
        meta.append(f"status {status}: {doc.status.message}")
    out.append(f'<div class="tq-head">{html.escape(doc.id or "document")} '
               f'<span class="tq-meta">· {html.escape(" · ".join(meta))}</span></div>')
    out.append('<div class="tq-legend">')
    for name in _COLOURS:
        if name in counts:
            out.append(f'<span style="background:{_COLOURS[name]}">{name} {counts[name]}</span>')
    out.append("</div>")

    if not text and facts:
        out.append('<div class="tq-text"><span class="tq-note">(the text was not kept: '
                   'extract with keep_text=True or pass text=...)</span>\n')
        for fact in facts:
            out.append(_mark(fact.text, [fact], True))
            out.append("\n")
        out.append("</div></div>")
        return "".join(out)

    out.append('<div class="tq-text">')
    out.extend(_highlight(text, facts))
    out.append("</div></div>")
    return "".join(out)


def _highlight(text: str, facts: List[Fact]) -> List[str]:
    spans = [(max(0, f.span.begin), min(len(text), f.span.end), f) for f in facts
             if 0 <= f.span.begin < f.span.end <= len(text)]
    cuts = sorted({0, len(text)} | {b for b, _, _ in spans} | {e for _, e, _ in spans})
    starts = {b for b, _, _ in spans}
    # Facts by begin, so that each piece finds its covering facts quickly.
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: List[str] = []
    active: List[tuple] = []
    next_span = 0
    for left, right in zip(cuts, cuts[1:]):
        while next_span < len(spans) and spans[next_span][0] <= left:
            active.append(spans[next_span])
            next_span += 1
        active = [s for s in active if s[1] > left]
        piece = text[left:right]
        if not active:
            out.append(html.escape(piece))
            continue
        covering = sorted(active, key=lambda s: -(s[1] - s[0]))  # outermost first
        out.append(_mark(piece, [s[2] for s in covering], left in starts))
    return out


def _mark(piece: str, covering: List[Fact], starts_fact: bool) -> str:
    innermost = covering[-1]
    colour = _COLOURS.get(Fact.Type.Name(innermost.type), _FALLBACK_COLOUR)
    classes = ["tq-start"] if starts_fact else []
    if len(covering) > 1:
        classes.append("tq-nested")
    title = "\n\n".join(f"{fact_summary(f)}\ntext: {f.text}" for f in covering)
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return (f'<mark{cls} style="background:{colour}" title="{html.escape(title, quote=True)}">'
            f"{html.escape(piece)}</mark>")


class _View:
    """What show() displays: an object Jupyter renders through _repr_html_."""

    def __init__(self, markup: str) -> None:
        self.html = markup

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<tiqu document view, {len(self.html)} characters of HTML>"


def show(doc: Document, text: Optional[str] = None) -> Optional[str]:
    """Displays the document in Jupyter (see to_html). Outside IPython, returns
    the HTML instead."""
    markup = to_html(doc, text)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return markup
    if get_ipython() is None:
        return markup
    display(_View(markup))
    return None


def _document_repr_html(doc: Document) -> str:
    return to_html(doc)


def install_repr_html() -> None:
    """Makes Jupyter show every tiqu.Document as HTML (Document._repr_html_)."""
    try:
        Document._repr_html_ = _document_repr_html
    except (AttributeError, TypeError):
        # A protobuf implementation whose message classes are closed: register
        # with IPython's formatter instead, when IPython is running.
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
        if shell is not None:
            shell.display_formatter.formatters["text/html"].for_type(Document, _document_repr_html)
