"""F1: a few lines on the page in front of the clerk, in Vietnamese, with its keys.  Short on
purpose: the desk is learnt by doing; this answers "what is this screen for, what can I press"."""

from __future__ import annotations

from ui.qt import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, tr

HELP = {
    "dashboard": (
        "Tổng quan",
        "Số hồ sơ đang giải quyết, quá hạn, đến hạn và tỷ lệ đúng hạn của cơ quan. Bấm vào một "
        "con số để mở đúng các hồ sơ đó trong Sổ theo dõi. Biểu đồ: trước hạn, đúng hạn, quá "
        "hạn theo tuần hoặc tháng.",
    ),
    "intake": (
        "Tiếp nhận",
        "Gõ vài chữ của tên thủ tục (không cần dấu) rồi chọn; nhập người nộp, số định danh, điện "
        "thoại. Ngày hẹn trả tính theo ngày làm việc, đưa chuột vào để xem cách tính. Enter lưu "
        "và cấp mã hồ sơ; sau đó in giấy tiếp nhận (Mẫu 01) cho người nộp. Ctrl+N mở trang này.",
    ),
    "register": (
        "Sổ theo dõi",
        "Tìm theo mã, tên (không cần dấu), số định danh, điện thoại; lọc theo tình trạng và lĩnh "
        "vực. Chọn một hồ sơ để xem lịch sử. Các nút bước xử lý chỉ sáng khi vai trò và tình "
        "trạng hồ sơ cho phép; nút mờ có ghi lý do khi đưa chuột vào. Ctrl+R trả kết quả (ghi thời "
        "điểm và người nhận rồi bấm Ghi nhận); ghi nhầm thì hoàn tác bước cuối trong vài phút "
        "(liên kết ở khung chi tiết hoặc Ctrl+Alt+Z). Nhấp "
        "chuột phải vào một dòng để in lại giấy tiếp nhận, phiếu kiểm soát và các văn bản đã "
        "phát hành. Ctrl+F mở trang này.",
    ),
    "apologies": (
        "Xin lỗi",
        "Hồ sơ quá hạn hoặc sắp quá hạn chưa có văn bản xin lỗi. Lãnh đạo nhập lý do, số ngày "
        "gia hạn, người ký rồi lập văn bản cho tất cả; văn bản được đánh số và lưu để in lại.",
    ),
    "commitment": (
        "Cam kết",
        "Chỉ tiêu cam kết của người đứng đầu trong năm, so với kết quả thực tế. Lãnh đạo lập "
        "bản cam kết (PDF) kèm phụ lục số liệu.",
    ),
    "reports": (
        "Báo cáo",
        "Biểu 06/VPCP/KSTT theo kỳ (quý, năm, tháng hoặc khoảng ngày); xuất PDF hoặc Excel, và "
        "sổ theo dõi hồ sơ của một kỳ.",
    ),
    "exchange": (
        "Trao đổi dữ liệu",
        "Ở phường, xã: xuất gói dữ liệu hằng tuần gửi thành phố và nhập sổ theo dõi cũ. Ở thành "
        "phố: chọn gói của các phường để chạy thử, xem kết quả rồi áp dụng (cán bộ thành phố).",
    ),
    "settings": (
        "Cài đặt",
        "Thông tin cơ quan và người ký, các quy định áp dụng (mỗi mục ghi căn cứ), lịch làm "
        "việc riêng, danh mục thủ tục, sao lưu và tài khoản. Nút lưu chỉ sáng với vai trò được "
        "thay đổi cài đặt.",
    ),
}
KEYS = (
    "Ctrl+1…Ctrl+8: chuyển trang · F1: trợ giúp · Ctrl+L: khoá máy ngay · "
    "Ctrl+Shift+U: đổi người dùng · Ctrl+Shift+Q: đăng xuất · Ctrl+Q: thoát"
)


class HelpDialog(QDialog):
    def __init__(self, parent, key: str):
        super().__init__(parent)
        title, text = HELP[key]
        self.setWindowTitle(tr("Trợ giúp — {page}").format(page=tr(title)))
        self.text = QTextBrowser()
        self.text.setHtml(f"<h3>{tr(title)}</h3><p>{tr(text)}</p><p><small>{tr(KEYS)}</small></p>")
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Đóng"), QDialogButtonBox.AcceptRole)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        self.resize(520, 300)
