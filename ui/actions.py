"""The register's steps as the window offers them: label, shortcut and usual tooltip, shared by
the register's buttons and the Hồ sơ menu so both name a step the same way.  Whether a step is
available is not decided here: ``wardapp.dossiers.lifecycle.actions`` says."""

from __future__ import annotations

from ui.qt import QT_TR_NOOP

# (key, label, shortcut, tooltip when available)
STEPS = (
    (
        "return",
        QT_TR_NOOP("Trả kết quả…"),
        "Ctrl+R",
        QT_TR_NOOP("Ghi nhận đã trả kết quả cho người dân"),
    ),
    (
        "rate",
        QT_TR_NOOP("Hỏi ý kiến…"),
        "Ctrl+Shift+H",
        QT_TR_NOOP("Người dân đánh giá mức độ hài lòng (sau khi trả kết quả)"),
    ),
    ("resolve", QT_TR_NOOP("Có kết quả…"), "Ctrl+Shift+R", ""),
    ("forward", QT_TR_NOOP("Chuyển cơ quan…"), "Ctrl+Shift+F", ""),
    ("back", QT_TR_NOOP("Nhận lại…"), "Ctrl+Shift+B", ""),
    ("supplement", QT_TR_NOOP("Yêu cầu bổ sung…"), "Ctrl+Shift+S", ""),
    ("supplied", QT_TR_NOOP("Đã bổ sung"), "Ctrl+Shift+D", ""),
    ("pause", QT_TR_NOOP("Tạm dừng…"), "Ctrl+Shift+P", ""),
    ("resume", QT_TR_NOOP("Tiếp tục"), "Ctrl+Shift+C", ""),
    ("withdraw", QT_TR_NOOP("Rút hồ sơ…"), "Ctrl+Shift+W", ""),
    ("refuse", QT_TR_NOOP("Từ chối…"), "Ctrl+Shift+T", ""),
    (
        "apology",
        QT_TR_NOOP("Xin lỗi, hẹn lại…"),
        "Ctrl+Shift+X",
        QT_TR_NOOP("Lập văn bản xin lỗi và hẹn lại ngày trả (PDF)"),
    ),
    (
        "undo",
        QT_TR_NOOP("Hoàn tác bước cuối…"),
        "Ctrl+Alt+Z",
        QT_TR_NOOP("Hoàn tác bước vừa ghi (trong vài phút); lịch sử vẫn giữ cả hai"),
    ),
)
