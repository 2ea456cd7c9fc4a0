"""`tiqu numeral`: the numeral parser from the command line."""
import json
import os
import subprocess
from pathlib import Path

CLI = os.environ.get("TIQU_CLI") or str(Path(__file__).resolve().parents[2] / "build" / "tiqu")


def numeral(*texts, input=None):
    result = subprocess.run([CLI, "numeral", *texts], input=input, capture_output=True)
    return result.returncode, [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_arguments_are_parsed_in_order():
    rc, rows = numeral("两万三千", "1.5万", "四五", "１２")
    assert rc == 0
    assert [r["value"] for r in rows] == [23000, 15000, 4, 12]
    assert rows[2]["value_max"] == 5
    assert "value_max" not in rows[0]
    assert rows[3]["text"] == "１２"


def test_lines_of_standard_input_when_no_arguments():
    rc, rows = numeral(input="百分之三十五点五\r\n13万2\n".encode())
    assert rc == 0
    assert [r["text"] for r in rows] == ["百分之三十五点五", "13万2"]
    assert abs(rows[0]["value"] - 0.355) < 1e-12
    assert rows[1]["value"] == 132000


def test_not_a_number_is_reported_and_fails():
    rc, rows = numeral("288", "第五")
    assert rc == 1
    assert rows[0]["value"] == 288
    assert "value" not in rows[1] and "not a number" in rows[1]["error"]
