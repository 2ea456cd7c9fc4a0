"""The command line on bad inputs, bad rule files and interrupted runs: every
input document gives exactly one record with a status, errors say where, and
an output file is complete or absent."""
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

CLI = os.environ.get("TIQU_CLI") or str(Path(__file__).resolve().parents[2] / "build" / "tiqu")


def run(*args, input=None, check=True):
    result = subprocess.run([CLI, *map(str, args)], input=input, capture_output=True)
    if check and result.returncode != 0:
        raise AssertionError(f"tiqu {' '.join(map(str, args))} -> {result.returncode}\n{result.stderr.decode()}")
    return result


def records(data: bytes):
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def check_spans(doc, original: bytes):
    """Each fact's text is the input at its span (repaired where not UTF-8)."""
    text = original.decode("utf-8", "replace")
    for f in doc.get("facts", []):
        begin, end = f["span"].get("byte_begin", 0), f["span"]["byte_end"]
        assert original[begin:end].decode("utf-8", "replace") == f["text"]
        assert text[f["span"].get("begin", 0):f["span"]["end"]] == f["text"]


def test_directory_of_good_and_bad_files_gives_one_record_each(tmp_path):
    rng = random.Random(5)
    files = {
        "01_good.txt": "全年走访群众622户，开展检查288次。".encode(),
        "02_empty.txt": b"",
        "03_binary.txt": bytes(rng.randrange(256) for _ in range(20000)),
        "04_invalid_utf8.txt": b"\xff\xfe" + "检查5次".encode() + b"\xe4\xb8",
        "05_nul.txt": "走访".encode() + b"\x00" * 3 + "群众622户".encode(),
        "06_punctuation.txt": "。，、；：？！“”《》（）…—".encode() * 100,
        "07_mixed_scripts.txt": "Москва 2023年 مرحبا 5次 नमस्ते 한국어 10个 😀 e\u0301".encode(),
        "08_long_line.txt": "走访群众622户开展检查288次".encode() * 20000,
        "09_gbk.txt": "走访群众622户".encode("gbk"),
        "10_utf16.txt": "走访群众622户".encode("utf-16"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    # A link to nowhere is still an input document: it must not vanish.
    os.symlink(tmp_path / "missing-target", tmp_path / "11_dangling.txt")
    result = run("extract", tmp_path, "-o", tmp_path / "out.jsonl", check=False)
    assert result.returncode == 0, result.stderr.decode()
    docs = records((tmp_path / "out.jsonl").read_bytes())
    assert [d["id"] for d in docs] == sorted(list(files) + ["11_dangling.txt"])
    by_id = {d["id"]: d for d in docs}
    for name, data in files.items():
        assert by_id[name]["status"]["code"] in ("OK", "INVALID_UTF8"), name
        expect_valid = True
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            expect_valid = False
        assert (by_id[name]["status"]["code"] == "OK") == expect_valid, name
        assert by_id[name].get("length", 0) == len(data.decode("utf-8", "replace")), name
        check_spans(by_id[name], data)
    assert by_id["11_dangling.txt"]["status"]["code"] == "READ_ERROR"
    assert {"622户", "288次"} <= {f["text"] for f in by_id["01_good.txt"]["facts"]}
    assert len(by_id["08_long_line.txt"]["facts"]) >= 40000


def test_jsonl_of_good_and_bad_lines_gives_one_record_per_line(tmp_path):
    lines = [
        json.dumps({"id": "ok", "text": "走访群众622户"}, ensure_ascii=False),
        "not json at all",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "number-text", "text": 42}),
        json.dumps({"id": "empty", "text": ""}),
        '{"id": "nul", "text": "检查\\u00005次"}',
        '{"id": "lone-surrogate", "text": "检查\\ud800 5次"}',
        '{"id": "truncated", "text": "检查',
        json.dumps({"id": 7, "text": "数字编号3个"}, ensure_ascii=False),
        json.dumps({"id": "bad-date", "text": "5次", "reference_date": "2023-02-29"}),
        json.dumps(["an", "array"]),
        json.dumps({"id": "big", "text": "检查288次。" * 100000}, ensure_ascii=False),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n\n   \n", encoding="utf-8")
    result = run("extract", source, "-o", tmp_path / "out.binpb", check=False)
    assert result.returncode == 0, result.stderr.decode()
    docs = records(run("cat", tmp_path / "out.binpb").stdout)
    assert len(docs) == len(lines), "blank lines are no documents; every other line is one"
    assert [d["id"] for d in docs][:3] == ["ok", "in.jsonl:2", "no-text"]
    assert all(d["status"]["code"] in ("OK", "INVALID_UTF8", "READ_ERROR") for d in docs)
    codes = {d["id"]: d["status"]["code"] for d in docs}
    assert codes["ok"] == "OK" and codes["empty"] == "OK" and codes["nul"] == "OK"
    assert codes["in.jsonl:2"] == codes["no-text"] == codes["number-text"] == "READ_ERROR"
    assert codes["bad-date"] == "READ_ERROR"
    assert len([d for d in docs if d["id"] == "big"][0]["facts"]) == 100000


def test_a_hundred_thousand_tiny_documents(tmp_path):
    n = 100_000
    shapes = ["5次", "", "走访622户", "。", "第3个", "\x00", "ab"]
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"d{i}", "text": shapes[i % len(shapes)]}, ensure_ascii=False) + "\n")
    start = time.monotonic()
    run("extract", source, "-o", tmp_path / "many.binpb")
    took = time.monotonic() - start
    cat = run("cat", tmp_path / "many.binpb")
    assert f"{n} record(s)".encode() in cat.stderr
    ids = [d["id"] for d in records(cat.stdout)]
    assert ids == [f"d{i}" for i in range(n)]
    print(f"{n} tiny documents in {took:.1f} s")


def _start_long_run(tmp_path, out):
    """A run that takes seconds: many documents, each with facts."""
    source = tmp_path / "long.jsonl"
    with source.open("w", encoding="utf-8") as f:
        line = json.dumps({"text": "全年走访群众622户，开展检查288次，服务1.5万人次。" * 20}, ensure_ascii=False)
        for _ in range(60_000):
            f.write(line + "\n")
    return subprocess.Popen([CLI, "extract", str(source), "-o", str(out), "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_partial_temp_file(tmp_path, out, proc):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        temps = list(tmp_path.glob(out.name + ".tmp*"))
        if temps and temps[0].stat().st_size > 0:
            return temps[0]
        assert proc.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.02)
    raise AssertionError("no temporary output file appeared")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_interrupted_run_leaves_no_partial_output(tmp_path, sig):
    out = tmp_path / "facts.binpb"
    out.write_bytes(b"the previous run's complete output")
    proc = _start_long_run(tmp_path, out)
    try:
        _wait_for_partial_temp_file(tmp_path, out, proc)
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -sig, "the process should die of the signal"
    assert out.read_bytes() == b"the previous run's complete output"
    leftovers = list(tmp_path.glob(out.name + ".tmp*"))
    if sig == signal.SIGKILL:
        # Uncatchable: the partial data stays under the temporary name only.
        assert len(leftovers) <= 1
    else:
        assert leftovers == [], "the temporary file should be removed"


def test_cat_names_the_record_at_any_cut(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"r{i}", "text": "检查288次。" * (i + 1)}, ensure_ascii=False)
                             for i in range(5)) + "\n", encoding="utf-8")
    out = tmp_path / "facts.binpb"
    run("extract", src, "-o", out)
    data = out.read_bytes()
    rng = random.Random(3)
    for cut in sorted(rng.sample(range(1, len(data)), 12)):
        (tmp_path / "cut.binpb").write_bytes(data[:cut])
        result = run("cat", tmp_path / "cut.binpb", check=False)
        whole = len(records(result.stdout))
        if result.returncode == 0:
            continue  # cut exactly between two records: a shorter, valid file
        err = result.stderr.decode()
        assert f"record {whole + 1} at byte" in err and ("truncated" in err or "corrupt" in err), (cut, err)
        assert f"{whole} complete record(s) before it" in err


def test_bad_rule_file_stops_the_run_before_any_output(tmp_path):
    (tmp_path / "in.txt").write_text("走访622户", encoding="utf-8")
    rules = tmp_path / "rules.textproto"
    rules.write_text('rules {\n  id: "mine.visits"\n  type: CUSTOM\n  custom_type: "V"\n'
                     '  pattern: "(?P<n>\\\\d+)户("\n  examples { text: "622户" }\n}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", tmp_path / "in.txt", "--rules", rules, "-o", out, check=False)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert f"{rules}:5:" in err and "mine.visits" in err and "missing )" in err, err
    assert not out.exists() and not list(tmp_path.glob("out.jsonl.tmp*"))
