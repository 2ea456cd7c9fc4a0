"""Facts as tables: one row per fact, the value fields of every type flattened
into columns (pandas, Arrow, Parquet).

The value columns are derived from the schema (the `value` oneof of Fact in
proto/tiqu/v1/document.proto), so a field added there shows up here without a
change. A field keeps its own name as column name unless an earlier column
already uses that name for another kind of data; then it is prefixed with its
type: Time.value (a TIMEX3 string) is `time_value`, since `value` is the number
of QUANTITY and PERCENTAGE; Slogan.text is `slogan_text`.
"""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, NamedTuple, Tuple, Union

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor

from ._proto import _has_presence, _repeated
from .v1.document_pb2 import Document, Fact

__all__ = ["to_pandas", "to_arrow", "write_parquet", "FACT_COLUMNS"]


class _Column(NamedTuple):
    name: str
    kind: str  # "int", "float", "str", "enum", "str_list", "float_list", "struct"


_BASE = [
    _Column("doc_id", "str"),
    _Column("type", "enum"),
    _Column("begin", "int"),
    _Column("end", "int"),
    _Column("text", "str"),
    _Column("rule", "str"),
    _Column("sentence", "int"),
    _Column("custom_type", "str"),
]


def _kind(field: FieldDescriptor) -> str:
    repeated = _repeated(field)
    if field.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
        return "float_list" if repeated else "float"
    if field.type == FieldDescriptor.TYPE_STRING:
        return "str_list" if repeated else "str"
    if field.type == FieldDescriptor.TYPE_ENUM and not repeated:
        return "enum"
    if field.type in (FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_INT64) and not repeated:
        return "int"
    raise NotImplementedError(f"no column kind for {field.full_name}")


def _value_layout() -> Tuple[List[_Column], Dict[str, List[Tuple[str, str, _Column]]]]:
    """Columns after the base ones, and for each oneof member the (field name,
    column name, column) triples that fill them."""
    columns: List[_Column] = []
    by_name = {c.name: c for c in _BASE}
    per_type: Dict[str, List[Tuple[str, str, _Column]]] = {}
    for member in Fact.DESCRIPTOR.oneofs_by_name["value"].fields:
        if member.message_type.full_name == "google.protobuf.Struct":
            continue  # CUSTOM: one "custom" column, below.
        triples = []
        for field in member.message_type.fields:
            column = _Column(field.name, _kind(field))
            existing = by_name.get(field.name)
            if existing is not None and (existing.kind != column.kind or existing in _BASE):
                column = _Column(f"{member.name}_{field.name}", column.kind)
                existing = by_name.get(column.name)
            if existing is None:
                by_name[column.name] = column
                columns.append(column)
            triples.append((field.name, column.name, column))
        per_type[member.name] = triples
    columns.append(_Column("custom", "struct"))
    return columns, per_type


_VALUE_COLUMNS, _FIELDS_BY_ONEOF = _value_layout()
FACT_COLUMNS: Tuple[str, ...] = tuple(c.name for c in _BASE + _VALUE_COLUMNS)


def _documents(docs: Union[Document, Iterable[Document]]) -> Iterable[Document]:
    if isinstance(docs, Document):
        return [docs]
    if isinstance(docs, (str, bytes)) or not isinstance(docs, Iterable):
        raise TypeError(f"expected a tiqu.Document or an iterable of them, not {type(docs).__name__}")
    return docs


def _cell_readers() -> Dict[str, List[Tuple[str, Any]]]:
    """For each oneof member: (column name, function of the value message
    giving the cell) pairs, with the descriptor work done once."""
    readers: Dict[str, List[Tuple[str, Any]]] = {}
    members = {f.name: f for f in Fact.DESCRIPTOR.oneofs_by_name["value"].fields}
    for member_name, triples in _FIELDS_BY_ONEOF.items():
        descriptor = members[member_name].message_type
        pairs = []
        for field_name, column_name, column in triples:
            pairs.append((column_name, _reader(descriptor.fields_by_name[field_name], column)))
        readers[member_name] = pairs
    return readers


def _reader(field: FieldDescriptor, column: _Column) -> Any:
    """The cell of `column` for one value message: None when the field is
    absent (enums at 0 and empty strings count as absent), lists as lists."""
    name = field.name
    if column.kind in ("str_list", "float_list"):
        return lambda message: list(getattr(message, name))
    presence = _has_presence(field)
    enum_names = {v.number: v.name for v in field.enum_type.values} if column.kind == "enum" else None

    def read(message: Any) -> Any:
        if presence and not message.HasField(name):
            return None
        value = getattr(message, name)
        if enum_names is not None:
            return None if value == 0 else enum_names[value]
        if column.kind == "str":
            return value or None
        return value

    return read


_CELL_READERS = _cell_readers()
_TYPE_NAMES = {v.number: v.name for v in Fact.Type.DESCRIPTOR.values}


def _columns(docs: Union[Document, Iterable[Document]]) -> Dict[str, List[Any]]:
    """Python values per column; None where a fact has no such field."""
    documents = list(_documents(docs))
    for doc in documents:
        if not isinstance(doc, Document):
            raise TypeError(f"expected tiqu.Document, got {type(doc).__name__}")
    # Value columns start as None and get only the cells a fact's type has:
    # most facts fill a few of the many value columns.
    total = sum(len(doc.facts) for doc in documents)
    out: Dict[str, List[Any]] = {name: [None] * total for name in FACT_COLUMNS}
    doc_ids, types, begins, ends = out["doc_id"], out["type"], out["begin"], out["end"]
    texts, rules, sentences, custom_types = out["text"], out["rule"], out["sentence"], out["custom_type"]
    i = 0
    for doc in documents:
        doc_id = doc.id
        for fact in doc.facts:
            doc_ids[i] = doc_id
            types[i] = _TYPE_NAMES[fact.type]
            span = fact.span
            begins[i] = span.begin
            ends[i] = span.end
            texts[i] = fact.text
            rules[i] = fact.rule
            sentences[i] = fact.sentence
            custom_types[i] = fact.custom_type or None
            which = fact.WhichOneof("value")
            if which == "custom":
                out["custom"][i] = json_format.MessageToDict(fact.custom)
            elif which is not None:
                value = getattr(fact, which)
                for column_name, read in _CELL_READERS[which]:
                    out[column_name][i] = read(value)
            i += 1
    return out


def to_pandas(docs: Union[Document, Iterable[Document]]) -> "pandas.DataFrame":  # noqa: F821
    """One row per fact of `docs` (a Document or an iterable of them).

    Columns: doc_id, type, begin, end (str indices of the text), text, rule,
    sentence, custom_type, then the value fields of every type (value,
    value_max, unit, qualifier, item, metric, direction, by, from, to, basis,
    amount, amount_max, currency, kind, time_value, mod, resolved, name,
    category, admin_level, level, code, province, titles, role, ...; see
    FACT_COLUMNS) and custom (a dict, for CUSTOM facts). Numbers are float64
    with NaN when absent, enums are categoricals of their names, other text is
    the pandas string dtype with <NA> when absent, lists are lists.
    """
    import pandas as pd

    data = _columns(docs)
    frame = {}
    for column in _BASE + _VALUE_COLUMNS:
        values = data[column.name]
        if column.kind == "int":
            frame[column.name] = pd.Series(values, dtype="int64")
        elif column.kind == "float":
            frame[column.name] = pd.Series(values, dtype="float64")  # None -> NaN
        # Building the arrays first is several times faster than handing
        # the list to pd.Series with the dtype (measured: 58k facts).
        elif column.kind == "enum":
            frame[column.name] = pd.Series(pd.Categorical(values))
        elif column.kind == "str":
            frame[column.name] = pd.Series(pd.array(values, dtype="string"))
        else:
            frame[column.name] = pd.Series(values, dtype="object")
    return pd.DataFrame(frame)


def to_arrow(docs: Union[Document, Iterable[Document]]) -> "pyarrow.Table":  # noqa: F821
    """The table of to_pandas as a pyarrow.Table (enums dictionary-encoded,
    lists as list columns, `custom` as a JSON string)."""
    import pyarrow as pa

    data = _columns(docs)
    types = {
        "int": pa.int32(),
        "float": pa.float64(),
        "str": pa.string(),
        "enum": pa.dictionary(pa.int32(), pa.string()),
        "str_list": pa.list_(pa.string()),
        "float_list": pa.list_(pa.float64()),
        "struct": pa.string(),
    }
    arrays = []
    fields = []
    for column in _BASE + _VALUE_COLUMNS:
        values = data[column.name]
        if column.kind == "struct":
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        if column.kind == "enum":
            array = pa.array(values, type=pa.string()).dictionary_encode()
        else:
            array = pa.array(values, type=types[column.kind])
        arrays.append(array)
        fields.append(pa.field(column.name, types[column.kind], nullable=column.kind not in ("int",)))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_parquet(path: Any, docs: Union[Document, Iterable[Document]], **options: Any) -> None:
    """Writes the facts of `docs` to a Parquet file (to_arrow's table);
    `options` go to pyarrow.parquet.write_table (compression=..., ...)."""
    import pyarrow.parquet as pq

    pq.write_table(to_arrow(docs), path, **options)
