"""Which reference date resolves relative times: the caller's, else the
document's own date line, else none (unknown parts stay X)."""
import json
import os
import subprocess
from pathlib import Path

CLI = os.environ.get("TIQU_CLI") or str(Path(__file__).resolve().parents[2] / "build" / "tiqu")

DATED = "示范区工作动态\n2024年01月04日 09:30 | 来源:示范区融媒体中心\n\n去年11月,新修的道路全线通车。"
UNDATED = "去年11月,新修的道路全线通车。"


def extract(tmp_path, text, *args):
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    out = subprocess.run([CLI, "extract", str(tmp_path / "doc.txt"), "--format", "jsonl", *args],
                         capture_output=True, check=True).stdout.decode()
    doc = json.loads(out)
    times = [f["time"] for f in doc["facts"] if f["type"] == "TIME" and f["text"] == "去年11月"]
    assert len(times) == 1, doc["facts"]
    return doc, times[0]


def test_publish_time_is_the_reference(tmp_path):
    doc, time = extract(tmp_path, DATED)
    assert doc["metadata"]["publish_time"] == "2024-01-04T09:30"
    assert doc["metadata"]["outlet"] == "示范区融媒体中心"
    assert doc["reference_date"] == "2024-01-04"
    assert time == {"kind": "DATE", "value": "XXXX-11", "resolved": "2023-11"}


def test_caller_reference_wins_over_publish_time(tmp_path):
    doc, time = extract(tmp_path, DATED, "--reference-date", "2020-06-30")
    assert doc["reference_date"] == "2020-06-30"
    assert time["resolved"] == "2019-11"


def test_no_reference_leaves_unknown_parts(tmp_path):
    doc, time = extract(tmp_path, UNDATED)
    assert "reference_date" not in doc
    assert time == {"kind": "DATE", "value": "XXXX-11"}
