#!/usr/bin/env python3
"""Runs the peer libraries over the same documents, for the fact types they
share with tiqu: numbers (with units), percentages, money, dates/times.

Runs inside the benchmark venv (build/bench-venv), never tiqu's own
environment. The peer gets the texts of INPUT.jsonl (paragraphs) in order,
one call each, until it has processed them all or its time budget is spent;
the report says how many it finished, so that tiqu's counts can be taken
over exactly those texts.

Prints one JSON object: {"units", "bytes", "seconds", "counts": {kind: n},
"version"}, or {"error": ...} when the peer does not load.
"""
import argparse
import json
import logging
import re
import sys
import time
import warnings
from importlib import metadata

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every time phrase it cannot parse

ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def version(dist):
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def make_jionlp():
    import jionlp as jio

    def run(line, counts):
        counts["money"] += len(jio.ner.extract_money(line))
        counts["time"] += len(jio.ner.extract_time(line))
    return run, version("jionlp")


def make_cn2an():
    import cn2an

    # cn2an converts Chinese numerals inside a text to Arabic ones; the
    # numbers it found are those that appear in its output and not before.
    def run(line, counts):
        out = cn2an.transform(line, "cn2an")
        counts["number"] += max(0, len(ARABIC.findall(out)) - len(ARABIC.findall(line)))
    return run, version("cn2an")


def make_recognizers():
    from recognizers_suite import (Culture, recognize_currency, recognize_datetime, recognize_dimension,
                                   recognize_number, recognize_percentage)
    kinds = [("number", recognize_number), ("percentage", recognize_percentage), ("money", recognize_currency),
             ("dimension", recognize_dimension), ("time", recognize_datetime)]

    def run(line, counts):
        for kind, fn in kinds:
            counts[kind] += len(fn(line, Culture.Chinese))
    return run, version("recognizers-text-suite")


def make_duckling():
    import duckling
    duckling.init()
    tz = duckling.load_time_zones("/usr/share/zoneinfo")
    lang = duckling.parse_lang("ZH")
    locale = duckling.parse_locale("ZH_CN", duckling.default_locale_lang(lang))
    ref = duckling.get_current_ref_time(tz, "Asia/Shanghai")
    context = duckling.Context(ref, locale)
    dims = duckling.parse_dimensions(["number", "amount-of-money", "time", "quantity", "distance", "volume"])
    names = {"number": "number", "amount-of-money": "money", "time": "time", "quantity": "dimension",
             "distance": "dimension", "volume": "dimension"}

    def run(line, counts):
        for entity in duckling.parse(line, context, dims, False):
            counts[names.get(entity["dim"], entity["dim"])] += 1
    return run, version("pyduckling-native-phihos")


PEERS = {"jionlp": make_jionlp, "cn2an": make_cn2an, "recognizers-text": make_recognizers,
         "duckling": make_duckling}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input", help="JSONL of {id, text}: the units, one call each (paragraphs)")
    ap.add_argument("--peer", required=True, choices=sorted(PEERS))
    ap.add_argument("--budget", type=float, default=45, help="seconds")
    args = ap.parse_args()
    texts = [json.loads(l)["text"] for l in open(args.input, encoding="utf-8") if l.strip()]
    kinds = ("number", "percentage", "money", "time", "dimension")
    try:
        run, ver = PEERS[args.peer]()
        # One warm-up call outside the clock: lazy loading of models and
        # dictionaries is a one-time cost, like tiqu's rule compilation.
        run("2023年完成投资1.5亿元，增长12%。", dict.fromkeys(kinds, 0))
    except Exception as e:  # a peer that does not install or load is reported, not fatal
        json.dump({"error": f"{type(e).__name__}: {e}"}, sys.stdout)
        print()
        return
    counts = dict.fromkeys(kinds, 0)
    done = size = 0
    started = time.perf_counter()
    for text in texts:
        run(text, counts)
        done += 1
        size += len(text.encode("utf-8"))
        if time.perf_counter() - started > args.budget:
            break
    seconds = time.perf_counter() - started
    json.dump({"units": done, "bytes": size, "seconds": seconds, "counts": counts, "version": ver}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
