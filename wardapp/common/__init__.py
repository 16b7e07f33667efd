"""The shared vocabulary under every capability: user-facing errors, Unicode text and folding,
the office clock, record ids, identifier checks, write-then-rename files, spreadsheet reading.

It imports no other part of ``wardapp``; everything else may import it."""
