"""The installed C++ package, used the way a C++ service would: `cmake
--install` into a temporary prefix, then examples/cpp built out of tree with
find_package(tiqu), and once more with pkg-config."""
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("TIQU_CLI") or str(ROOT / "build" / "tiqu")
BUILD_DIR = Path(CLI).resolve().parent

pytestmark = pytest.mark.skipif(shutil.which("cmake") is None, reason="needs cmake")

# Our own sentences, with the kinds of numbers the shipped rules look for.
SAMPLE = "本月社区网格员入户走访386户，收集意见建议42条，其中约七成已办结。\n全年共举办培训班12期，参训人员1500余人次。\n"


def run(*args, **kwargs):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    run("cmake", "--install", BUILD_DIR, "--prefix", prefix)
    return prefix


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "report.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def cli_facts(path):
    doc = json.loads(run(CLI, "extract", path, "--format", "json").stdout)
    return [(f["type"], f["span"].get("begin", 0), f["span"]["end"], f["text"]) for f in doc.get("facts", [])]


def example_facts(output):
    """(type, begin, end, text) of each line the example printed, and its
    closing count line."""
    lines = output.splitlines()
    facts = []
    for line in lines[:-1]:
        fact_type, begin, end, text, _value = line.split("\t")
        facts.append((fact_type, int(begin), int(end), json.loads(text)))
    return facts, lines[-1]


def test_install_lays_out_the_package(prefix):
    libdir = next(p for p in [prefix / "lib", *prefix.glob("lib/*-linux-gnu")] if (p / "cmake" / "tiqu").is_dir())
    expected = [
        prefix / "bin" / "tiqu",
        prefix / "include" / "tiqu" / "tiqu.h",
        prefix / "include" / "tiqu" / "io.h",
        prefix / "include" / "tiqu" / "status.h",
        prefix / "include" / "tiqu" / "v1" / "document.pb.h",
        prefix / "include" / "tiqu" / "v1" / "document.proto",
        prefix / "include" / "tiqu" / "v1" / "rules.proto",
        libdir / "cmake" / "tiqu" / "tiquConfig.cmake",
        libdir / "cmake" / "tiqu" / "tiquConfigVersion.cmake",
        libdir / "cmake" / "tiqu" / "tiquTargets.cmake",
        libdir / "pkgconfig" / "tiqu.pc",
    ]
    missing = [str(p.relative_to(prefix)) for p in expected if not p.is_file()]
    assert missing == []
    assert list(libdir.glob("libtiqu.*")), "no libtiqu installed"
    assert run(prefix / "bin" / "tiqu", "version").stdout.startswith("tiqu ")


def test_components_install_separately(tmp_path):
    """What the Python wheel relies on: a component installs only its part,
    so headers and CMake config can be left out."""
    run("cmake", "--install", BUILD_DIR, "--prefix", tmp_path / "cli", "--component", "cli")
    assert sorted(str(p.relative_to(tmp_path / "cli")) for p in (tmp_path / "cli").rglob("*") if p.is_file()) == \
        ["bin/tiqu"]
    run("cmake", "--install", BUILD_DIR, "--prefix", tmp_path / "proto", "--component", "proto")
    assert sorted(p.name for p in (tmp_path / "proto").rglob("*") if p.is_file()) == ["document.proto", "rules.proto"]
    run("cmake", "--install", BUILD_DIR, "--prefix", tmp_path / "headers", "--component", "headers")
    headers = [p for p in (tmp_path / "headers").rglob("*") if p.is_file()]
    assert headers and all(p.suffix == ".h" for p in headers)


def test_out_of_tree_cmake_consumer_agrees_with_cli(prefix, sample, tmp_path):
    build = tmp_path / "build"
    run("cmake", "-S", ROOT / "examples" / "cpp", "-B", build, f"-DCMAKE_PREFIX_PATH={prefix}",
        "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON")
    run("cmake", "--build", build)
    facts, summary = example_facts(run(build / "extract_facts", sample).stdout)
    expected = cli_facts(sample)
    assert len(expected) >= 2, "the sample should give facts"
    assert facts == expected
    counts = Counter(t for t, *_ in expected)
    assert summary == f"# {len(expected)} fact(s) " + " ".join(f"{t}={n}" for t, n in sorted(counts.items()))


@pytest.mark.skipif(shutil.which("pkg-config") is None or shutil.which("c++") is None, reason="needs pkg-config, c++")
def test_pkg_config_consumer(prefix, sample, tmp_path):
    pc_dirs = [str(p.parent) for p in prefix.rglob("tiqu.pc")]
    env = {**os.environ, "PKG_CONFIG_PATH": os.pathsep.join(pc_dirs)}
    flags = run("pkg-config", "--cflags", "--libs", "tiqu", env=env).stdout.split()
    binary = tmp_path / "extract_facts"
    run("c++", "-std=c++17", "-O1", ROOT / "examples" / "cpp" / "extract_facts.cc", "-o", binary, *flags)
    facts, _ = example_facts(run(binary, sample).stdout)
    assert facts == cli_facts(sample)


@pytest.mark.skipif(shutil.which("pkg-config") is None or shutil.which("c++") is None, reason="needs pkg-config, c++")
def test_every_installed_header_compiles_on_its_own(prefix, tmp_path):
    """Public headers include only other public headers and the generated
    protobuf code, never tiqu's internal ones."""
    pc_dirs = [str(p.parent) for p in prefix.rglob("tiqu.pc")]
    env = {**os.environ, "PKG_CONFIG_PATH": os.pathsep.join(pc_dirs)}
    cflags = run("pkg-config", "--cflags", "tiqu", env=env).stdout.split()
    headers = sorted((prefix / "include" / "tiqu").rglob("*.h"))
    assert len(headers) >= 5
    compiles = []
    for i, header in enumerate(headers):
        source = tmp_path / f"header_{i}.cc"
        source.write_text(f'#include "{header.relative_to(prefix / "include")}"\n', encoding="utf-8")
        compiles.append((header, subprocess.Popen(["c++", "-std=c++17", "-fsyntax-only", *cflags, str(source)],
                                                  stderr=subprocess.PIPE, text=True)))
    failed = {header.name: proc.communicate()[1] for header, proc in compiles if proc.wait() != 0}
    assert failed == {}
