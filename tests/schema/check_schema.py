"""Checks that tiqu's .proto files stay readable by programs built against an
earlier version of them.

    python3 tests/schema/check_schema.py            # compare proto/ with the snapshot
    python3 tests/schema/check_schema.py --update   # take a new snapshot

The snapshot (tiqu_v1.descriptor.textproto) is the FileDescriptorSet that
`protoc --descriptor_set_out` writes for proto/tiqu/v1/*.proto, in text form so
that its diffs can be reviewed. Compared with it, the current files may add
messages, enums, fields and enum values; they may not remove or rename any,
give a field another number, type, cardinality, presence or oneof, or reuse a
number or name listed under `reserved`. Removing a field is allowed only
together with reserving both its number and its name. After adding fields,
take a new snapshot so that the additions are protected too.

Needs protoc (Debian protobuf-compiler) and the `protobuf` Python package.
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from google.protobuf import descriptor_pb2, text_format

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).resolve().parent / "tiqu_v1.descriptor.textproto"
Field = descriptor_pb2.FieldDescriptorProto


def describe(proto_root, files):
    """The FileDescriptorSet protoc makes of `files` (paths under proto_root)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "set.binpb"
        subprocess.run(["protoc", f"-I{proto_root}", f"--descriptor_set_out={out}", *files], check=True)
        result = descriptor_pb2.FileDescriptorSet()
        result.ParseFromString(out.read_bytes())
    for f in result.file:
        f.ClearField("source_code_info")
    return result


def current_files(proto_root):
    return sorted(str(p.relative_to(proto_root)) for p in (Path(proto_root) / "tiqu" / "v1").glob("*.proto"))


def _messages(prefix, messages):
    for m in messages:
        name = f"{prefix}.{m.name}"
        yield name, m
        yield from _messages(name, m.nested_type)


def _enums(prefix, messages, enums):
    for e in enums:
        yield f"{prefix}.{e.name}", e
    for m in messages:
        yield from _enums(f"{prefix}.{m.name}", m.nested_type, m.enum_type)


def index(descriptor_set):
    """Full name -> message, full name -> enum, over all files of the set."""
    messages, enums = {}, {}
    for f in descriptor_set.file:
        messages.update(_messages(f.package, f.message_type))
        enums.update(_enums(f.package, f.message_type, f.enum_type))
    return messages, enums


def _reserved(ranges, number):
    # DescriptorProto ranges are end-exclusive, EnumDescriptorProto inclusive;
    # `inclusive` is passed by the caller as 0 or 1.
    return any(r.start <= number < r.end + inclusive for r, inclusive in ranges)


def _oneof_name(message, field):
    if not field.HasField("oneof_index") or field.proto3_optional:
        return None
    return message.oneof_decl[field.oneof_index].name


def _field_shape(message, field):
    return {
        "type": Field.Type.Name(field.type) + (f" {field.type_name}" if field.type_name else ""),
        "cardinality": Field.Label.Name(field.label),
        "presence": "explicit (optional)" if field.proto3_optional else "implicit",
        "oneof": _oneof_name(message, field),
    }


def compare(old_set, new_set):
    """Reasons why readers built against `old_set` would break on `new_set`;
    empty when the change is compatible."""
    problems = []
    old_files = {f.name: f for f in old_set.file}
    for f in new_set.file:
        if f.name in old_files and old_files[f.name].package != f.package:
            problems.append(f"{f.name}: package changed from {old_files[f.name].package} to {f.package}")
    old_messages, old_enums = index(old_set)
    new_messages, new_enums = index(new_set)

    for name, old in old_messages.items():
        new = new_messages.get(name)
        if new is None:
            problems.append(f"message {name} was removed")
            continue
        new_by_number = {f.number: f for f in new.field}
        reserved = [(r, 0) for r in new.reserved_range]
        for field in old.field:
            where = f"{name}.{field.name} (= {field.number})"
            now = new_by_number.get(field.number)
            if now is None:
                if not (_reserved(reserved, field.number) and field.name in new.reserved_name):
                    renumbered = [f for f in new.field if f.name == field.name]
                    if renumbered:
                        problems.append(f"field {where} was renumbered to {renumbered[0].number}")
                    else:
                        problems.append(f"field {where} was removed without reserving its number and name")
                continue
            if now.name != field.name:
                problems.append(f"field {where} was renamed to {now.name}")
            old_shape, new_shape = _field_shape(old, field), _field_shape(new, now)
            for aspect in old_shape:
                if old_shape[aspect] != new_shape[aspect]:
                    problems.append(f"field {where}: {aspect} changed from {old_shape[aspect]} to {new_shape[aspect]}")
        old_numbers = {f.number for f in old.field}
        old_reserved = [(r, 0) for r in old.reserved_range]
        for field in new.field:
            if field.number not in old_numbers and _reserved(old_reserved, field.number):
                problems.append(f"field {name}.{field.name} reuses reserved number {field.number}")
            if field.name in old.reserved_name:
                problems.append(f"field {name}.{field.name} reuses a reserved name")

    for name, old in old_enums.items():
        new = new_enums.get(name)
        if new is None:
            problems.append(f"enum {name} was removed")
            continue
        new_by_number = {v.number: v for v in new.value}
        reserved = [(r, 1) for r in new.reserved_range]
        for value in old.value:
            where = f"{name}.{value.name} (= {value.number})"
            now = new_by_number.get(value.number)
            if now is None:
                if not (_reserved(reserved, value.number) and value.name in new.reserved_name):
                    problems.append(f"enum value {where} was removed or renumbered without reserving it")
            elif now.name != value.name:
                problems.append(f"enum value {where} was renamed to {now.name}")
        old_numbers = {v.number for v in old.value}
        old_reserved = [(r, 1) for r in old.reserved_range]
        for value in new.value:
            if value.number not in old_numbers and _reserved(old_reserved, value.number):
                problems.append(f"enum value {name}.{value.name} reuses reserved number {value.number}")
            if value.name in old.reserved_name:
                problems.append(f"enum value {name}.{value.name} reuses a reserved name")
    return problems


def load_snapshot(path=SNAPSHOT):
    return text_format.Parse(Path(path).read_text(encoding="utf-8"), descriptor_pb2.FileDescriptorSet())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proto-root", default=str(ROOT / "proto"))
    parser.add_argument("--snapshot", default=str(SNAPSHOT))
    parser.add_argument("--update", action="store_true", help="write a new snapshot of the current files")
    args = parser.parse_args(argv)
    current = describe(args.proto_root, current_files(args.proto_root))
    if args.update:
        Path(args.snapshot).write_text(
            "# Generated by tests/schema/check_schema.py --update from proto/tiqu/v1/*.proto.\n"
            + text_format.MessageToString(current, as_utf8=True), encoding="utf-8")
        print(f"wrote {args.snapshot}")
        return 0
    problems = compare(load_snapshot(args.snapshot), current)
    for p in problems:
        print(f"breaking change: {p}", file=sys.stderr)
    if problems:
        print("Readers built against the snapshot would break. Undo the change, or give the message a new "
              "number/name and reserve the old one (see the README, Schema stability).", file=sys.stderr)
        return 1
    print(f"schema compatible with {Path(args.snapshot).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
