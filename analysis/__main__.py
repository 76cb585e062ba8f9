"""``python -m analysis``: the ``trade-analysis`` command line."""
import sys

from .cli import main

sys.exit(main())
