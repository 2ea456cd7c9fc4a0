"""Small helpers over protobuf descriptors that work across runtime versions."""
from google.protobuf.descriptor import FieldDescriptor


def _repeated(field: FieldDescriptor) -> bool:
    # `is_repeated` replaced `label` in newer runtimes; older ones only have `label`.
    is_repeated = getattr(field, "is_repeated", None)
    if is_repeated is not None:
        return bool(is_repeated)
    return field.label == FieldDescriptor.LABEL_REPEATED


def _has_presence(field: FieldDescriptor) -> bool:
    # proto3 `optional` scalars and message fields track presence; newer
    # runtimes say so directly, older ones through the (synthetic) oneof.
    has_presence = getattr(field, "has_presence", None)
    if has_presence is not None:
        return bool(has_presence)
    return field.containing_oneof is not None or field.message_type is not None
