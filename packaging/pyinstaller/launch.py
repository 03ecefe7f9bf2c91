"""The frozen app's entry point: the same `main` as the `sciatica-gui` command."""

import sys

from sciatica_gui.cli import main

sys.exit(main())
