"""Entry script for the frozen build (PyInstaller needs a file, not a console-script name)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
