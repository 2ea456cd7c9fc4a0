"""The .proto files against the checked-in descriptor snapshot, and the
checker itself against compatible and breaking edits."""
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "schema"))
import check_schema  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("protoc") is None, reason="needs protoc (Debian protobuf-compiler)")


def describe(proto_root):
    return check_schema.describe(proto_root, check_schema.current_files(proto_root))


def test_current_schema_is_compatible_with_snapshot():
    problems = check_schema.compare(check_schema.load_snapshot(), describe(ROOT / "proto"))
    assert problems == [], "\n".join(problems)


def test_snapshot_covers_the_output_schema():
    messages, enums = check_schema.index(check_schema.load_snapshot())
    assert {"tiqu.v1.Document", "tiqu.v1.Fact", "tiqu.v1.Span", "tiqu.v1.Quantity"} <= set(messages)
    assert "tiqu.v1.Fact.Type" in enums


@pytest.fixture
def edited(tmp_path):
    """Copies proto/ and applies text edits to document.proto; returns the
    edited schema's descriptors next to those of the unedited copy."""
    root = tmp_path / "proto"
    shutil.copytree(ROOT / "proto", root)
    before = describe(root)
    path = root / "tiqu" / "v1" / "document.proto"

    def apply(*edits):
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert text.count(old) == 1, f"edit target not found exactly once: {old!r}"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        return before, describe(root)

    return apply


def test_additions_pass(edited):
    before, after = edited(
        ("  int32 length = 8;\n", "  int32 length = 8;\n  string language = 9;\n  repeated string tags = 10;\n"),
        ("    INCOMPLETE = 6;\n", "    INCOMPLETE = 6;\n    SKIPPED = 7;\n"),
        ("message Span {", "message Region {\n  string name = 1;\n}\n\nmessage Span {"),
        ("    Article article = 23;\n", "    Article article = 23;\n    Region region = 25;\n"),
    )
    assert check_schema.compare(before, after) == []


def test_reserving_an_unused_number_passes(edited):
    before, after = edited(("  int32 length = 8;\n}", "  int32 length = 8;\n  reserved 20;\n}"))
    assert check_schema.compare(before, after) == []


def test_removing_a_field_with_reserved_number_and_name_passes(edited):
    before, after = edited(("  string rule = 4;\n", "  reserved 4;\n  reserved \"rule\";\n"))
    assert check_schema.compare(before, after) == []


@pytest.mark.parametrize("edit, expected", [
    (("  string rule = 4;\n", ""), "tiqu.v1.Fact.rule (= 4) was removed"),
    (("  string rule = 4;\n", "  reserved 4;\n"), "tiqu.v1.Fact.rule (= 4) was removed"),
    (("  int32 end = 2;\n", "  int32 end = 6;\n"), "tiqu.v1.Span.end (= 2) was renumbered to 6"),
    (("  int32 sentence = 5;\n", "  int64 sentence = 5;\n"), "type changed from TYPE_INT32 to TYPE_INT64"),
    (("  string text = 3;\n  // Id of", "  bytes text = 3;\n  // Id of"), "type changed from TYPE_STRING to TYPE_BYTES"),
    (("  repeated string titles = 2;\n", "  string titles = 2;\n"), "cardinality changed"),
    (("  optional double value = 1;\n  // Upper end of a range (`四五位`",
      "  double value = 1;\n  // Upper end of a range (`四五位`"), "presence changed"),
    (("  string custom_type = 6;\n", "  string custom_kind = 6;\n"), "was renamed to custom_kind"),
    (("    Quote quote = 22;\n", ""), "tiqu.v1.Fact.quote (= 22) was removed"),
    (("    TOO_LARGE = 3;\n", ""), "tiqu.v1.Status.Code.TOO_LARGE (= 3) was removed"),
])
def test_breaking_changes_fail(edited, edit, expected):
    before, after = edited(edit)
    problems = check_schema.compare(before, after)
    assert any(expected in p for p in problems), problems


def test_reusing_a_reserved_number_fails(edited):
    _, before = edited(("  string rule = 4;\n", "  reserved 4;\n  reserved \"rule\";\n"))
    _, after = edited(("  reserved 4;\n  reserved \"rule\";\n", "  reserved \"rule\";\n  string rule_id = 4;\n"))
    problems = check_schema.compare(before, after)
    assert any("reuses reserved number 4" in p for p in problems), problems


def test_command_line_reports_breaking_change(tmp_path):
    root = tmp_path / "proto"
    shutil.copytree(ROOT / "proto", root)
    path = root / "tiqu" / "v1" / "document.proto"
    path.write_text(path.read_text(encoding="utf-8").replace("  int32 begin = 1;\n", "  int32 begin = 7;\n"),
                    encoding="utf-8")
    assert check_schema.main(["--proto-root", str(root)]) == 1
    assert check_schema.main(["--proto-root", str(ROOT / "proto")]) == 0
