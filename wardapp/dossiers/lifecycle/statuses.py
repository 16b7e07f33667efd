"""The dossier statuses and step names as the office reads them (DOMAIN.md §2).

The labels are shown, printed and exported verbatim; the groups say which statuses each step may
start from, so a status added here must be placed in them too.
"""

STATUS_LABELS = {
    "received": "Mới tiếp nhận",
    "in_progress": "Đang giải quyết",
    "supplement_requested": "Chờ bổ sung",
    "forwarded": "Đã chuyển cơ quan khác",
    "paused": "Tạm dừng",
    "resolved": "Đã có kết quả",
    "returned": "Đã trả kết quả",
    "withdrawn": "Đã rút / dừng giải quyết",
    "refused": "Từ chối",
}
STATUSES = tuple(STATUS_LABELS)
OPEN_STATUSES = ("received", "in_progress", "supplement_requested", "forwarded", "paused")
# Statuses in which the statutory clock is stopped (supplement only when the setting says so).
PAUSED_STATUSES = ("paused", "supplement_requested")
EVENT_LABELS = {
    "received": "Tiếp nhận",
    "supplement_requested": "Yêu cầu bổ sung",
    "supplied": "Đã bổ sung",
    "forwarded": "Chuyển cơ quan",
    "returned_from_agency": "Nhận lại từ cơ quan",
    "paused": "Tạm dừng",
    "resumed": "Tiếp tục",
    "resolved": "Có kết quả",
    "returned": "Trả kết quả",
    "withdrawn": "Rút hồ sơ / dừng giải quyết",
    "refused": "Từ chối",
    "apologised": "Xin lỗi, hẹn lại",
    "edited": "Sửa thông tin",
    "undone": "Hoàn tác bước trước",
    "rated": "Đánh giá mức độ hài lòng",
}
# Statuses in which the office is working on the dossier: it can be paused, asked for a
# supplement or resolved.
ACTIVE = ("received", "in_progress", "forwarded")
