"""The Python package's .binpb reading and writing, against the CLI's files."""
import os
import subprocess
from pathlib import Path

import pytest

import tiqu

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("TIQU_CLI") or str(ROOT / "build" / "tiqu")


@pytest.fixture(scope="module")
def docs():
    ex = tiqu.Extractor()
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    return ex.extract_many(texts)


def test_binpb_round_trip(tmp_path, docs):
    path = tmp_path / "facts.binpb"
    assert tiqu.write_binpb(path, docs) == len(docs)
    back = list(tiqu.read_binpb(path))
    assert back == docs
    assert sum(len(d.facts) for d in back) > 0
    assert list(tiqu.read_binpb(str(path))) == docs


def test_single_document_and_empty_file(tmp_path, docs):
    path = tmp_path / "one.binpb"
    tiqu.write_binpb(path, docs[0])
    assert list(tiqu.read_binpb(path)) == [docs[0]]
    empty = tmp_path / "empty.binpb"
    assert tiqu.write_binpb(empty, []) == 0
    assert empty.exists() and list(tiqu.read_binpb(empty)) == []


def test_reads_what_the_cli_writes(tmp_path):
    out = tmp_path / "cli.binpb"
    subprocess.run([CLI, "extract", str(ROOT / "examples" / "corpus"), "-o", str(out), "--include-text"],
                   check=True, capture_output=True)
    from_cli = list(tiqu.read_binpb(out))
    ex = tiqu.Extractor()
    assert [d.id for d in from_cli] == sorted(p.name for p in (ROOT / "examples" / "corpus").glob("*.txt"))
    for doc in from_cli:
        ours = ex.extract(Path(doc.source).read_text(encoding="utf-8"), id=doc.id, source=doc.source)
        assert list(ours.facts) == list(doc.facts)


def test_cli_reads_what_python_writes(tmp_path, docs):
    path = tmp_path / "py.binpb"
    tiqu.write_binpb(path, docs)
    cat = subprocess.run([CLI, "cat", str(path)], check=True, capture_output=True, text=True)
    assert len(cat.stdout.splitlines()) == len(docs)
    jsonl = tmp_path / "py.jsonl"
    tiqu.write_jsonl(jsonl, docs)
    assert jsonl.read_text(encoding="utf-8") == cat.stdout


def test_truncated_file_raises_after_the_good_records(tmp_path, docs):
    path = tmp_path / "cut.binpb"
    tiqu.write_binpb(path, docs[:2])
    data = path.read_bytes()
    path.write_bytes(data[:-5])
    reader = tiqu.read_binpb(path)
    assert next(reader) == docs[0]
    with pytest.raises(tiqu.DataLossError) as info:
        next(reader)
    assert "2" in str(info.value) and isinstance(info.value, tiqu.Error)


def test_missing_file_and_bad_items(tmp_path, docs):
    with pytest.raises(tiqu.FileError):
        list(tiqu.read_binpb(tmp_path / "none.binpb"))
    path = tmp_path / "partial.binpb"
    with pytest.raises(TypeError):
        tiqu.write_binpb(path, [docs[0], "not a document"])
    # An interrupted write leaves nothing under the final name.
    assert not path.exists()
