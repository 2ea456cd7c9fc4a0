"""Reading and writing the CLI's .binpb files (a stream of length-delimited
tiqu.v1.Document messages) with the same C++ code as `tiqu cat`."""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Union

from . import _core
from .v1.document_pb2 import Document

__all__ = ["read_binpb", "write_binpb", "write_jsonl"]

PathLike = Union[str, "os.PathLike[str]"]


def _path(path: object) -> str:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be str or os.PathLike, not {type(path).__name__}")
    return os.fspath(path)


def read_binpb(path: PathLike) -> Iterator[Document]:
    """Yields the Documents of a .binpb file one at a time (constant memory).

    A truncated or corrupt record raises DataLossError naming the record and
    its byte offset, after the good records before it were yielded.
    """
    reader = _core.BinpbReader(_path(path))
    while True:
        serialized = reader.next()
        if serialized is None:
            return
        yield Document.FromString(serialized)


def _write(path: PathLike, documents: Union[Document, Iterable[Document]], fmt: str) -> int:
    if isinstance(documents, Document):
        documents = [documents]
    writer = _core.DocumentWriter(_path(path), fmt)
    count = 0
    for doc in documents:
        if not isinstance(doc, Document):
            raise TypeError(f"expected tiqu.Document, got {type(doc).__name__}")
        writer.write(doc.SerializeToString())
        count += 1
    # Only a complete write reaches its final name: an exception above leaves
    # the temporary file to be removed, never a half-written output.
    writer.close()
    return count


def write_binpb(path: PathLike, documents: Union[Document, Iterable[Document]]) -> int:
    """Writes Documents as .binpb (what `tiqu cat` and `tiqu summary` read);
    returns how many. The file appears under `path` only once complete."""
    return _write(path, documents, "binpb")


def write_jsonl(path: PathLike, documents: Union[Document, Iterable[Document]]) -> int:
    """Writes Documents as JSONL, one per line, in the CLI's JSON form."""
    return _write(path, documents, "jsonl")
