#!/usr/bin/env python3
"""`make bench`: throughput, memory and load time of tiqu on a >= 100 MB
corpus, the floor (read + one trivial RE2 scan) measured in the same run, the
peers side by side on the same texts, and the Google Benchmark
microbenchmarks. Prints a Markdown report and writes it, with the raw
numbers as JSON, to build/bench/.

Only the standard library: the peers run in their own venv (--venv), one
subprocess each.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"QUANTITY": "number", "PERCENTAGE": "percentage", "MONEY": "money", "TIME": "time"}
# What the peers find: tiqu restricted to these types (--types) is the
# like-for-like comparison; the full pack's figures are reported too.
COMPARABLE_TYPES = ",".join(KINDS)


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)




def run_rusage(cmd, stdout_path=os.devnull, stdin_path=None):
    """Runs cmd with wait4: (wall s, cpu s, peak RSS MB, stderr text)."""
    err_path = ROOT / "build" / "bench" / "stderr.txt"
    with open(stdout_path, "wb") as out, open(err_path, "wb") as err, \
            open(stdin_path or os.devnull, "rb") as inp:
        started = time.perf_counter()
        pid = os.posix_spawn(str(cmd[0]), [str(c) for c in cmd], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, inp.fileno(), 0),
                                           (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
                                           (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
    text = err_path.read_text(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed:\n{text}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def stats_of(stderr):
    line = [l for l in stderr.splitlines() if "stats:" in l][-1]
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split("stats:")[1].split())}


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
    load = open("/proc/loadavg").read().split()[:3]
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}, load {' '.join(load)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", type=Path, default=ROOT / "build")
    ap.add_argument("--mb", type=float, default=100, help="size of the generated corpus")
    ap.add_argument("--big-mb", type=float, default=200, help="size of the single-document test; 0: skip")
    ap.add_argument("--venv", type=Path, default=ROOT / "build" / "bench-venv")
    ap.add_argument("--peer-mb", type=float, default=2, help="size of the peers' text subset")
    ap.add_argument("--peer-budget", type=float, default=45, help="seconds per peer")
    ap.add_argument("--peers", default="cn2an,jionlp,recognizers-text,duckling")
    args = ap.parse_args()

    out_dir = args.build / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    tiqu = args.build / "tiqu"
    sources = [ROOT / "examples" / "corpus"]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        seeds = Path("/work/shared/corpus/seeds")
    if seeds.is_dir():
        sources.append(seeds)
    corpus = out_dir / "corpus"
    subprocess.run([sys.executable, ROOT / "tests" / "bench" / "make_corpus.py", corpus, "--mb", str(args.mb),
                    "--sources", *sources], check=True)
    files = sorted(corpus.rglob("*.txt"))
    corpus_bytes = sum(f.stat().st_size for f in files)
    r = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
         "machine": machine(), "corpus_mb": corpus_bytes / 1e6, "documents": len(files),
         "sources": [str(s) for s in sources]}

    # The floor, twice: the first run also brings the corpus into the page cache.
    floor_cmd = [args.build / "tests" / "bench" / "tiqu_floor", corpus]
    for _ in range(2):
        wall, cpu, rss, _ = run_rusage(floor_cmd, stdout_path=out_dir / "floor.json")
    floor = json.loads((out_dir / "floor.json").read_text())
    r["floor"] = {"seconds": floor["seconds"], "cpu_seconds": cpu, "mb_s": corpus_bytes / 1e6 / floor["seconds"]}
    log(f"floor: {r['floor']['mb_s']:.0f} MB/s")

    # Rule load time: the best of five processes extracting nothing.
    loads = []
    empty = out_dir / "empty.txt"
    empty.write_text("")
    for _ in range(5):
        _, _, _, err = run_rusage([tiqu, "extract", empty, "-o", os.devnull, "--stats", "--no-progress"])
        loads.append(stats_of(err)["rule_load_seconds"])
    r["rule_load_ms"] = min(loads) * 1000
    rules = subprocess.run([tiqu, "rules", "list"], capture_output=True, check=True).stdout.decode().splitlines()
    r["rules"] = len(rules)

    def extract(threads, inputs, label, types=None):
        cmd = [tiqu, "extract", *inputs, "-o", os.devnull, "--format", "binpb", "--threads", str(threads),
               "--stats", "--no-progress"] + (["--types", types] if types else [])
        wall, cpu, rss, err = run_rusage(cmd)
        s = stats_of(err)
        res = {"threads": threads, "wall_s": wall, "cpu_s": cpu, "rss_mb": rss, "facts": int(s["facts"]),
               "mb": s["bytes"] / 1e6, "mb_s": s["bytes"] / 1e6 / wall, "mb_per_cpu_s": s["bytes"] / 1e6 / cpu,
               "facts_s": s["facts"] / wall}
        log(f"{label}: {res['mb_s']:.1f} MB/s wall, {res['mb_per_cpu_s']:.1f} MB per CPU-second, "
            f"{rss:.0f} MB peak RSS")
        return res

    r["single"] = extract(1, [corpus], "1 thread")
    r["all"] = extract(0, [corpus], f"{os.cpu_count()} threads")
    r["speedup"] = r["single"]["wall_s"] / r["all"]["wall_s"]
    r["single_comparable"] = extract(1, [corpus], f"1 thread, {COMPARABLE_TYPES} only", types=COMPARABLE_TYPES)
    r["floor_multiple"] = r["single"]["cpu_s"] / r["floor"]["cpu_seconds"]

    if args.big_mb > 0:
        big = out_dir / "big" / "one.txt"
        big.parent.mkdir(exist_ok=True)
        target = int(args.big_mb * 1e6)
        if not big.exists() or big.stat().st_size < target:
            with open(big, "wb") as f:
                written = 0
                while written < target:
                    for p in files:
                        data = p.read_bytes()
                        f.write(data)
                        written += len(data)
                        if written >= target:
                            break
        r["big"] = extract(0, [big], f"one {big.stat().st_size / 1e6:.0f} MB document")

    # The peers, on paragraphs of the first documents, one call each.
    units = out_dir / "peer_units.jsonl"
    with open(units, "w", encoding="utf-8") as f:
        size = 0
        n = 0
        for p in files:
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    f.write(json.dumps({"id": str(n), "text": line}, ensure_ascii=False) + "\n")
                    n += 1
                    size += len(line.encode())
            if size >= args.peer_mb * 1e6:
                break
    tiqu_units_out = out_dir / "peer_units.tiqu.jsonl"
    wall, cpu, _, err = run_rusage([tiqu, "extract", units, "-o", tiqu_units_out, "--threads", "1", "--stats",
                                    "--no-progress"])
    s = stats_of(err)
    per_unit = []
    for line in open(tiqu_units_out, encoding="utf-8"):
        d = json.loads(line)
        c = dict.fromkeys(KINDS.values(), 0)
        for fact in d.get("facts", []):
            if fact["type"] in KINDS:
                c[KINDS[fact["type"]]] += 1
        per_unit.append(c)
    r["peer_subset"] = {"units": len(per_unit), "mb": s["bytes"] / 1e6,
                        "tiqu_mb_s": s["bytes"] / 1e6 / s["extract_seconds"]}
    r["peers"] = {}
    python = args.venv / "bin" / "python"
    for peer in args.peers.split(","):
        if not python.exists():
            r["peers"][peer] = {"error": f"no benchmark venv at {args.venv}"}
            continue
        try:
            proc = subprocess.run([python, ROOT / "tests" / "bench" / "peers.py", units, "--peer", peer,
                                   "--budget", str(args.peer_budget)], capture_output=True,
                                  timeout=args.peer_budget * 3 + 120)
            res = json.loads(proc.stdout.decode().strip().splitlines()[-1]) if proc.returncode == 0 else \
                {"error": proc.stderr.decode()[-300:]}
        except subprocess.TimeoutExpired:
            res = {"error": "did not finish (hung on one text)"}
        if "units" in res:
            res["mb_s"] = res["bytes"] / 1e6 / res["seconds"]
            tc = dict.fromkeys(KINDS.values(), 0)
            for c in per_unit[:res["units"]]:
                for k, v in c.items():
                    tc[k] += v
            res["tiqu_counts"] = tc
            res["ratio"] = r["single"]["mb_per_cpu_s"] / res["mb_s"]
            res["ratio_comparable"] = r["single_comparable"]["mb_per_cpu_s"] / res["mb_s"]
            log(f"{peer}: {res['mb_s']:.3f} MB/s over {res['units']} texts")
        else:
            log(f"{peer}: {res['error']}")
        r["peers"][peer] = res

    micro = args.build / "tests" / "bench" / "tiqu_microbench"
    if micro.exists():
        proc = subprocess.run([micro, "--benchmark_min_time=0.3", "--benchmark_format=json"], capture_output=True,
                              check=True)
        r["micro"] = [{"name": b["name"], "cpu_ns": b["cpu_time"] if b["time_unit"] == "ns" else b["cpu_time"] * 1e6,
                       "bytes_per_second": b.get("bytes_per_second"), "items_per_second": b.get("items_per_second")}
                      for b in json.loads(proc.stdout)["benchmarks"]]

    (out_dir / "report.json").write_text(json.dumps(r, indent=1))
    report = render(r)
    (out_dir / "report.md").write_text(report)
    print(report)


def render(r):
    s, a = r["single"], r["all"]
    lines = [
        f"Date: {r['date']}. Machine: {r['machine']}.",
        f"Corpus: {r['documents']} documents, {r['corpus_mb']:.1f} MB (generated from {', '.join(Path(x).name for x in r['sources'])}); "
        f"default rule pack: {r['rules']} rules. Command: `make bench`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| throughput, 1 thread | {s['mb_s']:.1f} MB/s wall, {s['mb_per_cpu_s']:.1f} MB per CPU-second |",
        f"| throughput, all {os.cpu_count()} threads | {a['mb_s']:.1f} MB/s wall |",
        f"| throughput, 1 thread, only {COMPARABLE_TYPES} | {r['single_comparable']['mb_s']:.1f} MB/s wall, "
        f"{r['single_comparable']['mb_per_cpu_s']:.1f} MB per CPU-second |",
        f"| speedup, all threads / 1 thread | {r['speedup']:.2f}x |",
        f"| facts | {s['facts']:,} ({s['facts'] / s['mb']:.0f} per MB); {a['facts_s']:,.0f} facts/s on all threads |",
        f"| peak RSS, streaming 1 / all threads | {s['rss_mb']:.0f} MB / {a['rss_mb']:.0f} MB |",
        f"| rule set load + compile | {r['rule_load_ms']:.1f} ms |",
        f"| floor: read + one RE2 scan, 1 thread | {r['floor']['mb_s']:.0f} MB/s |",
        f"| tiqu CPU time / floor CPU time | {r['floor_multiple']:.1f}x |",
    ]
    if "big" in r:
        b = r["big"]
        lines.append(f"| one {b['mb']:.0f} MB document | {b['wall_s']:.1f} s, {b['mb_s']:.1f} MB/s, {b['rss_mb']:.0f} MB peak RSS |")
    lines += ["", f"Peers on the same {r['peer_subset']['units']} paragraphs ({r['peer_subset']['mb']:.2f} MB; "
              f"each peer until done or its time budget is spent; tiqu on these: "
              f"{r['peer_subset']['tiqu_mb_s']:.1f} MB/s). Ratios: tiqu's single-thread MB per CPU-second on the big corpus "
              f"/ the peer's MB/s, with the full pack and with --types {COMPARABLE_TYPES} (the types the peers find).",
              "", "| tool | version | texts | MB/s | tiqu ratio, full pack | tiqu ratio, same types | numbers | percentages | money | times | tiqu on the same texts (quantities / percentages / money / times) |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, p in r["peers"].items():
        if "error" in p:
            lines.append(f"| {name} | | | | | | | | | | not measured: {p['error'].splitlines()[-1] if p['error'] else ''} |")
            continue
        c, t = p["counts"], p["tiqu_counts"]
        lines.append(f"| {name} | {p['version']} | {p['units']} | {p['mb_s']:.3f} | {p['ratio']:.0f}x | "
                     f"{p['ratio_comparable']:.0f}x | {c['number']} | "
                     f"{c['percentage']} | {c['money']} | {c['time']} | {t['number']} / {t['percentage']} / {t['money']} / {t['time']} |")
    if "micro" in r:
        lines += ["", "| microbenchmark | CPU time | throughput |", "|---|---|---|"]
        for m in r["micro"]:
            rate = f"{m['bytes_per_second'] / 1e6:.1f} MB/s" if m.get("bytes_per_second") else \
                f"{m['items_per_second'] / 1e6:.2f} M items/s" if m.get("items_per_second") else ""
            lines.append(f"| {m['name']} | {m['cpu_ns'] / 1e3:.1f} µs | {rate} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
