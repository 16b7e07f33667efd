"""Entry script of both frozen programs (PyInstaller needs a file, not a console-script name).

One analysis builds two executables from this file: ``wardapp`` (the window, no console on
Windows) and ``wardapp-cli`` (console).  The name it was started as decides which one runs.
"""

import multiprocessing
import sys
from pathlib import Path

from ui.app import main

if __name__ == "__main__":
    # the city import verifies packages in a spawned reader process: in a frozen program that
    # child starts this same executable, which must then run the child, not the window
    multiprocessing.freeze_support()
    sys.exit(main(console=Path(sys.executable).stem.endswith("-cli")))
