"""``python -m spinrelax`` runs the command-line interface."""

import sys

from spinrelax.cli import main

sys.exit(main())
