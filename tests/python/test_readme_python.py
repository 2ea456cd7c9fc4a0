"""The README's Python quick start runs as written."""
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_quick_start_runs(tmp_path, monkeypatch, capsys):
    section = README.read_text(encoding="utf-8").split("## Python quick start", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md (Python quick start)", "exec"), {})
    out = capsys.readouterr().out
    assert "QUANTITY １２８０次" in out and "23000.0" in out
    assert (tmp_path / "facts.binpb").exists()
