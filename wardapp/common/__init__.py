"""The shared vocabulary under every capability: user-facing errors, Unicode text and folding,
the office clock, record ids, identifier checks, write-then-rename files, spreadsheet reading.

It imports no other part of ``wardapp``; everything else may import it."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".atomic": ["atomic_target"],
        ".clock": ["fmt_local", "now_local", "parse_day", "parse_local", "parse_minute"],
        ".errors": ["ValidationError", "WardError", "failure_message", "may_be_disconnection"],
        ".streams": ["os_error_text", "utf8_streams"],
        ".text": ["fold"],
    },
    modules=[".validation"],
)
