"""The tiqu command line: inputs, formats, errors and exit codes."""
import json
import os
import subprocess
from pathlib import Path

import pytest

CLI = os.environ.get("TIQU_CLI") or str(Path(__file__).resolve().parents[2] / "build" / "tiqu")


def run(*args, input=None, check=True):
    result = subprocess.run([CLI, *map(str, args)], input=input, capture_output=True)
    if check and result.returncode != 0:
        raise AssertionError(f"tiqu {' '.join(map(str, args))} -> {result.returncode}\n{result.stderr.decode()}")
    return result


def jsonl(data: bytes):
    return [json.loads(line) for line in data.decode().splitlines() if line.strip()]


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text("全年走访群众622户，开展检查288次。", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("服务居民200余件次。", encoding="utf-8")
    (tmp_path / "ignored.md").write_text("不是文本文件 5次", encoding="utf-8")
    return tmp_path


def test_cli_binary_exists():
    assert Path(CLI).is_file(), f"build the CLI first: {CLI}"


def test_extract_directory_reads_every_txt_in_order(corpus):
    docs = jsonl(run("extract", corpus).stdout)
    assert [d["id"] for d in docs] == ["a.txt", "b.txt"]
    first = docs[0]
    assert first["status"] == {"code": "OK"}
    texts = [f["text"] for f in first["facts"]]
    assert "622户" in texts and "288次" in texts
    text = (corpus / "a.txt").read_text(encoding="utf-8")
    for f in first["facts"]:
        # JSON omits fields at their default value: a span at offset 0 has no "begin".
        assert text[f["span"].get("begin", 0):f["span"]["end"]] == f["text"]


def test_extract_stdin():
    docs = jsonl(run("extract", "-", input="开展检查２８８次".encode()).stdout)
    assert docs[0]["id"] == "stdin"
    assert docs[0]["facts"][0]["text"] == "２８８次"
    assert docs[0]["facts"][0]["quantity"]["value"] == 288


def test_jsonl_input_keeps_every_document(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "x1", "text": "走访622户"}\n'
        "this is not json\n"
        '{"id": "x3"}\n'
        '{"id": "x4", "text": "检查5次", "reference_date": "2024-13-01"}\n',
        encoding="utf-8")
    result = run("extract", source)
    docs = jsonl(result.stdout)
    assert [d["id"] for d in docs] == ["x1", "in.jsonl:2", "x3", "x4"]
    assert [d["status"]["code"] for d in docs] == ["OK", "READ_ERROR", "READ_ERROR", "READ_ERROR"]
    assert b"non-OK status" in result.stderr


def test_binpb_round_trip_and_cat(corpus, tmp_path):
    out = tmp_path / "facts.binpb"
    run("extract", corpus, "-o", out)
    cat = run("cat", out)
    assert [d["id"] for d in jsonl(cat.stdout)] == ["a.txt", "b.txt"]
    assert b"2 record(s)" in cat.stderr
    direct = jsonl(run("extract", corpus).stdout)
    assert jsonl(cat.stdout) == direct


def test_cat_names_the_record_where_a_truncated_file_stops(corpus, tmp_path):
    out = tmp_path / "facts.binpb"
    run("extract", corpus, "-o", out)
    data = out.read_bytes()
    (tmp_path / "cut.binpb").write_bytes(data[:-5])
    result = run("cat", tmp_path / "cut.binpb", check=False)
    assert result.returncode == 1
    assert len(jsonl(result.stdout)) == 1
    assert b"record 2 at byte " in result.stderr and b"is truncated" in result.stderr


def test_json_format_is_one_pretty_document(corpus):
    result = run("extract", corpus / "a.txt", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["id"] == "a.txt"
    assert b"\n  " in result.stdout
    two = run("extract", corpus, "--format", "json", check=False)
    assert two.returncode == 1 and b"one document" in two.stderr


def test_output_file_appears_only_when_complete(corpus, tmp_path):
    out = tmp_path / "facts.json"
    run("extract", corpus, "-o", out, check=False)
    assert not out.exists()
    assert not list(tmp_path.glob("facts.json.tmp*"))


def test_usage_errors_exit_2(corpus):
    assert run("extract", check=False).returncode == 2
    assert run("extract", corpus, "--format", "xml", check=False).returncode == 2
    assert run("extract", corpus, "--reference-date", "2024-02-30", check=False).returncode == 2
    assert run("extract", corpus / "missing.txt", check=False).returncode == 2
    assert run("frobnicate", check=False).returncode == 2
    assert run("extract", corpus, "--bogus", check=False).returncode == 2


def test_user_rules_custom_type(tmp_path):
    rules = tmp_path / "phone.textproto"
    rules.write_text('''
rules {
  id: "custom.phone"
  type: CUSTOM
  custom_type: "PHONE"
  pattern: "1[3-9][0-9]{9}"
  fields { name: "number" }
  examples { text: "电话13912345678" expect { text: "13912345678" } }
  negatives: "编号12345"
}
''', encoding="utf-8")
    assert run("rules", "check", rules).returncode == 0
    docs = jsonl(run("extract", "-", "--rules", rules, "--no-default-rules", input="拨打13912345678咨询".encode()).stdout)
    facts = docs[0]["facts"]
    assert facts == [{
        "type": "CUSTOM", "custom_type": "PHONE", "rule": "custom.phone", "text": "13912345678",
        "span": {"begin": 2, "end": 13, "byte_begin": 6, "byte_end": 17},
        "custom": {"number": "13912345678"}}]


def test_rules_check_reports_failing_examples(tmp_path):
    rules = tmp_path / "bad.textproto"
    rules.write_text('''
rules {
  id: "custom.phone"
  type: CUSTOM
  custom_type: "PHONE"
  pattern: "1[3-9][0-9]{9}"
  examples { text: "电话1391234567" expect { text: "1391234567" } }
}
''', encoding="utf-8")
    result = run("rules", "check", rules, check=False)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "bad.textproto:7:3: rule 'custom.phone'" in err and "no CUSTOM fact '1391234567'" in err


def test_rules_check_reports_load_errors_with_position(tmp_path):
    rules = tmp_path / "broken.textproto"
    rules.write_text('rules {\n  id: "x"\n  type: NOPE\n}\n', encoding="utf-8")
    result = run("rules", "check", rules, check=False)
    assert result.returncode == 1
    assert f"{rules}:3:" in result.stderr.decode()


def test_every_shipped_rule_example_passes():
    result = run("rules", "check", "--builtin", check=False)
    assert result.returncode == 0, result.stderr.decode()
    rules = int(result.stdout.split()[0])
    listed = run("rules", "list").stdout.decode().splitlines()
    assert rules == len(listed) > 0


def test_readme_rule_example_passes_its_own_check(tmp_path):
    """The rule-writing guide's example must stay a working rule file."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("# households.textproto\n", 1)[1].split("```", 1)[0]
    rules = tmp_path / "households.textproto"
    rules.write_text(block, encoding="utf-8")
    result = run("rules", "check", rules, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert b"1 rule(s), 1 example(s), 1 negative example(s): all pass" in result.stdout


def test_types_option_filters_facts(corpus):
    docs = jsonl(run("extract", corpus, "--types", "quantity").stdout)
    assert docs and all(f["type"] == "QUANTITY" for d in docs for f in d.get("facts", []))
    assert sum(len(d.get("facts", [])) for d in docs) >= 3
    bad = run("extract", corpus, "--types", "QUANTITY,nonsense", check=False)
    assert bad.returncode == 2 and b"nonsense" in bad.stderr and b"known:" in bad.stderr


def test_directory_that_cannot_be_listed_gets_an_error_record():
    # Root may list any directory, so as root the CLI runs as nobody.
    import shutil
    import tempfile

    as_user = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop privileges")
        as_user = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        probe = subprocess.run([*as_user, CLI, "version"], capture_output=True)
        if probe.returncode != 0:
            pytest.skip(f"user nobody cannot run {CLI}")
    top = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        top.chmod(0o755)
        (top / "a").mkdir()
        (top / "a" / "x.txt").write_text("全年走访群众622户", encoding="utf-8")
        (top / "b").mkdir()
        (top / "b" / "y.txt").write_text("开展检查288次", encoding="utf-8")
        (top / "a").chmod(0o755)
        (top / "a" / "x.txt").chmod(0o644)
        (top / "b").chmod(0o000)
        result = subprocess.run([*as_user, CLI, "extract", str(top), "--no-progress"], capture_output=True)
        docs = jsonl(result.stdout)
        assert [d["id"] for d in docs] == ["x.txt", "b"]
        assert docs[1]["status"]["code"] == "READ_ERROR" and "cannot list" in docs[1]["status"]["message"]
    finally:
        (top / "b").chmod(0o755)
        shutil.rmtree(top)
