"""Allow ``python -m avi_desktop``."""

import sys

from avi_desktop.cli import main

sys.exit(main())
