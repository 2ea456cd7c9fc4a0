"""Output files as other programs see them: the .binpb framing, .binpb.gz,
`tiqu cat` on damaged files, and the readers of examples/consumers/, which use
protobuf alone (Python) or protobuf-java (Java) and must agree with tiqu."""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("TIQU_CLI") or str(ROOT / "build" / "tiqu")
CORPUS = ROOT / "examples" / "corpus"
PROTOBUF_JAR = Path("/usr/share/java/protobuf.jar")


def run(*args, check=True, **kwargs):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    if check:
        assert result.returncode == 0, f"{' '.join(map(str, args))} -> {result.returncode}\n{result.stderr}"
    return result


def read_varint(data, pos):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def record_offsets(data):
    """Byte offset and length of each length-delimited record."""
    records, pos = [], 0
    while pos < len(data):
        size, body = read_varint(data, pos)
        records.append((pos, body - pos + size))
        pos = body + size
    assert pos == len(data)
    return records


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run(CLI, "extract", CORPUS, "-o", out / "facts.binpb")
    run(CLI, "extract", CORPUS, "-o", out / "facts.binpb.gz")
    run(CLI, "extract", CORPUS, "-o", out / "facts.jsonl")
    return out


def cat(path):
    result = run(CLI, "cat", path)
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def summary_counts(path):
    """Documents, facts and facts per type, as `tiqu summary` reports them."""
    lines = run(CLI, "summary", path, "--examples", "0").stdout.splitlines()
    head = re.match(r"(\d+) document\(s\), (\d+) fact\(s\)", lines[0])
    per_type = dict(re.fullmatch(r"(\S+)  (\d+)", line).groups() for line in lines[2:] if line.strip())
    return {"documents": int(head[1]), "facts": int(head[2]), **{t: int(n) for t, n in per_type.items()}}


def cat_counts(path):
    docs, _ = cat(path)
    types = Counter(f["type"] if f["type"] != "CUSTOM" else "CUSTOM:" + f["custom_type"]
                    for d in docs for f in d.get("facts", []))
    return {"documents": len(docs), "facts": sum(types.values()), **types}


def reader_counts(output):
    """The closing `documents=N facts=M TYPE=n ...` line of a consumer."""
    last = output.strip().splitlines()[-1]
    return {k: int(v) for k, v in (item.split("=", 1) for item in last.split())}


def test_binpb_framing_is_varint_length_then_document(outputs):
    data = (outputs / "facts.binpb").read_bytes()
    records = record_offsets(data)
    assert len(records) == len(list(CORPUS.glob("*.txt")))
    docs, _ = cat(outputs / "facts.binpb")
    assert [d["id"] for d in docs] == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_gzip_output_is_detected_by_name_and_reads_back(outputs):
    compressed = (outputs / "facts.binpb.gz").read_bytes()
    assert compressed[:2] == b"\x1f\x8b"
    assert gzip.decompress(compressed) == (outputs / "facts.binpb").read_bytes()
    assert cat(outputs / "facts.binpb.gz")[0] == cat(outputs / "facts.binpb")[0]
    assert summary_counts(outputs / "facts.binpb.gz") == summary_counts(outputs / "facts.binpb")


def test_gzip_jsonl_and_json(outputs, tmp_path):
    run(CLI, "extract", CORPUS, "-o", tmp_path / "facts.jsonl.gz")
    assert gzip.decompress((tmp_path / "facts.jsonl.gz").read_bytes()) == (outputs / "facts.jsonl").read_bytes()
    one = sorted(CORPUS.glob("*.txt"))[0]
    run(CLI, "extract", one, "-o", tmp_path / "one.json.gz")
    assert json.loads(gzip.decompress((tmp_path / "one.json.gz").read_bytes()))["id"] == one.name


def test_concatenated_gzip_members_read_as_one_stream(outputs, tmp_path):
    single = (outputs / "facts.binpb.gz").read_bytes()
    (tmp_path / "twice.binpb.gz").write_bytes(single + single)
    docs, stderr = cat(tmp_path / "twice.binpb.gz")
    assert len(docs) == 2 * len(cat(outputs / "facts.binpb")[0])
    assert f"{len(docs)} record(s)" in stderr


def test_cat_reports_record_count(outputs):
    docs, stderr = cat(outputs / "facts.binpb")
    assert f"facts.binpb: {len(docs)} record(s)" in stderr


def test_cat_points_at_truncated_record(outputs, tmp_path):
    data = (outputs / "facts.binpb").read_bytes()
    records = record_offsets(data)
    offset, length = records[2]
    cut = tmp_path / "cut.binpb"
    cut.write_bytes(data[: offset + length // 2])
    result = run(CLI, "cat", cut, check=False)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2  # the records before the damage are printed
    assert f"record 3 at byte {offset} is truncated" in result.stderr
    assert "2 complete record(s) before it" in result.stderr


def test_cat_points_at_cut_length_prefix(outputs, tmp_path):
    data = (outputs / "facts.binpb").read_bytes()
    offset, _ = record_offsets(data)[1]
    cut = tmp_path / "cut.binpb"
    cut.write_bytes(data[:offset] + b"\x80")  # a varint that never ends
    result = run(CLI, "cat", cut, check=False)
    assert result.returncode == 1
    assert f"record 2 at byte {offset}" in result.stderr and "length prefix" in result.stderr


def test_cat_points_at_corrupt_record(outputs, tmp_path):
    data = bytearray((outputs / "facts.binpb").read_bytes())
    offset, length = record_offsets(bytes(data))[1]
    _, body = read_varint(data, offset)
    data[body] = 0xFF  # field 31, wire type 7: no such wire type
    bad = tmp_path / "bad.binpb"
    bad.write_bytes(bytes(data))
    result = run(CLI, "cat", bad, check=False)
    assert result.returncode == 1
    assert f"record 2 at byte {offset} is corrupt" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_cat_reports_truncated_gzip(outputs, tmp_path):
    compressed = (outputs / "facts.binpb.gz").read_bytes()
    cut = tmp_path / "cut.binpb.gz"
    cut.write_bytes(compressed[: len(compressed) - 4])  # the trailer's size field is gone
    result = run(CLI, "cat", cut, check=False)
    assert result.returncode == 1
    assert "gzip" in result.stderr and "record" in result.stderr


@pytest.fixture(scope="module")
def python_reader(tmp_path_factory):
    """The Python consumer with code protoc generates from proto/."""
    gen = tmp_path_factory.mktemp("pygen")
    run("protoc", f"-I{ROOT / 'proto'}", f"--python_out={gen}", ROOT / "proto" / "tiqu" / "v1" / "document.proto")
    for package in (gen / "tiqu", gen / "tiqu" / "v1"):
        (package / "__init__.py").touch()

    def read(path):
        env = {**os.environ, "PYTHONPATH": str(gen)}
        return run(sys.executable, ROOT / "examples" / "consumers" / "python" / "read_tiqu.py", path, env=env).stdout
    return read


@pytest.fixture(scope="module")
def java_reader(tmp_path_factory):
    """The Java consumer, compiled against Debian's protobuf-java."""
    if shutil.which("javac") is None or not PROTOBUF_JAR.is_file():
        pytest.skip("needs javac and libprotobuf-java (Debian default-jdk-headless libprotobuf-java)")
    work = tmp_path_factory.mktemp("java")
    (work / "gen").mkdir()
    run("protoc", f"-I{ROOT / 'proto'}", f"--java_out={work / 'gen'}", ROOT / "proto" / "tiqu" / "v1" / "document.proto")
    sources = [*(work / "gen").rglob("*.java"), ROOT / "examples" / "consumers" / "java" / "ReadTiqu.java"]
    run("javac", "-nowarn", "-cp", PROTOBUF_JAR, "-d", work / "classes", *sources)

    def read(path):
        return run("java", "-cp", f"{PROTOBUF_JAR}{os.pathsep}{work / 'classes'}", "ReadTiqu", path).stdout
    return read


@pytest.mark.parametrize("name", ["facts.binpb", "facts.binpb.gz"])
def test_python_reader_agrees_with_tiqu(outputs, python_reader, name):
    output = python_reader(outputs / name)
    expected = summary_counts(outputs / name)
    assert expected["facts"] > 0
    assert reader_counts(output) == expected == cat_counts(outputs / name)
    assert "QUANTITY\t" in output  # facts are printed, not only counted


@pytest.mark.parametrize("name", ["facts.binpb", "facts.binpb.gz"])
def test_java_reader_agrees_with_tiqu(outputs, java_reader, python_reader, name):
    output = java_reader(outputs / name)
    assert reader_counts(output) == summary_counts(outputs / name) == cat_counts(outputs / name)
    # Fact lines are the same in both languages: id, type, span and text.
    def fact_lines(text):
        return [line.split("\t")[:3] for line in text.splitlines() if line.startswith("  ")]
    assert fact_lines(output) == fact_lines(python_reader(outputs / name))
