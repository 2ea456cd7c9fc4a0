"""The Python package: Extractor, offsets, errors, batches and threads, the
command line it installs, and how it is packaged."""
import datetime
import importlib.metadata
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import tiqu

ROOT = Path(__file__).resolve().parents[2]

# A user rule of the README's kind: it makes CUSTOM facts, so these tests do not
# depend on what the shipped packs find.
VISITS_RULES = """
rules {
  id: "custom.visits"
  type: CUSTOM
  custom_type: "VISITS"
  pattern: "走访(?:群众)?(?P<span>(?P<n>{number})(?P<unit>户|个村))"
  not_preceded_by: "未"
  fields { name: "count" group: "n" normalizer: "number" }
  fields { name: "unit" group: "unit" }
  examples {
    text: "本月走访群众40户"
    expect { text: "40户" custom { fields { key: "count" value { number_value: 40 } } } }
  }
  negatives: "未走访群众40户"
}
"""


@pytest.fixture(scope="module")
def ex():
    return tiqu.Extractor()


@pytest.fixture(scope="module")
def visits():
    return tiqu.Extractor(rule_texts={"visits.textproto": VISITS_RULES}, default_rules=False)


def spans_match(text, doc):
    return all(text[f.span.begin:f.span.end] == f.text for f in doc.facts)


def test_extract_returns_a_document_message(ex):
    doc = ex.extract("今年开展各类监督检查288次。", id="a1", source="x.txt")
    assert isinstance(doc, tiqu.Document)
    assert doc.id == "a1" and doc.source == "x.txt"
    assert doc.status.code == tiqu.document_pb2.Status.OK
    quantities = [f for f in doc.facts if f.type == tiqu.Fact.QUANTITY]
    assert [f.text for f in quantities] == ["288次"]
    assert quantities[0].quantity.value == 288 and quantities[0].quantity.unit == "次"
    assert doc.text == "今年开展各类监督检查288次。"
    assert doc.length == len(doc.text)


def test_keep_text_false_leaves_text_out(ex):
    assert ex.extract("检查288次", keep_text=False).text == ""


def test_custom_rules_and_default_rules_flag(visits):
    doc = visits.extract("上周走访群众622户，开展检查288次")
    assert [(f.type, f.custom_type, f.text) for f in doc.facts] == [(tiqu.Fact.CUSTOM, "VISITS", "622户")]
    assert doc.facts[0].custom["count"] == 622
    assert visits.rule_ids == ["custom.visits"]
    assert visits.check_examples() == []


def test_rule_files_by_path(tmp_path):
    path = tmp_path / "visits.textproto"
    path.write_text(VISITS_RULES, encoding="utf-8")
    both = tiqu.Extractor(rules=path)
    assert "custom.visits" in both.rule_ids and len(both.rule_ids) > 1
    only = tiqu.Extractor(rules=[str(path)], default_rules=False)
    assert only.rule_ids == ["custom.visits"]


@pytest.mark.parametrize("text", [
    "走访群众６２２户，開展檢查２８８次",                # full-width digits, traditional characters
    "①号楼\u00a0走访群众622户，㍿检查二百八十八次",        # circled digit, NBSP, a compatibility ligature
    "全年走访群众\n622户，开展\n检查288次",               # column wraps
    "😀表情符号后走访群众622户，检查288次",               # a character outside the BMP
])
def test_offsets_are_str_indices(ex, visits, text):
    for extractor in (ex, visits):
        doc = extractor.extract(text)
        assert doc.facts, text
        assert spans_match(text, doc)
        for f in doc.facts:
            begin, end = f.span.byte_begin, f.span.byte_end
            assert text.encode()[begin:end].decode() == f.text


def test_fullwidth_value_is_normalized(visits):
    doc = visits.extract("走訪群眾６２２戶")
    assert [f.text for f in doc.facts] == ["６２２戶"]
    assert doc.facts[0].custom["count"] == 622


def test_bytes_input_is_utf8_and_repaired(ex):
    text = "检查288次，走访３户"
    assert ex.extract(text.encode()).facts == ex.extract(text).facts
    broken = "检查".encode() + b"\xff\xfe" + "288次，走访３户".encode()
    doc = ex.extract(broken)
    assert doc.status.code == tiqu.document_pb2.Status.INVALID_UTF8
    repaired = broken.decode("utf-8", "replace")
    assert doc.text == repaired
    assert [f.text for f in doc.facts] == ["288次", "３户"]
    assert spans_match(repaired, doc)
    assert ex.extract(bytearray(text.encode())).facts == ex.extract(text).facts


def test_lone_surrogates_keep_offsets(ex):
    text = "检查\ud800288次"
    doc = ex.extract(text)
    assert [f.text for f in doc.facts] == ["288次"] and spans_match(text, doc)


def test_reference_date_forms(ex):
    text = "检查288次"
    assert ex.extract(text, reference_date="2024-01-04").reference_date == "2024-01-04"
    assert ex.extract(text, reference_date=datetime.date(2023, 5, 6)).reference_date == "2023-05-06"
    assert ex.extract(text, reference_date=datetime.datetime(2023, 5, 6, 7, 8)).reference_date == "2023-05-06"
    assert ex.extract(text, reference_date="2023").reference_date == "2023"


@pytest.mark.parametrize("date", ["2024-13-01", "2023-02-30", "yesterday", "2024/01/04"])
def test_bad_reference_date_is_value_error(ex, date):
    with pytest.raises(tiqu.InvalidArgumentError) as info:
        ex.extract("检查288次", reference_date=date)
    assert isinstance(info.value, ValueError) and isinstance(info.value, tiqu.Error)
    assert date in str(info.value)
    with pytest.raises(ValueError):
        ex.extract_many(["检查288次"], reference_date=date)
    with pytest.raises(ValueError):
        ex.extract_many([{"text": "检查288次", "reference_date": date}])


def test_rule_error_has_location(tmp_path):
    path = tmp_path / "bad.textproto"
    path.write_text(VISITS_RULES.replace('group: "n" normalizer', 'group: "num" normalizer'), encoding="utf-8")
    with pytest.raises(tiqu.RuleError) as info:
        tiqu.Extractor(rules=[path])
    error = info.value
    assert isinstance(error, tiqu.Error) and isinstance(error, ValueError)
    assert error.file == str(path)
    assert error.rule_id == "custom.visits"
    # The rule starts on line 2 of the file; the location points into it.
    assert error.line >= 2
    assert "num" in error.message
    assert str(error).startswith(f"{path}:{error.line}")


def test_rule_syntax_error_has_line_and_column():
    with pytest.raises(tiqu.RuleError) as info:
        tiqu.Extractor(rule_texts={"inline.textproto": "rules {\n  id: \"x\"\n  type: NOT_A_TYPE\n}\n"})
    assert info.value.file == "inline.textproto"
    assert info.value.line == 3 and info.value.column > 0


def test_missing_rule_file_is_file_error(tmp_path):
    with pytest.raises(tiqu.FileError) as info:
        tiqu.Extractor(rules=[tmp_path / "none.textproto"])
    assert isinstance(info.value, OSError) and isinstance(info.value, tiqu.Error)


@pytest.mark.parametrize("call", [
    lambda ex: ex.extract(288),
    lambda ex: ex.extract(["检查288次"]),
    lambda ex: ex.extract("检查288次", id=5),
    lambda ex: ex.extract("检查288次", reference_date=20240104),
    lambda ex: ex.extract_many("检查288次"),
    lambda ex: ex.extract_many([288]),
    lambda ex: ex.extract_many([("a", 288)]),
    lambda ex: ex.extract_many([{"id": "a"}]),
    lambda ex: ex.extract_many(["x"], threads="2"),
    lambda ex: tiqu.Extractor(rules=5),
    lambda ex: tiqu.Extractor(default_rules="no"),
    lambda ex: tiqu.parse_number(5),
    lambda ex: tiqu.to_pandas(["not a document"]),
    lambda ex: tiqu.to_html("text"),
])
def test_wrong_types_raise_type_error(ex, call):
    with pytest.raises(TypeError):
        call(ex)


def test_threads_must_be_positive(ex):
    with pytest.raises(ValueError):
        ex.extract_many(["检查288次"], threads=0)


@pytest.mark.parametrize("text,value", [
    ("两万三千", 23000), ("1.5万", 15000), ("百分之五", 0.05), ("１２", 12), ("兩萬", 20000), ("288", 288),
])
def test_parse_number(text, value):
    assert tiqu.parse_number(text) == pytest.approx(value)


def test_parse_numeral_range_and_errors():
    assert tiqu.parse_numeral("三四十") == (30.0, 40.0)
    assert tiqu.parse_numeral("15") == (15.0, None)
    for bad in ["第五", "5个", ""]:
        with pytest.raises(tiqu.InvalidArgumentError):
            tiqu.parse_number(bad)


def corpus_texts():
    texts = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    assert texts, "examples/corpus has the sample documents"
    return [(p.name, p.read_text(encoding="utf-8")) for p in texts]


def test_extract_many_matches_extract_and_keeps_order(ex):
    pairs = corpus_texts() * 5
    pairs = [(f"{i}-{name}", text) for i, (name, text) in enumerate(pairs)]
    many = ex.extract_many(pairs, threads=2)
    assert [d.id for d in many] == [name for name, _ in pairs]
    for (name, text), doc in zip(pairs, many):
        assert doc == ex.extract(text, id=name)
        assert spans_match(text, doc)


def test_extract_many_input_forms(ex):
    docs = ex.extract_many([
        "检查288次",
        ("b", "检查3次".encode()),
        {"id": "c", "text": "检查4次", "source": "c.txt", "reference_date": "2022-03-04"},
        {"text": "检查5次"},
    ], reference_date="2024-01-04")
    assert [d.id for d in docs] == ["0", "b", "c", "3"]
    assert [d.reference_date for d in docs] == ["2024-01-04", "2024-01-04", "2022-03-04", "2024-01-04"]
    assert docs[2].source == "c.txt"
    assert [d.facts[0].quantity.value for d in docs] == [288, 3, 4, 5]
    assert ex.extract_many([]) == []
    generated = ex.extract_many(f"检查{n}次" for n in range(1, 50))
    assert [d.facts[0].quantity.value for d in generated] == list(range(1, 50))


def test_extract_many_spans_chunks(ex, monkeypatch):
    import tiqu._extractor as impl
    monkeypatch.setattr(impl, "_CHUNK_DOCS", 7)
    docs = ex.extract_many([f"检查{n}次" for n in range(1, 31)], threads=2)
    assert [d.facts[0].quantity.value for d in docs] == list(range(1, 31))


def test_one_extractor_many_python_threads(ex):
    pairs = corpus_texts() + [(f"n{n}", f"第{n}季度检查{n}次，走访{n * 3}户") for n in range(40)]
    expected = [ex.extract(text, id=name) for name, text in pairs]
    results = {}
    errors = []

    def work(worker):
        try:
            for round_ in range(3):
                order = pairs[worker % len(pairs):] + pairs[:worker % len(pairs)]
                results[(worker, round_)] = {name: ex.extract(text, id=name) for name, text in order}
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 24
    for got in results.values():
        assert [got[name] for name, _ in pairs] == expected


def test_extract_many_from_threads_at_once(ex):
    pairs = corpus_texts() * 3
    expected = ex.extract_many(pairs, threads=1)
    outputs = [None] * 4

    def work(i):
        outputs[i] = ex.extract_many(pairs, threads=2)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(out == expected for out in outputs)


def test_gil_is_released_during_extraction(ex):
    # While one thread extracts a long text, another Python thread keeps
    # running: it leaves timestamps inside the extraction's time window, which
    # it could not if the call held the GIL.
    text = "全年开展各类监督检查288次，走访群众622户。" * 60000
    stamps = []
    done = threading.Event()

    def count():
        n = 0
        while not done.is_set():
            n += 1
            if n % 1000 == 0:
                stamps.append(time.perf_counter())

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.01)
        start = time.perf_counter()
        ex.extract(text, keep_text=False)
        end = time.perf_counter()
    finally:
        done.set()
        counter.join()
    margin = 2 * sys.getswitchinterval()
    assert end - start > 4 * margin, "the text is long enough to measure"
    inside = [t for t in stamps if start + margin < t < end - margin]
    assert len(inside) > 10


# --- the `tiqu` command installed with the package ---------------------------------

def installed_cli():
    path = Path(sys.executable).parent / "tiqu"
    assert path.exists(), f"pip install puts the tiqu command next to {sys.executable}"
    return str(path)


def test_cli_on_path_is_the_cpp_cli():
    cli = installed_cli()
    version = subprocess.run([cli, "version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"tiqu {tiqu.__version__}"
    usage = subprocess.run([cli], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage: tiqu" in usage.stderr
    module = subprocess.run([sys.executable, "-m", "tiqu", "version"], capture_output=True, text=True, check=True)
    assert module.stdout == version.stdout


def test_cli_on_path_gives_the_compiled_cli_output(tmp_path):
    compiled = os.environ.get("TIQU_CLI") or str(ROOT / "build" / "tiqu")
    data = "开展检查２８８次\n走访群众622户".encode()
    ours = subprocess.run([installed_cli(), "extract", "-"], input=data, capture_output=True, check=True)
    theirs = subprocess.run([compiled, "extract", "-"], input=data, capture_output=True, check=True)
    assert ours.stdout == theirs.stdout and b"288" in ours.stdout
    bad = subprocess.run([installed_cli(), "extract", "--no-such-option"], capture_output=True)
    assert bad.returncode == 2


# --- packaging ------------------------------------------------------------------------

def test_protobuf_runtime_satisfies_pyproject():
    from packaging.requirements import Requirement
    requires = [Requirement(r) for r in importlib.metadata.requires("tiqu") or []]
    protobuf = [r for r in requires if r.name == "protobuf" and not r.marker]
    assert protobuf, "pyproject.toml requires protobuf"
    runtime = importlib.metadata.version("protobuf")
    assert protobuf[0].specifier.contains(runtime), (runtime, str(protobuf[0].specifier))
    # The generated module loads with this runtime and describes the schema.
    assert tiqu.Document.DESCRIPTOR.file.name == "tiqu/v1/document.proto"
    from tiqu.v1 import rules_pb2
    assert rules_pb2.DESCRIPTOR.package == "tiqu.v1"


def test_every_proto_field_survives_the_boundary(visits):
    # The C++ side serializes with Debian's libprotobuf; the Python runtime
    # parses. A fact with a value of each kind round-trips field for field.
    doc = tiqu.Document(id="x", length=3, reference_date="2024")
    doc.metadata.section_path.extend(["a", "b"])
    fact = doc.facts.add(type=tiqu.Fact.SLOGAN, text="两个维护", rule="r", sentence=2)
    fact.span.begin, fact.span.end = 1, 5
    fact.slogan.numbers.extend([2.0])
    person = doc.facts.add(type=tiqu.Fact.PERSON)
    person.person.titles.extend(["书记"])
    person.person.role = tiqu.document_pb2.Person.REPORTER
    change = doc.facts.add(type=tiqu.Fact.CHANGE)
    setattr(change.change, "from", 0.0)
    custom = doc.facts.add(type=tiqu.Fact.CUSTOM)
    custom.custom.update({"count": 3, "unit": "户"})
    binpb = tiqu.write_binpb  # through C++'s reader and writer
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "one.binpb"
        binpb(path, [doc])
        (back,) = list(tiqu.read_binpb(path))
    assert back == doc
    assert back.facts[2].change.HasField("from")


def test_wheel_has_no_cpp_headers_or_cmake_config():
    files = [str(f) for f in importlib.metadata.files("tiqu")]
    assert any(f.startswith("tiqu/_core") for f in files)
    assert any(f.endswith("document_pb2.py") for f in files)
    assert any(f.endswith("py.typed") for f in files) and any(f.endswith("_core.pyi") for f in files)
    unwanted = [f for f in files if f.endswith((".h", ".cmake", ".a", ".pc")) or "/cmake/" in f or "include/" in f]
    assert not unwanted


def test_public_api_is_declared():
    for name in tiqu.__all__:
        assert hasattr(tiqu, name), name
    for name in ["Extractor", "to_pandas", "show", "parse_number", "read_binpb", "write_binpb", "RuleError"]:
        assert name in tiqu.__all__


def test_types_keep_only_the_facts_of_those_types(ex):
    text = "2023年,全区新建村级服务站46个,投入资金1200万元,同比增长12.5%。"
    full = ex.extract(text)
    kinds = {f.type for f in full.facts}
    assert {tiqu.Fact.TIME, tiqu.Fact.QUANTITY, tiqu.Fact.MONEY} <= kinds
    narrow = tiqu.Extractor(types=["time", "MONEY"])
    got = narrow.extract(text)
    expected = [f for f in full.facts if f.type in (tiqu.Fact.TIME, tiqu.Fact.MONEY)]
    assert list(got.facts) == expected
    assert [f.text for f in tiqu.Extractor(types="TIME").extract(text).facts] == ["2023年"]


def test_unknown_type_is_value_error():
    with pytest.raises(ValueError, match="weather"):
        tiqu.Extractor(types=["TIME", "weather"])
    with pytest.raises(TypeError):
        tiqu.Extractor(types=[5])


def test_invalid_bytes_in_an_article_title_are_repaired(ex):
    raw = ("全区召开".encode() + b"\xff" + "工作会议\n    本报讯 近日,全区召开会议,部署今年的重点工作任务,"
           "要求各部门抓好落实,确保各项工作取得实效。会议指出,要坚持问题导向。\n".encode())
    doc = ex.extract(raw)  # used to raise DecodeError: the title held the raw byte
    articles = [f for f in doc.facts if f.type == tiqu.Fact.ARTICLE]
    assert articles and articles[0].article.title == "全区召开\ufffd工作会议"
    assert doc.status.code == tiqu.document_pb2.Status.INVALID_UTF8
