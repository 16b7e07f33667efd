"""The register's filters as the box names them, and what an empty list says: the filter shown is
always the filter applied (a dashboard number sets the box too), and an empty result names what
hides the dossiers with the way out ("bỏ lọc")."""

from __future__ import annotations

from ui.qt import QT_TR_NOOP, tr
from wardapp.dossiers import OPEN_STATUSES
from wardapp.dossiers import register as reg

FILTERS = (
    (QT_TR_NOOP("Tất cả"), reg.Filters()),
    (QT_TR_NOOP("Đang giải quyết"), reg.Filters(statuses=OPEN_STATUSES)),
    (QT_TR_NOOP("Quá hạn"), reg.Filters(late=True)),
    (QT_TR_NOOP("Quá hạn chưa xin lỗi"), reg.Filters(late_without_apology=True)),
    (QT_TR_NOOP("Quá hạn không cập nhật"), reg.Filters(backlog=True)),
    (QT_TR_NOOP("Đến hạn hôm nay"), reg.Filters(due_within_days=0)),
    (QT_TR_NOOP("Đến hạn trong {n} ngày làm việc"), reg.Filters(due_within_days=2)),
    (QT_TR_NOOP("Có kết quả chưa ghi trả"), reg.Filters(resolved_not_returned=True)),
    (QT_TR_NOOP("Đã trả kết quả"), reg.Filters(statuses=("returned",))),
    (QT_TR_NOOP("Rút / từ chối"), reg.Filters(statuses=("withdrawn", "refused"))),
)


def shown_filters(ward) -> list[tuple[str, reg.Filters]]:
    """The filter box's entries; "due soon" counts the office's own number of days (setting
    ``soon_working_days``), as the dashboard's number does."""
    soon = int(ward.rules().settings["soon_working_days"])
    return [
        (tr(label).format(n=soon), reg.Filters(due_within_days=soon) if "{n}" in label else f)
        for label, f in FILTERS
    ]


def empty_text(rows: int, search: str, filter_name: str, field: str) -> str:
    """What hides every dossier from an empty list ("" when the list is not empty, or nothing
    is filtered and there is simply no dossier)."""
    if rows or not (search or filter_name or field):
        return ""
    where = []
    if filter_name:
        where.append(tr("bộ lọc {name}").format(name=filter_name))
    if field:
        where.append(tr("lĩnh vực {name}").format(name=field))
    if search and where:
        text = tr("Không có hồ sơ nào khớp '{search}' trong {where}").format(
            search=search, where=tr(" và ").join(where)
        )
    elif search:
        return tr("Không có hồ sơ nào khớp '{search}'.").format(search=search)
    else:
        text = tr("Không có hồ sơ nào trong {where}").format(where=tr(" và ").join(where))
    return text + " — <a href='clear'>" + tr("bỏ lọc") + "</a>"
