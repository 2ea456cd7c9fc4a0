#!/usr/bin/env python3
"""Run the Recognizers-Text Chinese number suites through tiqu and print pass rates.

usage: recognizers_numbers.py [--suite-dir DIR] [--tiqu PATH] [--models M1,M2] [--show N] [--json OUT]

The suites (one JSON line per case, see the suite's README) are the peer's own
test cases; their conventions are not tiqu's, so the rates are a yardstick, not
a target. Each model is mapped to the nearest tiqu check:

  NumberModel       the numeral parser (`tiqu numeral`): every expected entity's
                    raw text (`input_text`) must parse to the expected value.
                    Extraction is not used: NumberModel finds bare numbers, and
                    tiqu only reports numbers with a unit or a percent sign.
  PercentModel      extraction, PERCENTAGE facts; value = percent ("72%" -> 72).
  CurrencyModel     extraction, MONEY facts; value = amount, isoCurrency = currency.
  DimensionModel    extraction, QUANTITY facts; value only (the peer's unit is
                    an English name such as "Kilogram").
  NumberRangeModel  extraction, QUANTITY or PERCENTAGE facts; the interval
                    "[a,b]" must be value a and value_max b, "(a," / "[a," value a
                    with qualifier MORE_THAN / AT_LEAST, ",b)" / ",b]" value b with
                    LESS_THAN / AT_MOST.

What "pass" means:
  entity  an expected entity passes when tiqu reports a fact of the mapped type
          with exactly its span (start .. end inclusive, i.e. tiqu's
          [begin, end) with end = peer end + 1, in code points of the input)
          and the same value (relative tolerance 1e-6; the currency too, where
          the peer gives one). For NumberModel: the parsed value is right.
  case    a case passes when every expected entity passes and tiqu reports no
          other fact of the mapped type (so a negative case passes when tiqu
          finds nothing). NumberModel has no case rate for negatives: the parser
          is given only expected texts.

Failure kinds, per expected entity: `missed` (no fact of the type overlaps it),
`span` (a fact overlaps it with the right value but another span), `value` (a
fact with the same span and a wrong value), `span+value` (overlapping, both
differ), `not a number` (NumberModel: the parser rejects the text); per case:
`spurious` (a fact of the type where the peer expects none).
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SUITE = ROOT.parent / "shared" / "peer-suites" / "recognizers-zh"
DEFAULT_TIQU = ROOT / "build" / "tiqu"
MODELS = ["NumberModel", "PercentModel", "NumberRangeModel", "CurrencyModel", "DimensionModel"]
FACT_TYPES = {
    "PercentModel": ("PERCENTAGE",),
    "CurrencyModel": ("MONEY",),
    "DimensionModel": ("QUANTITY",),
    "NumberRangeModel": ("QUANTITY", "PERCENTAGE"),
}


def same_number(a, b):
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def load_cases(suite_dir, model):
    path = Path(suite_dir) / f"{model}.jsonl"
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# --- NumberModel: the numeral parser --------------------------------------------------------

def run_numeral_parser(tiqu, texts):
    """Values of `texts` as `tiqu numeral` reads them (None: not a number)."""
    data = "".join(t.replace("\n", " ") + "\n" for t in texts).encode("utf-8")
    result = subprocess.run([str(tiqu), "numeral"], input=data, capture_output=True)
    if result.returncode not in (0, 1):
        sys.exit(f"tiqu numeral failed ({result.returncode}): {result.stderr.decode()}")
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    if len(rows) != len(texts):
        sys.exit(f"tiqu numeral printed {len(rows)} lines for {len(texts)} texts")
    return [row.get("value") for row in rows]


def score_number_model(cases, tiqu):
    entities = [(c, e) for c in cases for e in c["expected"]]
    values = run_numeral_parser(tiqu, [e["input_text"] for _, e in entities])
    stats = Counter()
    examples = defaultdict(list)
    passed_in_case = Counter()
    for (case, exp), got in zip(entities, values):
        want = float(exp["resolution"]["value"])
        if got is None:
            kind = "not a number"
        elif same_number(got, want):
            kind = "pass"
            passed_in_case[id(case)] += 1
        else:
            kind = "value"
        stats[kind] += 1
        if kind != "pass":
            examples[kind].append(f"{exp['input_text']!r}: want {exp['resolution']['value']}, got {got}")
    positive = [c for c in cases if c["expected"]]
    case_pass = sum(passed_in_case[id(c)] == len(c["expected"]) for c in positive)
    return {"cases": len(positive), "case_pass": case_pass, "entities": len(entities),
            "entity_pass": stats["pass"], "failures": {k: v for k, v in stats.items() if k != "pass"},
            "examples": examples, "note": "numeral parser on each expected text; negative cases skipped"}


# --- Extraction models ----------------------------------------------------------------------

def run_extraction(tiqu, cases):
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "cases.jsonl"
        out = Path(tmp) / "facts.jsonl"
        with open(inp, "w", encoding="utf-8") as f:
            for i, c in enumerate(cases):
                f.write(json.dumps({"id": str(i), "text": c["input"]}, ensure_ascii=False) + "\n")
        cmd = [str(tiqu), "extract", str(inp), "--format", "jsonl", "-o", str(out), "--no-progress"]
        result = subprocess.run(cmd, capture_output=True)
        if result.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr.decode()}")
        docs = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                docs[d["id"]] = d.get("facts", [])
    return [docs.get(str(i), []) for i in range(len(cases))]


def span_of(fact):
    return fact["span"].get("begin", 0), fact["span"]["end"]


def interval(text):
    """'[20,35)' -> (low, high, low_open, high_open); missing ends are None."""
    m = re.fullmatch(r"\s*([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])\s*", text)
    if not m:
        return None
    low = float(m.group(2)) if m.group(2).strip() else None
    high = float(m.group(3)) if m.group(3).strip() else None
    return low, high, m.group(1) == "(", m.group(4) == ")"


def value_matches(model, exp, fact):
    res = exp["resolution"]
    v = fact.get(fact["type"].lower(), {})
    if model == "PercentModel":
        return same_number(v.get("value"), res["value"].rstrip("%"))
    if model == "CurrencyModel":
        if not same_number(v.get("amount"), res["value"]):
            return False
        return "isoCurrency" not in res or v.get("currency", "CNY") == res["isoCurrency"]
    if model == "DimensionModel":
        return same_number(v.get("value"), res["value"])
    if model == "NumberRangeModel":
        iv = interval(res["value"])
        if iv is None:
            return False
        low, high, low_open, high_open = iv
        q = v.get("qualifier")
        if low is not None and high is not None:
            return same_number(v.get("value"), low) and same_number(v.get("value_max"), high)
        if low is not None:
            return same_number(v.get("value"), low) and q == ("MORE_THAN" if low_open else "AT_LEAST")
        if high is not None:
            return same_number(v.get("value"), high) and q == ("LESS_THAN" if high_open else "AT_MOST")
    return False


def describe(fact):
    v = fact.get(fact["type"].lower(), {})
    return f"{fact['text']!r} {json.dumps(v, ensure_ascii=False)}"


def score_extraction_model(model, cases, tiqu):
    types = FACT_TYPES[model]
    all_facts = run_extraction(tiqu, cases)
    stats = Counter()
    examples = defaultdict(list)
    case_pass = 0
    for case, facts in zip(cases, all_facts):
        facts = [f for f in facts if f["type"] in types]
        used = set()
        case_ok = True
        for exp in case["expected"]:
            begin, end = exp["start"], exp["end"] + 1
            overlapping = [(i, f) for i, f in enumerate(facts)
                           if span_of(f)[0] < end and begin < span_of(f)[1]]
            exact = [(i, f) for i, f in overlapping if span_of(f) == (begin, end)]
            if any(value_matches(model, exp, f) for _, f in exact):
                kind = "pass"
                used.add(next(i for i, f in exact if value_matches(model, exp, f)))
            elif exact:
                kind = "value"
            elif any(value_matches(model, exp, f) for _, f in overlapping):
                kind = "span"
            elif overlapping:
                kind = "span+value"
            else:
                kind = "missed"
            used.update(i for i, _ in overlapping)
            stats[kind] += 1
            if kind != "pass":
                case_ok = False
                got = "; ".join(describe(f) for _, f in overlapping) or "nothing"
                examples[kind].append(f"{case['input'][:40]!r}: want {exp['input_text']!r} "
                                      f"{json.dumps(exp['resolution'], ensure_ascii=False)}, got {got}")
        extra = [f for i, f in enumerate(facts) if i not in used]
        if extra:
            case_ok = False
            stats["spurious"] += len(extra)
            examples["spurious"].append(f"{case['input'][:40]!r}: " + "; ".join(describe(f) for f in extra))
        case_pass += case_ok
    entities = sum(len(c["expected"]) for c in cases)
    entity_pass = stats.pop("pass", 0)
    return {"cases": len(cases), "case_pass": case_pass, "entities": entities, "entity_pass": entity_pass,
            "failures": dict(stats), "examples": examples,
            "note": "extraction, " + "/".join(types) + " facts"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suite-dir", default=os.environ.get("RECOGNIZERS_ZH", str(DEFAULT_SUITE)))
    ap.add_argument("--tiqu", default=os.environ.get("TIQU_CLI", str(DEFAULT_TIQU)))
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--show", type=int, default=3, help="examples of each failure kind to print")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()
    if not Path(args.tiqu).is_file():
        sys.exit(f"no tiqu binary at {args.tiqu}: run `make build` or pass --tiqu")
    if not Path(args.suite_dir).is_dir():
        sys.exit(f"no suite directory at {args.suite_dir}: pass --suite-dir")

    results = {}
    for model in args.models.split(","):
        cases = load_cases(args.suite_dir, model)
        if model == "NumberModel":
            results[model] = score_number_model(cases, args.tiqu)
        else:
            results[model] = score_extraction_model(model, cases, args.tiqu)

    def pct(a, b):
        return f"{100.0 * a / b:5.1f}%" if b else "    -"

    print(f"{'model':<18}{'cases':>6}{'pass':>8}{'entities':>10}{'pass':>8}  failures")
    for model, r in results.items():
        failures = ", ".join(f"{k} {v}" for k, v in sorted(r["failures"].items(), key=lambda kv: -kv[1]))
        print(f"{model:<18}{r['cases']:>6}{pct(r['case_pass'], r['cases']):>8}{r['entities']:>10}"
              f"{pct(r['entity_pass'], r['entities']):>8}  {failures or 'none'}")
    for model, r in results.items():
        if args.show <= 0 or not r["examples"]:
            continue
        print(f"\n{model} ({r['note']}):")
        for kind, lines in sorted(r["examples"].items()):
            print(f"  {kind}:")
            for line in lines[:args.show]:
                print(f"    {line}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({m: {k: v for k, v in r.items() if k != "examples"} for m, r in results.items()}, f, indent=1)


if __name__ == "__main__":
    main()
