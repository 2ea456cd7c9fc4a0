# tiqu: the two commands a new machine needs are `make demo` and `make test`.
# Both install what is missing (Debian packages, a .venv with the Python
# tooling), build, and run.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
VENV ?= .venv
PYTHON := $(VENV)/bin/python
APT_PACKAGES := build-essential cmake ninja-build pkg-config libre2-dev libicu-dev libprotobuf-dev \
                protobuf-compiler libgtest-dev zlib1g-dev \
                default-jdk-headless libprotobuf-java clang libclang-rt-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps venv build test test-cpp test-python demo clean bench \
        build-asan build-tsan test-asan test-tsan fuzz-smoke fuzz
.PHONY: python-install

# Debian packages, installed only when one is missing.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The Python tooling lives in .venv; requirements-dev.txt pins what tests need.
$(VENV)/.installed: requirements-dev.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The benchmark tools without extra dependencies are compiled too, so that
# they cannot rot between `make bench` runs.
test-cpp: build
	cmake --build $(BUILD_DIR) -j $(JOBS) --target tiqu_floor tiqu_prefilter_lab
	cd $(BUILD_DIR) && ctest --output-on-failure --no-tests=error -j $(JOBS)

# The Python package, built by scikit-build-core into build/pip/ (kept, so a
# second install only rebuilds what changed) and installed into .venv.
python-install: deps venv
	CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) $(PYTHON) -m pip install -q --no-build-isolation .

test-python: build venv python-install
	TIQU_CLI=$(abspath $(BUILD_DIR))/tiqu $(PYTHON) -m pytest -q tests/python

test: test-cpp test-python test-asan test-tsan fuzz-smoke
	@echo "all tests passed"

# --- Sanitizers and fuzzing (tests/fuzz/README.md) ---------------------------
# build-asan: clang with ASan + UBSan and libFuzzer coverage; it holds the unit
# tests and the fuzz targets. build-tsan: only the concurrency tests, with TSan.
ASAN_DIR ?= build-asan
TSAN_DIR ?= build-tsan
FUZZ_SMOKE_SECONDS ?= 40
FUZZ_SECONDS ?= 1800
export ASAN_OPTIONS ?= detect_leaks=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS ?= halt_on_error=1:second_deadlock_stack=1

$(ASAN_DIR)/build.ninja: CMakeLists.txt cmake/sanitizers.cmake | deps
	CC=clang CXX=clang++ cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTIQU_SANITIZE=address,undefined -DTIQU_BUILD_FUZZERS=ON

build-asan: deps $(ASAN_DIR)/build.ninja
	cmake --build $(ASAN_DIR) -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_DIR) && ctest --output-on-failure --no-tests=error -j $(JOBS)

$(TSAN_DIR)/build.ninja: CMakeLists.txt cmake/sanitizers.cmake | deps
	CC=clang CXX=clang++ cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTIQU_SANITIZE=thread -DTIQU_BUILD_CLI=OFF

build-tsan: deps $(TSAN_DIR)/build.ninja
	cmake --build $(TSAN_DIR) -j $(JOBS) --target tiqu_concurrency_tests

test-tsan: build-tsan
	$(TSAN_DIR)/tests/tiqu_concurrency_tests

# Every fuzz target for FUZZ_SMOKE_SECONDS (make test) or FUZZ_SECONDS each
# (make fuzz); a crash, sanitizer report or broken invariant fails.
fuzz-smoke: build-asan
	tests/fuzz/run.sh $(ASAN_DIR) $(FUZZ_SMOKE_SECONDS)

fuzz: build-asan
	tests/fuzz/run.sh $(ASAN_DIR) $(FUZZ_SECONDS)

demo: build
	mkdir -p $(BUILD_DIR)/demo
	$(BUILD_DIR)/tiqu extract examples/corpus -o $(BUILD_DIR)/demo/facts.binpb
	$(BUILD_DIR)/tiqu extract examples/corpus -o $(BUILD_DIR)/demo/facts.jsonl
	@echo "wrote $(BUILD_DIR)/demo/facts.binpb and $(BUILD_DIR)/demo/facts.jsonl"
	@echo
	$(BUILD_DIR)/tiqu summary $(BUILD_DIR)/demo/facts.binpb --examples 3

# Benchmarks (not part of `make test`): throughput, memory, the floor, the
# peers (in their own venv, never tiqu dependencies) and microbenchmarks.
BENCH_VENV ?= $(BUILD_DIR)/bench-venv
BENCH_ARGS ?=
$(BENCH_VENV)/.installed: tests/bench/requirements-peers.txt
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q -r tests/bench/requirements-peers.txt
	touch $@

bench: build $(BENCH_VENV)/.installed
	@dpkg-query -W -f='$${Status}' libbenchmark-dev 2>/dev/null | grep -q 'ok installed' || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libbenchmark-dev; }
	cmake -S . -B $(BUILD_DIR) > /dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS) --target tiqu tiqu_floor tiqu_microbench
	python3 tests/bench/run_bench.py --build $(BUILD_DIR) --venv $(BENCH_VENV) $(BENCH_ARGS)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR)
