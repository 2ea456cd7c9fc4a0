"""`tiqu rules profile`: per-rule costs and counts for rule authors."""
from test_cli import run

ROOMS = '''
rules {
  id: "custom.room"
  type: CUSTOM
  custom_type: "ROOM"
  pattern: "(?P<n>[0-9一二三四五六七八九十甲乙丙]{1,3})号房"
  fields { name: "number" group: "n" normalizer: "number" }
  examples { text: "住在12号房" expect { text: "12号房" custom { fields { key: "number" value { number_value: 12 } } } } }
  negatives: "住在甲号房"
}
rules {
  id: "custom.building"
  type: CUSTOM
  custom_type: "ADDRESS"
  pattern: "(?P<n>[0-9]{1,3})号楼"
  fields { name: "building" group: "n" normalizer: "number" }
  examples { text: "住在5号楼" expect { text: "5号楼" } }
  negatives: "住在五号"
}
rules {
  id: "custom.building_unit"
  type: CUSTOM
  custom_type: "ADDRESS"
  pattern: "(?P<n>[0-9]{1,3})号楼(?P<u>[0-9]{1,2})单元"
  fields { name: "building" group: "n" normalizer: "number" }
  fields { name: "unit" group: "u" normalizer: "number" }
  examples { text: "住在5号楼2单元" expect { text: "5号楼2单元" } }
  negatives: "住在5号"
}
rules {
  id: "custom.never"
  type: CUSTOM
  custom_type: "GATE"
  pattern: "(?P<n>[0-9]{1,2})号门"
  fields { name: "gate" group: "n" normalizer: "number" }
  examples { text: "走2号门" expect { text: "2号门" } }
  negatives: "走大门"
}
rules {
  id: "custom.no_gate"
  type: CUSTOM
  custom_type: "GATE"
  suppress: true
  pattern: "一号门岗"
  examples { text: "在一号门岗值班" }
}
'''


def profile_rows(stdout: bytes):
    """rule id -> (scans, matches, kept, facts) from the profile's table;
    facts is None for a suppress rule."""
    lines = stdout.decode().splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["rule", "ms"])
    rows = {}
    for line in lines[header + 1:]:
        cells = line.split()
        rows[cells[0]] = tuple(None if c == "-" else int(c) for c in cells[3:7])
    return rows


def test_profile_counts_matches_kept_and_facts(tmp_path):
    rules = tmp_path / "rooms.textproto"
    rules.write_text(ROOMS, encoding="utf-8")
    (tmp_path / "a.txt").write_text("他住在甲号房，她住在乙号房。3号楼2单元有人。5号楼也有。今天天气很好。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("丙号房空着。他在一号门岗值班。", encoding="utf-8")
    result = run("rules", "profile", tmp_path, "--rules", rules, "--no-default-rules")
    rows = profile_rows(result.stdout)
    # Every match of custom.room is rejected by the number normalizer.
    assert rows["custom.room"] == (2, 3, 0, 0)
    # 3号楼 is kept, then loses to the longer 3号楼2单元.
    assert rows["custom.building"] == (2, 2, 2, 1)
    assert rows["custom.building_unit"] == (1, 1, 1, 1)
    # The prefilter keeps it off every sentence.
    assert rows["custom.never"] == (0, 0, 0, 0)
    # A suppress rule keeps its candidates but has no facts of its own.
    assert rows["custom.no_gate"] == (1, 1, 1, None)
    assert result.stdout.decode().startswith("2 document(s), ")
    assert "2 fact(s)" in result.stdout.decode()


def test_profile_repeat_keeps_the_counts_of_one_pass(tmp_path):
    rules = tmp_path / "rooms.textproto"
    rules.write_text(ROOMS, encoding="utf-8")
    (tmp_path / "a.txt").write_text("他住在甲号房。3号楼2单元有人。5号楼也有。", encoding="utf-8")
    once = run("rules", "profile", tmp_path / "a.txt", "--rules", rules, "--no-default-rules").stdout
    thrice = run("rules", "profile", tmp_path / "a.txt", "--rules", rules, "--no-default-rules", "--repeat", "3").stdout
    assert profile_rows(thrice) == profile_rows(once)
    assert "least time of 3 passes" in thrice.decode()
    assert run("rules", "profile", "-", "--repeat", "2", input=b"", check=False).returncode == 2


def test_profile_lists_every_shipped_rule_most_expensive_first(tmp_path):
    (tmp_path / "a.txt").write_text("2023年3月，区政府投入资金1.5亿元，走访群众622户。", encoding="utf-8")
    rows = profile_rows(run("rules", "profile", tmp_path / "a.txt").stdout)
    listed = [line.split("\t") for line in run("rules", "list").stdout.decode().splitlines()]
    assert set(rows) == {rule for rule, kind, _ in listed if kind != "METADATA"}
    assert rows["money.amount"][1:] == (1, 1, 1)
    lines = run("rules", "profile", tmp_path / "a.txt").stdout.decode().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("rule "))
    times = [float(line.split()[1]) for line in lines[header + 1:]]
    assert times == sorted(times, reverse=True)


def test_profile_usage_errors(tmp_path):
    assert run("rules", "profile", check=False).returncode == 2
    assert run("rules", "profile", tmp_path / "missing.txt", check=False).returncode == 2
    bad = tmp_path / "bad.textproto"
    bad.write_text('rules {\n  id: "x"\n  type: NOPE\n}\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("你好", encoding="utf-8")
    assert run("rules", "profile", tmp_path / "a.txt", "--rules", bad, check=False).returncode == 1
