"""tiqu's exceptions: one hierarchy under tiqu.Error.

The C++ core reports failures as a status (code, message, rule-file location);
`error_from_status` is the one place that turns a status into an exception, and
the extension module calls it for every failure.
"""
from __future__ import annotations

__all__ = ["Error", "RuleError", "InvalidArgumentError", "DataLossError", "FileError"]


class Error(Exception):
    """Base class of every exception tiqu raises for a failed operation.

    `code` is the C++ status code name (``RULE_ERROR``, ``INVALID_ARGUMENT``, ...).
    Wrong argument types raise the built-in TypeError instead.
    """

    code = "INTERNAL"


class RuleError(Error, ValueError):
    """A rule file or rule text could not be loaded.

    `file`, `line`, `column` (1-based; 0 when unknown) and `rule_id` say where;
    `message` says what, without the location.
    """

    code = "RULE_ERROR"

    def __init__(self, message: str, file: str = "", line: int = 0, column: int = 0, rule_id: str = "",
                 display: str = ""):
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.rule_id = rule_id
        # `display` is the C++ Status::ToString(): "file:line:column: rule 'id': message".
        super().__init__(display or message)


class InvalidArgumentError(Error, ValueError):
    """An argument has the right type but a bad value (a malformed reference date,
    a text that is not a number for parse_number, an unknown output format)."""

    code = "INVALID_ARGUMENT"


class DataLossError(Error, ValueError):
    """A .binpb file is truncated or corrupt; the message names the record."""

    code = "DATA_LOSS"


class FileError(Error, OSError):
    """A file could not be opened, read or written."""

    code = "IO_ERROR"


_BY_CODE = {
    "INVALID_ARGUMENT": InvalidArgumentError,
    "DATA_LOSS": DataLossError,
    "IO_ERROR": FileError,
    "NOT_FOUND": FileError,
}


def error_from_status(code: str, message: str, display: str, file: str, line: int, column: int,
                      rule_id: str) -> Error:
    """The exception for a non-OK C++ status (called by tiqu._core); `display`
    is the status as the CLI prints it, with its location."""
    if code == "RULE_ERROR":
        return RuleError(message, file, line, column, rule_id, display)
    cls = _BY_CODE.get(code, Error)
    error = cls(display)
    if cls is Error:
        error.code = code
    return error
