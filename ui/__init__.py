"""Qt layer.  Only this package imports PySide6, and only through ``ui.qt``."""
