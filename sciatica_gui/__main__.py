"""`python -m sciatica_gui`: the same entry point as the `sciatica-gui` command."""

import sys

from sciatica_gui.cli import main

sys.exit(main())
