"""`python -m ecodash` is the `ecodash` command."""

import sys

from ecodash.cli import main

sys.exit(main())
