"""wardapp domain layer: calendar, deadlines, dossier lifecycle, indicators, CLI.

Never imports Qt or ``ui`` (checked by the import-linter contract in the test suite).
"""

__version__ = "0.1.0"
