"""Standard streams in UTF-8 whatever the console's code page.

On a Vietnamese Windows the console and a redirected file default to cp1258 or cp1252, where
"Sổ theo dõi" cannot be written: ``wardapp report > bieu.txt`` died with ``'charmap' codec can't
encode``.  The program's output is UTF-8 everywhere; an unencodable character (none is
expected) is replaced rather than fatal.
"""

from __future__ import annotations

import sys


def utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        # None in a windowed program on Windows; a test's capture may not be a TextIOWrapper
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def os_error_text(exc: OSError) -> str:
    """One line in Vietnamese for a file the system refused (open in Excel, read-only folder,
    full disk), naming the file."""
    what = {
        PermissionError: "không có quyền ghi hoặc tệp đang mở trong chương trình khác",
        FileNotFoundError: "không tìm thấy",
        IsADirectoryError: "là một thư mục",
        NotADirectoryError: "đường dẫn không phải thư mục",
    }.get(type(exc), exc.strerror or str(exc))
    name = exc.filename if exc.filename is not None else ""
    return f"{name}: {what}" if name else f"{what}"
