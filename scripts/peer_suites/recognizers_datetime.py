#!/usr/bin/env python3
"""Run the Recognizers-Text Chinese DateTime suites through tiqu and compare TIMEX values.

usage: recognizers_datetime.py [--suites DIR] [--tiqu PATH] [--show N] [--json OUT]

DIR holds the suites as JSONL (see ../shared/peer-suites/README.md); the default
is $TIQU_PEER_SUITES, else ../shared/peer-suites/recognizers-zh next to the repo.

Each case's input is extracted with its own reference date (the date part of
`reference_datetime`). An expected entity passes when a TIME fact overlaps its
span and the fact's `value` or `resolved` equals one of the entity's timex
values. Recognizers writes a range as `(START,END,DURATION)` with START and END
as the first day of each end (`从2016到2018` -> `(2016-01-01,2018-01-01,P2Y)`);
tiqu writes `2016/2018`, so both ends of a tiqu interval are expanded to their
first day before comparing, and the duration is ignored; tiqu's `2018/PRESENT_REF`
(自2018年以来) is compared as `2018`, which Recognizers marks with Mod "since".
A case that expects nothing passes when tiqu finds no TIME fact in it. Mods are
not compared.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SUITES = ["DateParser", "DatePeriodParser", "DurationParser", "SetParser", "TimeParser", "DateTimeModel"]
REPO = Path(__file__).resolve().parents[2]


def expected_timexes(entity):
    """The timex strings an expected entity accepts."""
    res = entity.get("resolution") or {}
    if "Timex" in res:
        return {res["Timex"]}
    return {v["timex"] for v in res.get("values", []) if v.get("timex")}


def first_day(point):
    """A TIMEX3 date at year or month granularity, expanded to its first day."""
    if re.fullmatch(r"[0-9X]{4}", point):
        return point + "-01-01"
    if re.fullmatch(r"[0-9X]{4}-[0-9X]{2}", point):
        return point + "-01"
    return point


def tiqu_forms(value):
    """The forms a tiqu value takes in Recognizers' notation."""
    forms = {value}
    if value.endswith("/PRESENT_REF"):
        # Recognizers writes 自2018年以来 as the start with Mod "since".
        forms.add(value[: -len("/PRESENT_REF")])
    elif "/" in value and not value.startswith("P"):
        start, end = value.split("/", 1)
        forms.add(f"({first_day(start)},{first_day(end)})")
    return forms


def recognizer_form(timex):
    """A Recognizers timex without the duration of a range."""
    m = re.fullmatch(r"\(([^,]+),([^,]+),[^)]*\)", timex)
    return f"({first_day(m.group(1))},{first_day(m.group(2))})" if m else timex


def shape(timex):
    """A coarse class of what a timex denotes, to group failures."""
    if timex.startswith("("):
        return "range"
    if timex.startswith("P"):
        return "duration"
    if timex.startswith("T") or "T" in timex[10:]:
        return "time of day"
    if "W" in timex:
        return "week or weekday"
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", timex):
        return "resolved date"
    return "partial date"


def load_cases(directory):
    cases = []
    for suite in SUITES:
        path = directory / f"{suite}.jsonl"
        if not path.is_file():
            sys.exit(f"missing suite file {path}")
        with path.open(encoding="utf-8") as f:
            for line in f:
                case = json.loads(line)
                case["id"] = f"{suite}:{case['index']}"
                cases.append(case)
    return cases


def run_tiqu(tiqu, cases):
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with inp.open("w", encoding="utf-8") as f:
            for case in cases:
                doc = {"id": case["id"], "text": case["input"]}
                if case.get("reference_datetime"):
                    doc["reference_date"] = case["reference_datetime"][:10]
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        subprocess.run([str(tiqu), "extract", str(inp), "--format", "jsonl", "-o", str(out)], check=True)
        with out.open(encoding="utf-8") as f:
            return {d["id"]: d for d in map(json.loads, f)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_suites = os.environ.get("TIQU_PEER_SUITES", str(REPO.parent / "shared/peer-suites/recognizers-zh"))
    ap.add_argument("--suites", default=default_suites)
    ap.add_argument("--tiqu", default=str(REPO / "build/tiqu"))
    ap.add_argument("--show", type=int, default=3, help="examples shown per kind of failure")
    ap.add_argument("--json", help="write the pass rates here")
    args = ap.parse_args()

    cases = load_cases(Path(args.suites))
    docs = run_tiqu(args.tiqu, cases)

    totals = collections.Counter()
    passed = collections.Counter()
    failures = collections.defaultdict(list)
    for case in cases:
        suite = case["model"]
        facts = [f for f in docs[case["id"]].get("facts", []) if f["type"] == "TIME"]
        if not case["expected"]:
            totals[suite] += 1
            if facts:
                failures[(suite, "negative: found a time")].append((case, None, facts))
            else:
                passed[suite] += 1
            continue
        for entity in case["expected"]:
            totals[suite] += 1
            begin, end = entity["start"], entity["end"] + 1
            near = [f for f in facts if f["span"].get("begin", 0) < end and begin < f["span"]["end"]]
            wanted = {recognizer_form(t) for t in expected_timexes(entity)}
            ok = any(wanted & tiqu_forms(v) for f in near for v in (f["time"].get("value", ""),
                                                                       f["time"].get("resolved", "")) if v)
            if ok:
                passed[suite] += 1
                continue
            kind = "not found" if not near else "other value"
            example_shape = shape(sorted(expected_timexes(entity))[0]) if wanted else "?"
            failures[(suite, f"{kind}: {example_shape}")].append((case, entity, near))

    print(f"{'suite':<18} {'cases':>6} {'pass':>6} {'rate':>7}")
    all_total = all_pass = 0
    rates = {}
    for suite in SUITES:
        t, p = totals[suite], passed[suite]
        all_total, all_pass = all_total + t, all_pass + p
        rates[suite] = p / t if t else 0.0
        print(f"{suite:<18} {t:>6} {p:>6} {rates[suite]:>7.1%}")
    print(f"{'all':<18} {all_total:>6} {all_pass:>6} {all_pass / all_total:>7.1%}")
    rates["all"] = all_pass / all_total

    print("\nfailures by suite and kind (expected timex shape):")
    for (suite, kind), items in sorted(failures.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  {len(items):>4}  {suite:<18} {kind}")
        for case, entity, near in items[: args.show]:
            want = "nothing" if entity is None else f"{entity['text']} -> {sorted(expected_timexes(entity))[0]}"
            got = ", ".join(f"{f['text']} -> {f['time'].get('resolved') or f['time'].get('value')}" for f in near)
            print(f"          {case['input'][:40]!r}: want {want}; got {got or 'nothing'}")
    if args.json:
        Path(args.json).write_text(json.dumps(rates, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
