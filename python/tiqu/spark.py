"""Facts from a Spark DataFrame of documents, one row per fact.

    from tiqu.spark import extract_facts
    docs = spark.read.parquet("docs.parquet")            # columns id, text
    facts = extract_facts(docs)                           # columns of tiqu.FACT_COLUMNS
    facts.write.parquet("facts.parquet")

The extraction runs in the executors as an Arrow batch UDF (mapInArrow): each
Python worker process compiles the rules once (kept in a module-level cache,
and Spark reuses its Python workers) and extracts a whole Arrow batch per call
with the C++ batch API. The rows have the columns of `tiqu.to_pandas`, with
enum columns as strings and `custom` as a JSON string.

On a cluster every executor needs the tiqu wheel: build it once with
`pip wheel . -w dist/` and either install it in the executors' Python
environment or ship it with the job (a packed virtualenv or conda env via
`spark.archives`, see the README's Spark section).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Sequence, Tuple

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["extract_facts", "fact_schema"]

# Extractors compiled in this process, by their settings. An executor's Python
# worker keeps its Extractor across batches and tasks instead of compiling the
# rules again for each one.
_EXTRACTORS: Dict[Tuple[Tuple[str, ...], bool, Tuple[str, ...]], "object"] = {}


def _extractor(rules: Tuple[str, ...], default_rules: bool, types: Tuple[str, ...] = ()):
    from ._extractor import Extractor

    key = (rules, default_rules, types)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        extractor = Extractor(list(rules), default_rules=default_rules, types=list(types))
        _EXTRACTORS[key] = extractor
    return extractor


def _arrow_schema() -> "pyarrow.Schema":
    """to_arrow's schema with the types Spark reads from Arrow: dictionary
    (enum) columns become plain strings."""
    import pyarrow as pa

    from ._frames import to_arrow

    fields = []
    for field in to_arrow([]).schema:
        if pa.types.is_dictionary(field.type):
            field = pa.field(field.name, field.type.value_type, nullable=True)
        fields.append(field)
    return pa.schema(fields)


def fact_schema() -> "StructType":
    """The Spark schema of extract_facts' result."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(_arrow_schema())


def _facts_of_batches(
    batches: Iterator["pyarrow.RecordBatch"],
    id_col: str,
    text_col: str,
    reference_date_col: Optional[str],
    reference_date: Optional[str],
    rules: Tuple[str, ...],
    default_rules: bool,
    types: Tuple[str, ...],
    threads: int,
) -> Iterator["pyarrow.RecordBatch"]:
    """Runs in the executors: Arrow batches of documents in, Arrow batches of
    facts out."""
    from ._frames import to_arrow

    extractor = _extractor(rules, default_rules, types)
    schema = _arrow_schema()
    for batch in batches:
        ids = batch.column(batch.schema.get_field_index(id_col)).to_pylist()
        texts = batch.column(batch.schema.get_field_index(text_col)).to_pylist()
        if reference_date_col is not None:
            dates = batch.column(batch.schema.get_field_index(reference_date_col)).to_pylist()
        else:
            dates = [None] * len(ids)
        items = []
        for doc_id, text, date in zip(ids, texts, dates):
            item = {"id": "" if doc_id is None else str(doc_id), "text": text if text is not None else ""}
            date = date if date is not None else reference_date
            if date is not None:
                item["reference_date"] = date if isinstance(date, str) else date.isoformat()[:10]
            items.append(item)
        docs = extractor.extract_many(items, threads=threads, keep_text=False)
        table = to_arrow(docs).cast(schema)
        yield from table.to_batches()


def extract_facts(
    df: "DataFrame",
    *,
    id_col: str = "id",
    text_col: str = "text",
    reference_date_col: Optional[str] = None,
    reference_date: Optional[str] = None,
    rules: Sequence[str] = (),
    default_rules: bool = True,
    types: Sequence[str] = (),
    threads: int = 1,
) -> "DataFrame":
    """The facts of the documents in `df` (a Spark DataFrame with an id and a
    text column) as a Spark DataFrame, one row per fact, with the columns of
    `tiqu.to_pandas` (doc_id, type, begin, end, text, rule, sentence, value
    fields ...).

    `reference_date_col` names an optional column of dates (str YYYY-MM-DD or
    date) that resolve relative times; `reference_date` applies to rows
    without one. `rules` are rule files that every executor can read (local
    paths present on each node, e.g. shipped with `spark.files`);
    `default_rules=False` leaves out the shipped rules; `types` keeps only facts
    of those types (see `tiqu.Extractor`). `threads` is the number
    of threads each Python worker uses for its batch: keep 1 when Spark already
    runs one task per core.
    """
    for name in (id_col, text_col) + ((reference_date_col,) if reference_date_col else ()):
        if name not in df.columns:
            raise ValueError(f"the DataFrame has no column {name!r} (columns: {', '.join(df.columns)})")
    if isinstance(rules, str):
        rules = (rules,)
    if isinstance(types, str):
        types = (types,)
    types = tuple(str(t) for t in types)
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
        raise ValueError(f"threads must be a positive int, got {threads!r}")
    # Fail on the driver, with the rule file's error, rather than in every task.
    _extractor(tuple(str(r) for r in rules), bool(default_rules), types)

    settings = (
        id_col,
        text_col,
        reference_date_col,
        reference_date,
        tuple(str(r) for r in rules),
        bool(default_rules),
        types,
        threads,
    )

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        return _facts_of_batches(batches, *settings)

    columns: List[str] = [id_col, text_col] + ([reference_date_col] if reference_date_col else [])
    return df.select(*columns).mapInArrow(run, fact_schema())
