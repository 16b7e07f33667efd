"""wardapp's domain, packaged by capability (docs/ARCHITECTURE.md): ``common`` and ``calendar``
at the bottom, then ``office``, ``trust``, ``catalogue`` / ``dossiers`` / ``indicators``,
``documents`` / ``exchange``, ``setup`` and the ``cli`` on top.

Never imports Qt or ``ui`` (checked by the import-linter contracts in the test suite).
"""

__version__ = "0.1.0"
