"""Errors the user is meant to read: each names what to fix."""

import errno


class WardError(Exception):
    """Base class: its message is a complete, user-facing sentence."""


class ValidationError(WardError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class TransitionError(WardError):
    """A lifecycle step that is not allowed from the dossier's current state."""


class NotFoundError(WardError):
    pass


_OS = {
    errno.ENOSPC: "ổ đĩa đã đầy: hãy giải phóng chỗ trống hoặc chọn ổ khác rồi làm lại",
    errno.EDQUOT: "đã hết hạn mức dung lượng trên ổ đĩa: hãy giải phóng chỗ trống rồi làm lại",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho phép đọc (USB khoá ghi?): hãy chọn nơi ghi được",
    errno.EACCES: "không có quyền ghi hoặc đọc: hãy chọn thư mục khác hoặc kiểm tra quyền",
    errno.EPERM: "không được phép ghi (tệp bị khoá hoặc chỉ đọc): hãy chọn nơi khác",
    errno.ENOENT: "không có thư mục hoặc tệp này: hãy kiểm tra đường dẫn",
    errno.EIO: "lỗi đọc/ghi ổ đĩa (ổ USB bị rút ra?): hãy cắm lại rồi làm lại",
    errno.EISDIR: "đường dẫn là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
}
# What the database driver says (its message text) → what the user reads.
_DB = (
    ("database is locked", "cơ sở dữ liệu đang bận (một việc khác ghi quá lâu): hãy thử lại sau"),
    ("readonly database", "cơ sở dữ liệu chỉ cho phép đọc (ổ hoặc tệp khoá ghi): không ghi gì"),
    ("disk is full", "ổ đĩa đã đầy: không ghi gì; hãy giải phóng chỗ trống rồi làm lại"),
    ("disk I/O error", "lỗi đọc/ghi ổ đĩa chứa cơ sở dữ liệu: không ghi gì; hãy kiểm tra ổ"),
    ("unable to open database", "không mở được tệp cơ sở dữ liệu: hãy kiểm tra ổ và quyền"),
)


def failure_message(exc: BaseException) -> str | None:
    """A Vietnamese sentence for a failure of the machine rather than of the program (disk
    full, read-only medium, no permission, a lock held too long, the output pipe closed), or
    None when it is not one: the CLI prints it as its one line, the window as a message."""
    if isinstance(exc, BrokenPipeError):
        return "đầu ra bị đóng giữa chừng (broken pipe)"
    if isinstance(exc, OSError) and exc.errno in _OS:
        name = str(exc.filename or "")
        # a temporary name (``atomic_target``) tells the user nothing; its folder does
        where = f" ({name.rsplit('/.wardapp-', 1)[0]})" if name else ""
        return _OS[exc.errno][:1].upper() + _OS[exc.errno][1:] + where
    text = str(getattr(exc, "orig", "") or "")
    if type(exc).__name__ == "OperationalError" and text:
        for needle, message in _DB:
            if needle in text:
                return message[:1].upper() + message[1:]
    return None


def may_be_disconnection(exc: BaseException) -> bool:
    """The driver's or the pool's failure (SQLAlchemy's ``OperationalError`` or
    ``InterfaceError`` around it): on a server this may be the network or the server gone, which
    only a fresh round trip can tell (the window then tries one); a refusal or bad input never is."""
    return type(exc).__name__ in ("OperationalError", "InterfaceError") or bool(
        getattr(exc, "connection_invalidated", False)
    )
