#!/usr/bin/env bash
# Runs every fuzz target of BUILD_DIR for SECONDS each (see README.md here).
#   tests/fuzz/run.sh build-asan 45          # what `make test` does
#   tests/fuzz/run.sh build-asan 1800        # `make fuzz`
#   tests/fuzz/run.sh build-asan 60 fuzz_numeral   # one target
# First each target replays its regression inputs (tests/fuzz/regressions/
# TARGET: inputs that once crashed it), then fuzzes starting from its seeds.
# The corpus it grows is kept in BUILD_DIR/fuzz/corpus/TARGET for later runs;
# a crashing input is saved in BUILD_DIR/fuzz/artifacts/ and the run fails.
set -euo pipefail
build_dir=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_extract fuzz_numeral fuzz_normalizers fuzz_rule_loader fuzz_time)

# Seed directories per target.
seeds_for() {
  case $1 in
    fuzz_extract) echo "$root/examples/corpus $here/seeds/extract" ;;
    fuzz_numeral) echo "$here/seeds/numeral" ;;
    fuzz_normalizers) echo "$here/seeds/normalizers" ;;
    fuzz_rule_loader) echo "$root/cpp/rules/zh $here/seeds/rule_loader" ;;
    fuzz_time) echo "$here/seeds/time" ;;
  esac
}
# Options per target: the longest input worth trying, a dictionary.
options_for() {
  case $1 in
    fuzz_extract) echo "-max_len=16384 -dict=$here/dicts/text.dict" ;;
    fuzz_numeral) echo "-max_len=256 -dict=$here/dicts/text.dict" ;;
    fuzz_normalizers) echo "-max_len=512 -dict=$here/dicts/text.dict" ;;
    fuzz_rule_loader) echo "-max_len=8192 -dict=$here/dicts/rules.dict" ;;
    fuzz_time) echo "-max_len=256 -dict=$here/dicts/text.dict" ;;
  esac
}

mkdir -p "$build_dir/fuzz/artifacts"
total_runs=0
for target in "${targets[@]}"; do
  binary="$build_dir/tests/fuzz/$target"
  [ -x "$binary" ] || { echo "run.sh: $binary is not built" >&2; exit 2; }
  regressions="$here/regressions/$target"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "== $target: replaying $(ls "$regressions" | wc -l) regression input(s)"
    "$binary" -runs=0 "$regressions"/* > "$build_dir/fuzz/$target.regressions.log" 2>&1 || {
      tail -50 "$build_dir/fuzz/$target.regressions.log" >&2
      echo "run.sh: $target fails on a regression input" >&2
      exit 1
    }
  fi
  corpus="$build_dir/fuzz/corpus/$target"
  mkdir -p "$corpus"
  # shellcheck disable=SC2046
  seed_dirs=$(for d in $(seeds_for "$target"); do [ -d "$d" ] && echo "$d"; done)
  log="$build_dir/fuzz/$target.log"
  echo "== $target: fuzzing for ${seconds}s (corpus $corpus, log $log)"
  # -timeout: one input taking this long is a failure (the engine is linear;
  # the margin is for a loaded machine and the sanitizers' slowdown).
  # shellcheck disable=SC2086
  if ! "$binary" $(options_for "$target") -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$build_dir/fuzz/artifacts/$target-" \
      "$corpus" $seed_dirs > "$log" 2>&1; then
    tail -60 "$log" >&2
    echo "run.sh: $target found a failing input; see $build_dir/fuzz/artifacts/ and $log" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  echo "   $target: ${runs:-?} inputs in ${seconds}s, $cov, corpus $(ls "$corpus" | wc -l) file(s), no failure"
  total_runs=$((total_runs + ${runs:-0}))
done
echo "fuzzing: ${#targets[@]} target(s), $total_runs inputs, no failure"
