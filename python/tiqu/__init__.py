"""tiqu: typed, source-grounded facts from Chinese government and party news.

    import tiqu
    ex = tiqu.Extractor()                                   # the shipped rules
    doc = ex.extract("全年走访群众622户", id="a1", reference_date="2024-01-04")
    for f in doc.facts:                                     # tiqu.Document, a protobuf message
        print(tiqu.Fact.Type.Name(f.type), f.text, f.span.begin, f.span.end)
    docs = ex.extract_many(["...", "..."])                  # every core, input order kept
    df = tiqu.to_pandas(docs)                               # one row per fact
    tiqu.show(doc)                                          # highlighted text in Jupyter

Offsets are indices of the str you pass: ``text[f.span.begin:f.span.end] == f.text``.
The work is done by the C++ library (tiqu._core) with the GIL released; the
Documents are the protobuf messages of proto/tiqu/v1/document.proto
(tiqu.v1.document_pb2).
"""
from . import _core
from ._errors import DataLossError, Error, FileError, InvalidArgumentError, RuleError
from ._extractor import Extractor, parse_number, parse_numeral
from ._frames import FACT_COLUMNS, to_arrow, to_pandas, write_parquet
from ._html import fact_summary, install_repr_html as _install_repr_html, show, to_html
from ._io import read_binpb, write_binpb, write_jsonl
from .v1 import document_pb2
from .v1.document_pb2 import Document, Fact, Span

__version__: str = _core.__version__

__all__ = [
    "Extractor",
    "Document",
    "Fact",
    "Span",
    "document_pb2",
    "parse_number",
    "parse_numeral",
    "to_pandas",
    "to_arrow",
    "write_parquet",
    "FACT_COLUMNS",
    "show",
    "to_html",
    "fact_summary",
    "read_binpb",
    "write_binpb",
    "write_jsonl",
    "Error",
    "RuleError",
    "InvalidArgumentError",
    "DataLossError",
    "FileError",
    "__version__",
]

_install_repr_html()
