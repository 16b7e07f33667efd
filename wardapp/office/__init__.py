"""The open office database (``Ward``), its settings and where its file lives.

Kept low: nearly every service takes a ``Ward``."""
