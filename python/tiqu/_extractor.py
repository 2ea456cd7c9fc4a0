"""Extractor: the rules compiled once, applied to one text or to many."""
from __future__ import annotations

import datetime as _dt
import os
from typing import Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from .v1.document_pb2 import Document

__all__ = ["Extractor", "parse_number", "parse_numeral", "Text", "DocumentLike"]

Text = Union[str, bytes, bytearray, memoryview]
DateLike = Union[str, _dt.date, None]
# What extract_many accepts per document.
DocumentLike = Union[Text, Tuple[str, Text], Mapping[str, object]]
PathLike = Union[str, "os.PathLike[str]"]

# extract_many hands the C++ batch API chunks of about this much text, so that
# a long generator never has to be held in memory at once while every chunk is
# still large enough to keep all threads busy.
_CHUNK_BYTES = 16 << 20
_CHUNK_DOCS = 2048


def _utf8(text: object, what: str = "text") -> bytes:
    """The UTF-8 bytes the C++ core reads.

    `str` input: code point offsets of the encoded bytes are exactly the str's
    indices. A lone surrogate (which UTF-8 cannot hold) becomes '?', one code
    point for one, so offsets still match the caller's str.
    `bytes` input is passed as is; invalid UTF-8 is repaired by the core and
    reported in Document.status.
    """
    if isinstance(text, str):
        return text.encode("utf-8", "replace")
    if isinstance(text, bytes):
        return text
    if isinstance(text, (bytearray, memoryview)):
        return bytes(text)
    raise TypeError(f"{what} must be str or bytes, not {type(text).__name__}")


def _date(value: DateLike) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"reference_date must be a str (YYYY, YYYY-MM, YYYY-MM-DD) or a date, not {type(value).__name__}")


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    return value


def _paths(rules: Union[PathLike, Iterable[PathLike], None]) -> List[str]:
    if rules is None:
        return []
    if isinstance(rules, (str, os.PathLike)):
        rules = [rules]
    if isinstance(rules, (bytes, Mapping)) or not isinstance(rules, Iterable):
        raise TypeError(f"rules must be a path or a list of paths, not {type(rules).__name__}")
    out = []
    for path in rules:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"each rule file must be a path (str or os.PathLike), not {type(path).__name__}")
        out.append(os.fspath(path))
    return out


def _rule_texts(rule_texts: Union[str, Mapping[str, str], Iterable[str], None]) -> List[Tuple[str, str]]:
    if rule_texts is None:
        return []
    if isinstance(rule_texts, str):
        rule_texts = [rule_texts]
    items = rule_texts.items() if isinstance(rule_texts, Mapping) else (
        (f"<rule_texts[{i}]>", t) for i, t in enumerate(rule_texts))
    out = []
    for name, text in items:
        out.append((_str(name, "rule text name"), _str(text, "rule text")))
    return out


class Extractor:
    """Compiled rules that find facts in texts.

    >>> ex = Extractor()                                   # the shipped rules
    >>> ex = Extractor(rules=["my.textproto"])             # shipped + yours
    >>> ex = Extractor(rules=["my.textproto"], default_rules=False)
    >>> ex = Extractor(rule_texts={"inline": 'rules { ... }'})
    >>> ex = Extractor(types=["TIME", "MONEY"])            # only these facts, faster

    Creating one compiles every rule and raises RuleError (with file, line,
    column and rule id) when a rule is invalid. An Extractor is immutable:
    share one between threads; `extract` releases the GIL while it works.
    """

    def __init__(
        self,
        rules: Union[PathLike, Iterable[PathLike], None] = None,
        *,
        default_rules: bool = True,
        rule_texts: Union[str, Mapping[str, str], Iterable[str], None] = None,
        join_broken_lines: bool = True,
        types: Union[str, Iterable[str], None] = None,
    ) -> None:
        """`types` keeps only facts of these types (names as in Fact.Type,
        either case) and runs only the rules that can yield them; the facts
        are those a run of all types finds. Unknown names raise ValueError."""
        if not isinstance(default_rules, bool):
            raise TypeError("default_rules must be a bool")
        if not isinstance(join_broken_lines, bool):
            raise TypeError("join_broken_lines must be a bool")
        if types is None:
            types = []
        elif isinstance(types, str):
            types = [types]
        types = [_str(t, "fact type") for t in types]
        self._core = _core.Extractor(default_rules, _paths(rules), _rule_texts(rule_texts), join_broken_lines, types)

    @property
    def rule_ids(self) -> List[str]:
        """Ids of the loaded rules, in load order."""
        return self._core.rule_ids()

    def check_examples(self, rule_id_prefix: str = "") -> List[Tuple[str, str, int, str, str]]:
        """Runs the examples of the loaded rules (those whose id starts with
        `rule_id_prefix`); returns the failures as (rule id, file, line,
        example, reason). Empty means every example gives what it promises."""
        _, _, _, failures = self._core.check_examples(_str(rule_id_prefix, "rule_id_prefix"))
        return [tuple(f) for f in failures]

    def extract(
        self,
        text: Text,
        *,
        id: str = "",
        source: str = "",
        reference_date: DateLike = None,
        keep_text: bool = True,
    ) -> Document:
        """Finds the facts of one text; returns a tiqu.Document.

        `text` is a str, or bytes read as UTF-8 (invalid sequences are replaced
        by U+FFFD and reported in `doc.status`). Fact offsets are indices of the
        str you passed: ``text[f.span.begin:f.span.end] == f.text``; for bytes,
        of ``text.decode("utf-8", "replace")``, which is `doc.text`.

        `reference_date` (``"2024-01-04"``, ``"2024-01"``, ``"2024"`` or a
        datetime.date) resolves relative times such as 今年; by default the
        document's own date line is used. A malformed one raises
        InvalidArgumentError, a ValueError.

        `keep_text` stores the text in `doc.text`, which `tiqu.show` needs.
        """
        data = _utf8(text)
        serialized = self._core.extract(data, _str(id, "id"), _str(source, "source"), _date(reference_date),
                                        bool(keep_text))
        return Document.FromString(serialized)

    def extract_many(
        self,
        documents: Iterable[DocumentLike],
        *,
        threads: Optional[int] = None,
        reference_date: DateLike = None,
        keep_text: bool = True,
    ) -> List[Document]:
        """Finds the facts of many texts on several threads; returns one
        Document per input, in input order.

        Each item is a text (str or bytes; its id is its position, "0", "1",
        ...), an ``(id, text)`` pair, or a mapping with ``"text"`` and optionally
        ``"id"``, ``"source"`` and ``"reference_date"``. `threads` defaults to
        every core; the GIL is released while the C++ batch runs.
        `reference_date` applies to items that do not give their own.
        """
        if threads is None:
            threads = 0
        elif isinstance(threads, bool) or not isinstance(threads, int):
            raise TypeError(f"threads must be an int or None, not {type(threads).__name__}")
        elif threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        default_date = _date(reference_date)
        out: List[Document] = []
        for chunk in _chunks(_inputs(documents, default_date)):
            for serialized in self._core.extract_batch(chunk, bool(keep_text), threads):
                out.append(Document.FromString(serialized))
        return out


def _inputs(documents: Iterable[DocumentLike], default_date: str) -> Iterator[Tuple[bytes, str, str, str]]:
    if isinstance(documents, (str, bytes, bytearray, memoryview, Mapping)) or not isinstance(documents, Iterable):
        raise TypeError("extract_many takes an iterable of documents (texts, (id, text) pairs or dicts); "
                        "for one text use extract")
    for index, item in enumerate(documents):
        where = f"document {index}"
        if isinstance(item, (str, bytes, bytearray, memoryview)):
            yield _utf8(item, where), str(index), "", default_date
        elif isinstance(item, tuple) and len(item) == 2:
            doc_id, text = item
            yield _utf8(text, where), _str(doc_id, f"id of {where}"), "", default_date
        elif isinstance(item, Mapping):
            if "text" not in item:
                raise TypeError(f"{where} has no 'text'")
            doc_id = item.get("id", str(index))
            source = item.get("source", "")
            date = item.get("reference_date")
            yield (_utf8(item["text"], where), _str(doc_id, f"id of {where}"), _str(source, f"source of {where}"),
                   default_date if date is None else _date(date))
        else:
            raise TypeError(f"{where} must be a text, an (id, text) pair or a dict, not {type(item).__name__}")


def _chunks(inputs: Iterator[Tuple[bytes, str, str, str]]) -> Iterator[Sequence[Tuple[bytes, str, str, str]]]:
    chunk: List[Tuple[bytes, str, str, str]] = []
    size = 0
    for item in inputs:
        chunk.append(item)
        size += len(item[0])
        if size >= _CHUNK_BYTES or len(chunk) >= _CHUNK_DOCS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def parse_number(text: str) -> float:
    """The value of a number as Chinese news writes it.

    >>> parse_number("两万三千"), parse_number("1.5万"), parse_number("百分之五")
    (23000.0, 15000.0, 0.05)

    Raises InvalidArgumentError (a ValueError) when the whole text is not a
    number (``"第五"``, ``"5个"``). A range (``"四五"``) gives its lower end; see
    parse_numeral.
    """
    return _core.parse_numeral(_str(text, "text"))[0]


def parse_numeral(text: str) -> Tuple[float, Optional[float]]:
    """(value, upper end or None): ``parse_numeral("三四十") == (30.0, 40.0)``."""
    value, value_max = _core.parse_numeral(_str(text, "text"))
    return value, value_max
