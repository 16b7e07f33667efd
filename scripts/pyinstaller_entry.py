"""Entry script for the frozen build (PyInstaller needs a file, not a console-script name)."""

import multiprocessing
import sys

from ui.app import main

if __name__ == "__main__":
    # the city import verifies packages in a spawned reader process: in a frozen program that
    # child starts this same executable, which must then run the child, not the window
    multiprocessing.freeze_support()
    sys.exit(main())
