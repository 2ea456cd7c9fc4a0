"""`python -m tiqu ...` runs the same command line as `tiqu ...`."""
import sys

from ._cli import main

sys.exit(main())
