"""The `tiqu` command installed by pip: the C++ command line (tiqu::RunCli),
the same code as the compiled build/tiqu, reached through the extension."""
from __future__ import annotations

import sys

from . import _core


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        return _core.run_cli(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
