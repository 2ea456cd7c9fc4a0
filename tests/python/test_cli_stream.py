"""The streaming CLI: same output on any number of threads, input order,
a directory walk in full-path order, --stats, and a progress bar only on a
terminal."""
import json
import os
import pty
import subprocess

from test_cli import CLI, jsonl, run


def write_corpus(root, n):
    for i in range(n):
        sub = root / f"{i // 50:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "。".join(f"本月走访群众{i * 10 + k}户，开展检查{k + 1}次" for k in range(i % 40 + 1))
        (sub / f"{i:04d}.txt").write_text(body + "。\n", encoding="utf-8")


def test_threads_do_not_change_the_output(tmp_path):
    write_corpus(tmp_path / "c", 240)
    one = run("extract", tmp_path / "c", "--threads", "1").stdout
    many = run("extract", tmp_path / "c", "--threads", "4").stdout
    default = run("extract", tmp_path / "c").stdout
    assert one == many == default
    docs = jsonl(one)
    assert [d["id"] for d in docs] == [f"{i:04d}.txt" for i in range(240)]
    assert all(d["facts"] for d in docs)


def test_directory_walk_matches_a_sort_of_full_paths(tmp_path):
    root = tmp_path / "c"
    for rel in ["b.txt", "b/c.txt", "a/z.txt", "a.txt", "b-x.txt", "b/a/d.txt"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("走访1户", encoding="utf-8")
    docs = jsonl(run("extract", root).stdout)
    expected = sorted(str(p) for p in root.rglob("*.txt"))
    assert [d["source"] for d in docs] == expected


def test_bad_lines_keep_their_place_on_many_threads(tmp_path):
    lines = []
    for i in range(200):
        lines.append("not json" if i % 7 == 3 else json.dumps({"id": f"d{i}", "text": f"走访{i}户"}))
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = jsonl(run("extract", tmp_path / "in.jsonl", "--threads", "2").stdout)
    assert len(docs) == 200
    for i, d in enumerate(docs):
        if i % 7 == 3:
            assert d["status"]["code"] == "READ_ERROR" and "facts" not in d
        else:
            assert d["id"] == f"d{i}" and d["facts"][0]["quantity"]["value"] == i


def test_stats_reports_documents_bytes_and_facts(tmp_path):
    write_corpus(tmp_path / "c", 10)
    result = run("extract", tmp_path / "c", "-o", tmp_path / "out.binpb", "--stats")
    line = [l for l in result.stderr.decode().splitlines() if "stats:" in l][0]
    fields = dict(kv.split("=") for kv in line.split("stats:")[1].split())
    size = sum(p.stat().st_size for p in (tmp_path / "c").rglob("*.txt"))
    assert int(fields["documents"]) == 10
    assert int(fields["bytes"]) == size
    docs = jsonl(run("cat", tmp_path / "out.binpb").stdout)
    assert int(fields["facts"]) == sum(len(d["facts"]) for d in docs) > 0
    assert float(fields["rule_load_seconds"]) > 0


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    write_corpus(tmp_path / "c", 20)
    result = run("extract", tmp_path / "c", "-o", tmp_path / "out.jsonl")
    assert result.stderr == b""


def test_progress_bar_on_a_terminal(tmp_path):
    write_corpus(tmp_path / "c", 20)
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([CLI, "extract", str(tmp_path / "c"), "-o", str(tmp_path / "out.jsonl")],
                                stderr=follower, stdout=subprocess.PIPE, timeout=60)
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    assert result.returncode == 0
    text = shown.decode()
    assert "20 docs" in text and "MB/s" in text and "facts" in text and "100%" in text
    # The output itself is untouched by the bar.
    assert len(jsonl((tmp_path / "out.jsonl").read_bytes())) == 20
