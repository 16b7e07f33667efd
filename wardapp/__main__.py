import sys

from wardapp.cli import main

sys.exit(main())
