<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Sổ theo dõi</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Xin lỗi</source>
        <translation>Apologies</translation>
    </message>
    <message>
        <source>Cam kết</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Trao đổi dữ liệu</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>wardapp — Bộ phận Một cửa</source>
        <translation>wardapp — One-stop desk</translation>
    </message>
    <message>
        <source>Người dùng: &lt;b&gt;{name}&lt;/b&gt; ({role})</source>
        <translation>User: &lt;b&gt;{name}&lt;/b&gt; ({role})</translation>
    </message>
    <message>
        <source>Người dùng: {name}</source>
        <translation>User: {name}</translation>
    </message>
    <message>
        <source>Sao lưu: trên máy chủ</source>
        <translation>Backup: on the server</translation>
    </message>
    <message>
        <source>Sao lưu: {at}</source>
        <translation>Backup: {at}</translation>
    </message>
    <message>
        <source>Đang kiểm tra lịch sử…</source>
        <translation>Checking the history…</translation>
    </message>
    <message>
        <source>Lịch sử: {n} bước, nguyên vẹn</source>
        <translation>History: {n} steps, intact</translation>
    </message>
    <message>
        <source>Giới thiệu wardapp</source>
        <translation>About wardapp</translation>
    </message>
    <message>
        <source>wardapp — chương trình Bộ phận Một cửa của phường, xã; chạy trên máy, không cần mạng.</source>
        <translation>wardapp — the one-stop desk program of a ward or commune; runs on this PC, no network needed.</translation>
    </message>
    <message>
        <source>✔ đạt</source>
        <translation>✔ met</translation>
    </message>
    <message>
        <source>⚠ có nguy cơ</source>
        <translation>⚠ at risk</translation>
    </message>
    <message>
        <source>✘ chưa đạt</source>
        <translation>✘ missed</translation>
    </message>
    <message>
        <source>— chưa có số liệu</source>
        <translation>— no data yet</translation>
    </message>
    <message>
        <source>— chưa cam kết</source>
        <translation>— not committed</translation>
    </message>
    <message>
        <source>Đang tải số liệu…</source>
        <translation>Loading figures…</translation>
    </message>
    <message>
        <source> — dữ liệu mẫu</source>
        <translation> — demo data</translation>
    </message>
    <message>
        <source>Hôm nay — bấm vào số để xem danh sách</source>
        <translation>Today — click a number to see the list</translation>
    </message>
    <message>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Đến hạn trong {n} ngày làm việc</source>
        <translation>Due within {n} working days</translation>
    </message>
    <message>
        <source>Quá hạn chưa xin lỗi</source>
        <translation>Late, no apology</translation>
    </message>
    <message>
        <source>Quá hạn không cập nhật</source>
        <translation>Late, not updated</translation>
    </message>
    <message>
        <source>Có kết quả chưa ghi trả</source>
        <translation>Resolved, return not recorded</translation>
    </message>
    <message>
        <source>Chỉ số {period} ({start} – {end})</source>
        <translation>Indicators {period} ({start} – {end})</translation>
    </message>
    <message>
        <source> ({n} người được hỏi)</source>
        <translation> ({n} asked)</translation>
    </message>
    <message>
        <source>Cam kết năm {year}</source>
        <translation>Commitment {year}</translation>
    </message>
    <message>
        <source>Hồ sơ quá hạn theo cơ quan — {period}</source>
        <translation>Late dossiers by agency — {period}</translation>
    </message>
    <message>
        <source>Hồ sơ đã giải quyết: trước hạn, đúng hạn, quá hạn</source>
        <translation>Resolved dossiers: early, on time, late</translation>
    </message>
    <message>
        <source>12 tuần gần nhất</source>
        <translation>Last 12 weeks</translation>
    </message>
    <message>
        <source>12 tháng gần nhất</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>Bưu chính</source>
        <translation>Postal</translation>
    </message>
    <message>
        <source>Bộ phận một cửa / UBND cấp xã</source>
        <translation>One-stop desk / ward office</translation>
    </message>
    <message>
        <source>Bộ biểu mẫu áp dụng</source>
        <translation>Form set in use</translation>
    </message>
    <message>
        <source>Che bớt chữ số</source>
        <translation>Mask some digits</translation>
    </message>
    <message>
        <source>Chuyển cơ quan</source>
        <translation>Forward to agency</translation>
    </message>
    <message>
        <source>Chưa trả</source>
        <translation>Not back yet</translation>
    </message>
    <message>
        <source>Chỉ người tiếp nhận ký</source>
        <translation>Desk officer only</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <source>⚠ Quá hạn · </source>
        <translation>⚠ Late · </translation>
    </message>
    <message>
        <source>◷ Hôm nay · </source>
        <translation>◷ Today · </translation>
    </message>
    <message>
        <source>◔ Sắp đến hạn · </source>
        <translation>◔ Due soon · </translation>
    </message>
    <message>
        <source>↻ Hẹn lại · </source>
        <translation>↻ Re-appointed · </translation>
    </message>
    <message>
        <source> · đã xin lỗi</source>
        <translation> · apologised</translation>
    </message>
    <message>
        <source>Đang đếm…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>{n} hồ sơ trở lên (chưa đếm được)</source>
        <translation>{n} dossiers or more (not counted)</translation>
    </message>
    <message>
        <source>Hẹn trả: {due}</source>
        <translation>Due: {due}</translation>
    </message>
    <message>
        <source>Hẹn trả ban đầu: {due} (báo cáo vẫn tính theo ngày này)</source>
        <translation>Original due date: {due} (reports still count against it)</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>bộ lọc {name}</source>
        <translation>the filter {name}</translation>
    </message>
    <message>
        <source>lĩnh vực {name}</source>
        <translation>the field {name}</translation>
    </message>
    <message>
        <source>Không có hồ sơ nào khớp &apos;{search}&apos; trong {where}</source>
        <translation>No dossier matches &apos;{search}&apos; in {where}</translation>
    </message>
    <message>
        <source> và </source>
        <translation> and </translation>
    </message>
    <message>
        <source>Không có hồ sơ nào khớp &apos;{search}&apos;.</source>
        <translation>No dossier matches &apos;{search}&apos;.</translation>
    </message>
    <message>
        <source>Không có hồ sơ nào trong {where}</source>
        <translation>No dossier in {where}</translation>
    </message>
    <message>
        <source>bỏ lọc</source>
        <translation>clear filters</translation>
    </message>
    <message>
        <source>Rút / từ chối</source>
        <translation>Withdrawn / refused</translation>
    </message>
    <message>
        <source>Tìm mã hồ sơ, tên (không cần dấu), số định danh, điện thoại…</source>
        <translation>Search code, name (no diacritics needed), ID number, phone…</translation>
    </message>
    <message>
        <source>Mọi lĩnh vực</source>
        <translation>All fields</translation>
    </message>
    <message>
        <source>Mọi phường, xã</source>
        <translation>All wards</translation>
    </message>
    <message>
        <source>Đang tải lịch sử hồ sơ…</source>
        <translation>Loading the dossier&apos;s history…</translation>
    </message>
    <message>
        <source>Hoàn tác bước cuối (ghi nhầm?)</source>
        <translation>Undo the last step (recorded by mistake?)</translation>
    </message>
    <message>
        <source>lịch sử vẫn giữ bước đó</source>
        <translation>the history keeps that step</translation>
    </message>
    <message>
        <source>Ghi nhận đã trả kết quả cho người dân</source>
        <translation>Record that the result was handed to the applicant</translation>
    </message>
    <message>
        <source>Có kết quả</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Trả kết quả…</source>
        <translation>Return result…</translation>
    </message>
    <message>
        <source>Hỏi ý kiến…</source>
        <translation>Ask the citizen…</translation>
    </message>
    <message>
        <source>Người dân đánh giá mức độ hài lòng (sau khi trả kết quả)</source>
        <translation>The citizen&apos;s satisfaction (after the return)</translation>
    </message>
    <message>
        <source>Có kết quả…</source>
        <translation>Result ready…</translation>
    </message>
    <message>
        <source>Chuyển cơ quan…</source>
        <translation>Forward…</translation>
    </message>
    <message>
        <source>Nhận lại…</source>
        <translation>Receive back…</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung…</source>
        <translation>Request supplement…</translation>
    </message>
    <message>
        <source>Tạm dừng…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <source>Rút hồ sơ…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>Từ chối…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại…</source>
        <translation>Apologise, new date…</translation>
    </message>
    <message>
        <source>Lập văn bản xin lỗi và hẹn lại ngày trả (PDF)</source>
        <translation>Issue the apology letter with a new return date (PDF)</translation>
    </message>
    <message>
        <source>Hoàn tác bước cuối…</source>
        <translation>Undo last step…</translation>
    </message>
    <message>
        <source>Hoàn tác bước vừa ghi (trong vài phút); lịch sử vẫn giữ cả hai</source>
        <translation>Undo the step just recorded (within a few minutes); the history keeps both</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <source>hơn {n} hồ sơ</source>
        <translation>more than {n} dossiers</translation>
    </message>
    <message>
        <source>{title}: {n} hồ sơ</source>
        <translation>{title}: {n} dossiers</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>&lt;i&gt;Chọn một hồ sơ để xem chi tiết và lịch sử xử lý.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Select a dossier to see its details and history.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Giấy tờ cần bổ sung, mỗi dòng một giấy tờ (số bản: Tên = chính/chứng thực/photo):</source>
        <translation>Documents to supply, one a line (copies: Name = originals/certified/photocopies):</translation>
    </message>
    <message>
        <source>Gia hạn thêm (ngày làm việc):</source>
        <translation>Extend by (working days):</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Gửi thư xin lỗi cho người nộp trực tuyến (thư điện tử, tin nhắn)</source>
        <translation>Sending apologies to online applicants (e-mail, SMS)</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Gửi tới</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Số lần</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Lỗi lần gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Gửi các thư đang chờ và gửi lại thư lỗi</source>
        <translation>Send waiting messages and retry failed ones</translation>
    </message>
    <message>
        <source>Mật khẩu thư…</source>
        <translation>Mail password…</translation>
    </message>
    <message>
        <source>Đang gửi thư xin lỗi…</source>
        <translation>Sending apologies…</translation>
    </message>
    <message>
        <source>Chưa nhập tài khoản thư (Cài đặt › Tài khoản thư).</source>
        <translation>No mail account set (Settings › Mail account).</translation>
    </message>
    <message>
        <source>Mật khẩu thư của {user}:</source>
        <translation>Mail password for {user}:</translation>
    </message>
    <message>
        <source>Đã lưu mật khẩu thư vào kho khoá của hệ điều hành.</source>
        <translation>Mail password saved in the operating system&apos;s keyring.</translation>
    </message>
    <message>
        <source>Mới tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Nhận lại từ cơ quan</source>
        <translation>Received back from agency</translation>
    </message>
    <message>
        <source>Rút hồ sơ / dừng giải quyết</source>
        <translation>Withdrawn / stopped</translation>
    </message>
    <message>
        <source>Sửa thông tin</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Tiếp tục</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Qua bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <source>Theo số định danh (không ghi nếu không có)</source>
        <translation>From the ID number (none if there is none)</translation>
    </message>
    <message>
        <source>Ông</source>
        <translation>Mr</translation>
    </message>
    <message>
        <source>Bà</source>
        <translation>Ms</translation>
    </message>
    <message>
        <source>Không ghi</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Tổ chức (ghi tên tổ chức)</source>
        <translation>Organisation (by its name)</translation>
    </message>
    <message>
        <source>Gõ mã hoặc tên thủ tục, không cần dấu (vd: khai sinh)</source>
        <translation>Type a procedure code or name, no diacritics needed (e.g. khai sinh)</translation>
    </message>
    <message>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>Trực tuyến toàn trình</source>
        <translation>Fully online</translation>
    </message>
    <message>
        <source>Đã thanh toán trực tuyến</source>
        <translation>Paid online</translation>
    </message>
    <message>
        <source>Lưu và cấp giấy hẹn (Enter)</source>
        <translation>Save and issue the receipt (Enter)</translation>
    </message>
    <message>
        <source>Xem và in giấy tiếp nhận…</source>
        <translation>View and print the receipt…</translation>
    </message>
    <message>
        <source>Họ tên người nộp</source>
        <translation>Applicant name</translation>
    </message>
    <message>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <source>Xưng hô trong văn bản</source>
        <translation>Form of address in letters</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Kênh nộp</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Hẹn trả kết quả</source>
        <translation>Result due</translation>
    </message>
    <message>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <source>Thủ tục: chưa chọn</source>
        <translation>Procedure: not chosen</translation>
    </message>
    <message>
        <source>Cần sửa trước khi lưu: {first}</source>
        <translation>Fix before saving: {first}</translation>
    </message>
    <message>
        <source>Chờ gửi</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Giấy của hồ sơ đã lưu: in lại từ Sổ theo dõi (chuột phải vào hồ sơ)</source>
        <translation>A saved dossier&apos;s slip: reprint it from the Register (right-click the dossier)</translation>
    </message>
    <message>
        <source>In giấy tiếp nhận {code}…</source>
        <translation>Print receipt {code}…</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận của {name}</source>
        <translation>Receipt of {name}</translation>
    </message>
    <message>
        <source>Chữ ký trên phiếu từ chối</source>
        <translation>Signatures on the refusal slip</translation>
    </message>
    <message>
        <source>Giờ nhận muộn nhất</source>
        <translation>Latest intake time</translation>
    </message>
    <message>
        <source>Gửi lỗi</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Hoàn tác bước trước</source>
        <translation>Undo of previous step</translation>
    </message>
    <message>
        <source>Gửi đầy đủ</source>
        <translation>Send in full</translation>
    </message>
    <message>
        <source>Không gửi</source>
        <translation>Do not send</translation>
    </message>
    <message>
        <source>Khổ A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Khổ A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>Khổ giấy phiếu tiếp nhận, phiếu xin lỗi</source>
        <translation>Paper size of receipts and apology slips</translation>
    </message>
    <message>
        <source>Kỳ báo cáo quý</source>
        <translation>Quarterly reporting period</translation>
    </message>
    <message>
        <source>Lệ phí (đồng)</source>
        <translation>Fee (VND)</translation>
    </message>
    <message>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <source>Thư điện tử</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Người nộp và người tiếp nhận cùng ký</source>
        <translation>Applicant and desk officer both sign</translation>
    </message>
    <message>
        <source>Không mã hoá</source>
        <translation>No encryption</translation>
    </message>
    <message>
        <source>Mã hoá kết nối máy chủ thư</source>
        <translation>Mail server connection security</translation>
    </message>
    <message>
        <source>Mã hoá ngay từ đầu (SSL, cổng 465)</source>
        <translation>Encrypt from the start (SSL, port 465)</translation>
    </message>
    <message>
        <source>Mã hoá sau khi kết nối (STARTTLS, cổng 587)</source>
        <translation>Encrypt after connecting (STARTTLS, port 587)</translation>
    </message>
    <message>
        <source>Số CCCD và điện thoại trong gói gửi thành phố</source>
        <translation>ID and phone numbers in the package sent to the city</translation>
    </message>
    <message>
        <source>Theo Nghị định 09/2019 (từ ngày 15 tháng trước đến ngày 14 tháng cuối quý)</source>
        <translation>Decree 09/2019 (from the 15th of the previous month to the 14th of the quarter&apos;s last month)</translation>
    </message>
    <message>
        <source>Theo quý dương lịch (từ ngày 1 đến hết tháng cuối quý)</source>
        <translation>Calendar quarter (from the 1st to the end of the quarter&apos;s last month)</translation>
    </message>
    <message>
        <source>Thông tư 01/2018/TT-VPCP</source>
        <translation>Circular 01/2018/TT-VPCP</translation>
    </message>
    <message>
        <source>Thông tư 03/2025/TT-VPCP</source>
        <translation>Circular 03/2025/TT-VPCP</translation>
    </message>
    <message>
        <source>Thời hạn (ngày làm việc)</source>
        <translation>Time limit (working days)</translation>
    </message>
    <message>
        <source>Tin nhắn</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Tỷ lệ giải quyết trước hạn và đúng hạn</source>
        <translation>Resolved early or on time</translation>
    </message>
    <message>
        <source>Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi</source>
        <translation>Late dossiers with a written apology</translation>
    </message>
    <message>
        <source>Tỷ lệ hồ sơ trực tuyến toàn trình</source>
        <translation>Fully online dossiers</translation>
    </message>
    <message>
        <source>Tỷ lệ hồ sơ đã cập nhật trả kết quả</source>
        <translation>Returns recorded</translation>
    </message>
    <message>
        <source>Tỷ lệ người dân hài lòng (trên số được hỏi)</source>
        <translation>Citizens satisfied (of those asked)</translation>
    </message>
    <message>
        <source>Tỷ lệ thanh toán trực tuyến</source>
        <translation>Paid online</translation>
    </message>
    <message>
        <source>Áp dụng từ ngày</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <source>Đánh giá mức độ hài lòng</source>
        <translation>Satisfaction rated</translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại</source>
        <translation>Apology, new date</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Đã bổ sung</source>
        <translation>Supplied</translation>
    </message>
    <message>
        <source>Đã chuyển cơ quan khác</source>
        <translation>Forwarded to another agency</translation>
    </message>
    <message>
        <source>Đã có kết quả</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Đã rút / dừng giải quyết</source>
        <translation>Withdrawn / stopped</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>wardapp — bắt đầu</source>
        <translation>wardapp — start</translation>
    </message>
    <message>
        <source>Phường Xuân An</source>
        <translation>Phường Xuân An</translation>
    </message>
    <message>
        <source>000.23.31.H26</source>
        <translation>000.23.31.H26</translation>
    </message>
    <message>
        <source>Ủy ban nhân dân tỉnh …</source>
        <translation>Ủy ban nhân dân tỉnh …</translation>
    </message>
    <message>
        <source>Tạo dữ liệu của cơ quan</source>
        <translation>Create the office&apos;s data</translation>
    </message>
    <message>
        <source>Mở dữ liệu mẫu</source>
        <translation>Open the demo data</translation>
    </message>
    <message>
        <source>tên đăng nhập</source>
        <translation>user name</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Thêm tài khoản</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>Để trống: Chủ tịch ký</source>
        <translation>Empty: the chairman signs</translation>
    </message>
    <message>
        <source>Lập văn bản xin lỗi theo lô</source>
        <translation>Issue apology letters in a batch</translation>
    </message>
    <message>
        <source>Lý do riêng (để trống: lý do chung)</source>
        <translation>Own reason (empty: the shared one)</translation>
    </message>
    <message>
        <source>Lý do chậm trễ dùng chung (ghi trong văn bản)</source>
        <translation>Shared reason for the delay (written in the letter)</translation>
    </message>
    <message>
        <source>%v / %m văn bản</source>
        <translation>%v / %m letters</translation>
    </message>
    <message>
        <source>Xem trước văn bản đầu tiên…</source>
        <translation>Preview the first letter…</translation>
    </message>
    <message>
        <source>Phát hành…</source>
        <translation>Issue…</translation>
    </message>
    <message>
        <source>Lý do chung</source>
        <translation>Shared reason</translation>
    </message>
    <message>
        <source>Gia hạn (ngày làm việc)</source>
        <translation>Extension (working days)</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Bỏ chọn hồ sơ chưa cần xin lỗi; ghi lý do riêng nếu khác lý do chung.</source>
        <translation>Untick dossiers that need no apology yet; give a reason of its own where it differs from the shared one.</translation>
    </message>
    <message>
        <source>Chưa chọn hồ sơ nào.</source>
        <translation>No dossier ticked.</translation>
    </message>
    <message>
        <source>Chưa có lý do chậm trễ cho {n} hồ sơ: nhập lý do chung hoặc lý do riêng.</source>
        <translation>No reason for the delay for {n} dossiers: enter a shared or an individual reason.</translation>
    </message>
    <message>
        <source>Đã chọn {n}/{total} hồ sơ</source>
        <translation>{n}/{total} dossiers ticked</translation>
    </message>
    <message>
        <source>Xem trước: văn bản xin lỗi</source>
        <translation>Preview: apology letter</translation>
    </message>
    <message>
        <source>Phát hành văn bản xin lỗi</source>
        <translation>Issue apology letters</translation>
    </message>
    <message>
        <source>Phát hành {n} văn bản xin lỗi?</source>
        <translation>Issue {n} apology letters?</translation>
    </message>
    <message>
        <source>Mỗi văn bản được cấp số và ghi vào lịch sử hồ sơ; không hoàn tác được.</source>
        <translation>Each letter gets a number and is recorded in the dossier&apos;s history; this cannot be undone.</translation>
    </message>
    <message>
        <source>để trống: thư mục dữ liệu của chương trình</source>
        <translation>empty: the program&apos;s data folder</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Lưu thư mục</source>
        <translation>Save folder</translation>
    </message>
    <message>
        <source>Thư mục sao lưu</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>để trống nếu đã có .pgpass hoặc PGPASSWORD</source>
        <translation>leave empty if .pgpass or PGPASSWORD holds it</translation>
    </message>
    <message>
        <source>Kết nối máy chủ</source>
        <translation>Connect to the server</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nhiều máy cùng một sổ: dùng cơ sở dữ liệu chung trên máy chủ.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Several desks, one register: use the shared database on the server.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Chọn bản sao lưu</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <source>Chưa cam kết</source>
        <translation>Not committed</translation>
    </message>
    <message>
        <source>Chủ tịch UBND cấp trên (người phê duyệt)</source>
        <translation>Chairman of the superior People&apos;s Committee (approver)</translation>
    </message>
    <message>
        <source>Lập bản cam kết (PDF)…</source>
        <translation>Make the commitment form (PDF)…</translation>
    </message>
    <message>
        <source>Ký cam kết sửa đổi, bổ sung chỉ tiêu (PDF)…</source>
        <translation>Sign an amended commitment adding targets (PDF)…</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Người phê duyệt</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>Chỉ tiêu cam kết</source>
        <translation>Committed targets</translation>
    </message>
    <message>
        <source>Sáng kiến cải cách hành chính</source>
        <translation>Reform initiatives</translation>
    </message>
    <message>
        <source>Ngày ký</source>
        <translation>Signing date</translation>
    </message>
    <message>
        <source>Chọn gói của các phường (chạy thử)…</source>
        <translation>Choose the wards&apos; packages (dry run)…</translation>
    </message>
    <message>
        <source>Áp dụng các gói đã kiểm tra</source>
        <translation>Apply the checked packages</translation>
    </message>
    <message>
        <source>Xuất gói tuần này…</source>
        <translation>Export this week&apos;s package…</translation>
    </message>
    <message>
        <source>Nhập sổ theo dõi cũ (Excel/CSV)…</source>
        <translation>Import an old logbook (Excel/CSV)…</translation>
    </message>
    <message>
        <source>Hồ sơ đã ghi ở sổ giấy hoặc Excel trước khi dùng wardapp; kiểm tra trước khi ghi</source>
        <translation>Dossiers kept in a paper or Excel logbook before wardapp; checked before anything is written</translation>
    </message>
    <message>
        <source>Đổi sang tài khoản đó: Tệp → Đổi người dùng (Ctrl+Shift+U).</source>
        <translation>Switch to that account: File → Switch user (Ctrl+Shift+U).</translation>
    </message>
    <message>
        <source>Chọn thư mục (USB, thư mục chia sẻ…)</source>
        <translation>Choose a folder (USB stick, shared folder…)</translation>
    </message>
    <message>
        <source>Đã ghi {path}
Gói số {seq}: {counts}
Mã kiểm tra SHA-256: {sha}</source>
        <translation>Wrote {path}
Package no. {seq}: {counts}
SHA-256 checksum: {sha}</translation>
    </message>
    <message>
        <source>Chọn sổ theo dõi cũ</source>
        <translation>Choose the old logbook</translation>
    </message>
    <message>
        <source>Sổ có dòng sai; chưa ghi gì. Sửa tệp rồi nhập lại:</source>
        <translation>The logbook has bad rows; nothing was written. Fix the file and import again:</translation>
    </message>
    <message>
        <source>Sổ có {n} hồ sơ hợp lệ. Ghi vào cơ sở dữ liệu?</source>
        <translation>The logbook has {n} valid dossiers. Write them to the database?</translation>
    </message>
    <message>
        <source>Thủ tục chưa có trong danh mục (sẽ thêm, chưa xác nhận): </source>
        <translation>Procedures not in the catalogue (will be added, unconfirmed): </translation>
    </message>
    <message>
        <source>Đang ghi sổ theo dõi cũ…</source>
        <translation>Writing the old logbook…</translation>
    </message>
    <message>
        <source>Đã ghi {n} hồ sơ từ {file}.</source>
        <translation>Wrote {n} dossiers from {file}.</translation>
    </message>
    <message>
        <source>Đang kiểm tra sổ theo dõi cũ…</source>
        <translation>Checking the old logbook…</translation>
    </message>
    <message>
        <source>Chọn gói .wardpkg</source>
        <translation>Choose .wardpkg packages</translation>
    </message>
    <message>
        <source>Đã dừng. Các lô gói đã ghi trước khi dừng được giữ nguyên, mỗi gói trọn vẹn; chọn lại các gói để nhập tiếp (gói đã nhập sẽ báo “đã nhập từ trước”).</source>
        <translation>Stopped. The batches written before stopping are kept, each package whole; select the packages again to continue (those already imported will say so).</translation>
    </message>
    <message>
        <source>Chạy thử (chưa ghi gì):</source>
        <translation>Dry run (nothing written):</translation>
    </message>
    <message>
        <source>Đang kiểm tra các gói…</source>
        <translation>Checking the packages…</translation>
    </message>
    <message>
        <source>Đã nhập:</source>
        <translation>Imported:</translation>
    </message>
    <message>
        <source>Đang nhập các gói…</source>
        <translation>Importing the packages…</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Sẽ áp dụng khi mở lại chương trình. Giấy tờ in luôn bằng tiếng Việt.</source>
        <translation>Takes effect when the program is reopened. Printed documents stay in Vietnamese.</translation>
    </message>
    <message>
        <source>Cơ quan và người ký</source>
        <translation>Office and signers</translation>
    </message>
    <message>
        <source>Tên các Phó Chủ tịch, cách nhau bởi dấu ;</source>
        <translation>Vice-chairmen, separated by ;</translation>
    </message>
    <message>
        <source>Tên cơ quan</source>
        <translation>Office name</translation>
    </message>
    <message>
        <source>Cơ quan cấp trên</source>
        <translation>Superior authority</translation>
    </message>
    <message>
        <source>Chủ tịch</source>
        <translation>Chairman</translation>
    </message>
    <message>
        <source>Phó Chủ tịch</source>
        <translation>Vice-chairmen</translation>
    </message>
    <message>
        <source>Lưu thông tin cơ quan</source>
        <translation>Save office details</translation>
    </message>
    <message>
        <source>Quy định áp dụng (mỗi mục ghi căn cứ)</source>
        <translation>Rules in force (each with its legal basis)</translation>
    </message>
    <message>
        <source>Lưu quy định</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <source>Lịch làm việc riêng của cơ quan (ngoài ngày lễ theo luật)</source>
        <translation>The office&apos;s own calendar (besides statutory holidays)</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Mô tả</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Căn cứ pháp lý</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Xóa dòng chọn</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>{title} — xem trước</source>
        <translation>{title} — preview</translation>
    </message>
    <message>
        <source>In… (Ctrl+P)</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Trợ giúp — {page}</source>
        <translation>Help — {page}</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>In ngay</source>
        <translation>Print now</translation>
    </message>
    <message>
        <source>Vừa chiều ngang</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>Vừa trang</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <source>Thu nhỏ (Ctrl+−, Ctrl+lăn chuột)</source>
        <translation>Zoom out (Ctrl+−, Ctrl+wheel)</translation>
    </message>
    <message>
        <source>Phóng to (Ctrl++, Ctrl+lăn chuột)</source>
        <translation>Zoom in (Ctrl++, Ctrl+wheel)</translation>
    </message>
    <message>
        <source>{n} trang</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <source>Đang lập {name}…</source>
        <translation>Preparing {name}…</translation>
    </message>
    <message>
        <source>wardapp — khoá màn hình</source>
        <translation>wardapp — screen locked</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>canbo1</source>
        <translation>canbo1</translation>
    </message>
    <message>
        <source>wardapp — tài khoản quản trị</source>
        <translation>wardapp — administrator account</translation>
    </message>
    <message>
        <source>Tạo tài khoản và đăng nhập</source>
        <translation>Create the account and sign in</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Tên thủ tục</source>
        <translation>Procedure name</translation>
    </message>
    <message>
        <source>Thời hạn</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>Áp dụng từ</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <source>Có hồ sơ</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <source> ngày làm việc</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>HH:MM, để trống = giờ chung của cơ quan</source>
        <translation>HH:MM, empty = the office&apos;s general cut-off</translation>
    </message>
    <message>
        <source>Mỗi giấy tờ một dòng</source>
        <translation>One document per line</translation>
    </message>
    <message>
        <source>Giữ nguyên ngày áp dụng để sửa phiên bản này; chọn ngày sau để thêm phiên bản mới (hồ sơ đã nhận vẫn theo thời hạn cũ).</source>
        <translation>Keep the effective date to correct this version; choose a later date to add a new version (dossiers already received keep the old time limit).</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Danh mục thủ tục hành chính</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <source>Lọc theo mã, tên hoặc lĩnh vực (không cần dấu)</source>
        <translation>Filter by code, name or field (diacritics optional)</translation>
    </message>
    <message>
        <source>Thêm thủ tục…</source>
        <translation>Add procedure…</translation>
    </message>
    <message>
        <source>Sửa / phiên bản mới…</source>
        <translation>Edit / new version…</translation>
    </message>
    <message>
        <source>Ngừng / áp dụng lại</source>
        <translation>Stop / use again</translation>
    </message>
    <message>
        <source>Nhập từ Excel/CSV…</source>
        <translation>Import from Excel/CSV…</translation>
    </message>
    <message>
        <source>đang áp dụng</source>
        <translation>in use</translation>
    </message>
    <message>
        <source>ngừng áp dụng</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>thời hạn chưa xác nhận</source>
        <translation>time limit not confirmed</translation>
    </message>
    <message>
        <source>có</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>Nhập danh mục thủ tục</source>
        <translation>Import procedure catalogue</translation>
    </message>
    <message>
        <source>Tệp có dòng sai; danh mục chưa thay đổi:</source>
        <translation>The file has bad rows; the catalogue is unchanged:</translation>
    </message>
    <message>
        <source>Danh mục đã giống tệp; không có gì thay đổi.</source>
        <translation>The catalogue already matches the file; nothing changes.</translation>
    </message>
    <message>
        <source>Sẽ thêm {new} và sửa {changed} thủ tục. Áp dụng?</source>
        <translation>{new} procedures will be added and {changed} changed. Apply?</translation>
    </message>
    <message>
        <source>In lại giấy tiếp nhận (Mẫu 01)…</source>
        <translation>Reprint the receipt (Form 01)…</translation>
    </message>
    <message>
        <source>In phiếu kiểm soát quá trình…</source>
        <translation>Print the process-control sheet…</translation>
    </message>
    <message>
        <source>In lại văn bản đã phát hành…</source>
        <translation>Reprint an issued document…</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Khoá máy ngay</source>
        <translation>Lock now</translation>
    </message>
    <message>
        <source>Đổi người dùng…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;Hồ sơ</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ mới</source>
        <translation>New intake</translation>
    </message>
    <message>
        <source>Tìm hồ sơ</source>
        <translation>Find a dossier</translation>
    </message>
    <message>
        <source>&amp;In</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Làm mới số liệu</source>
        <translation>Refresh figures</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Trợ giúp trang này</source>
        <translation>Help on this page</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)</source>
        <translation>Receipt and appointment slip (Form 01)</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát quá trình giải quyết</source>
        <translation>Process-control sheet</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát</source>
        <translation>Control sheet</translation>
    </message>
    <message>
        <source>(Chưa có văn bản nào đã phát hành)</source>
        <translation>(No document issued yet)</translation>
    </message>
    <message>
        <source>In lại: {label}</source>
        <translation>Reprint: {label}</translation>
    </message>
    <message>
        <source>In lại: </source>
        <translation>Reprint: </translation>
    </message>
    <message>
        <source>wardapp — đổi người dùng</source>
        <translation>wardapp — switch user</translation>
    </message>
    <message>
        <source>Chọn một hồ sơ trong danh sách</source>
        <translation>Select a dossier in the list</translation>
    </message>
    <message>
        <source>dd/mm/yyyy HH:MM</source>
        <translation>dd/mm/yyyy HH:MM</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Chọn trên lịch (Alt+↓)</source>
        <translation>Pick on the calendar (Alt+↓)</translation>
    </message>
    <message>
        <source>chưa nhập</source>
        <translation>not entered</translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ ({name})</source>
        <translation>The applicant ({name})</translation>
    </message>
    <message>
        <source>Người khác nhận thay</source>
        <translation>Someone else on their behalf</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>The applicant</translation>
    </message>
    <message>
        <source>Họ tên người nhận</source>
        <translation>Collector&apos;s full name</translation>
    </message>
    <message>
        <source>Số định danh (12 chữ số) hoặc CMND (9)</source>
        <translation>Personal ID (12 digits) or old ID card (9)</translation>
    </message>
    <message>
        <source>Người nhận kết quả</source>
        <translation>Result collected by</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <source>Ghi nhận</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Thời điểm: {at} ở tương lai</source>
        <translation>Time: {at} is in the future</translation>
    </message>
    <message>
        <source>Thời điểm: {at} sớm hơn bước trước của hồ sơ ({last})</source>
        <translation>Time: {at} is before the dossier&apos;s previous step ({last})</translation>
    </message>
    <message>
        <source>Thời điểm sớm hơn lúc ghi quá {n} phút: lịch sử sẽ đánh dấu &apos;nhập lùi&apos;.</source>
        <translation>Time more than {n} minutes before entry: the history will mark it &apos;backdated&apos;.</translation>
    </message>
    <message>
        <source>Hoàn tác bước cuối</source>
        <translation>Undo last step</translation>
    </message>
    <message>
        <source>Hoàn tác bước &apos;{step}&apos; ({at}) của hồ sơ {code}?
Lịch sử vẫn giữ bước đó và ghi thêm một dòng &apos;Hoàn tác&apos;.</source>
        <translation>Undo step &apos;{step}&apos; ({at}) of dossier {code}?
The history keeps that step and adds an &apos;Undo&apos; line.</translation>
    </message>
    <message>
        <source>Người nhận: {who}</source>
        <translation>Collected by: {who}</translation>
    </message>
    <message>
        <source>Hoàn tác: {step} (bước số {seq})</source>
        <translation>Undo: {step} (step no. {seq})</translation>
    </message>
    <message>
        <source>Chọn hồ sơ và lập văn bản xin lỗi…</source>
        <translation>Choose dossiers and issue apology letters…</translation>
    </message>
    <message>
        <source>&apos;{t}&apos; không hợp lệ (di động 03/05/07/08/09, cố định 02x)</source>
        <translation>&apos;{t}&apos; is not valid (mobile 03/05/07/08/09, landline 02x)</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Hồ sơ tạo nên số liệu</source>
        <translation>Dossiers behind the figure</translation>
    </message>
    <message>
        <source>Sáng kiến được công nhận năm {year}: {n}</source>
        <translation>Initiatives recognised in {year}: {n}</translation>
    </message>
    <message>
        <source>{label}{where}, {start} – {end}: {n} hồ sơ, {k} tính vào tử số</source>
        <translation>{label}{where}, {start} – {end}: {n} dossiers, {k} in the numerator</translation>
    </message>
    <message>
        <source>Tên sáng kiến</source>
        <translation>Initiative title</translation>
    </message>
    <message>
        <source>Tác giả (cách nhau bởi dấu phẩy)</source>
        <translation>Authors (comma separated)</translation>
    </message>
    <message>
        <source>Thêm sáng kiến</source>
        <translation>Add initiative</translation>
    </message>
    <message>
        <source>Sáng kiến mới</source>
        <translation>New initiative</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Tác giả</source>
        <translation>Authors</translation>
    </message>
    <message>
        <source>Ngày đề xuất</source>
        <translation>Proposed on</translation>
    </message>
    <message>
        <source>Số quyết định, ví dụ 45/QĐ-UBND</source>
        <translation>Decision number, e.g. 45/QĐ-UBND</translation>
    </message>
    <message>
        <source>Cập nhật trạng thái</source>
        <translation>Update status</translation>
    </message>
    <message>
        <source>Đính kèm tệp minh chứng…</source>
        <translation>Attach evidence file…</translation>
    </message>
    <message>
        <source>Lưu tệp minh chứng ra…</source>
        <translation>Save evidence file…</translation>
    </message>
    <message>
        <source>Sáng kiến đang chọn</source>
        <translation>Selected initiative</translation>
    </message>
    <message>
        <source>Quyết định công nhận</source>
        <translation>Recognising decision</translation>
    </message>
    <message>
        <source>Ngày quyết định</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <source>Chọn tệp minh chứng</source>
        <translation>Choose an evidence file</translation>
    </message>
    <message>
        <source>Tệp minh chứng</source>
        <translation>Evidence file</translation>
    </message>
    <message>
        <source>Tệp:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Lưu tệp minh chứng</source>
        <translation>Save evidence file</translation>
    </message>
    <message>
        <source>Ý kiến của người dân</source>
        <translation>The citizen&apos;s opinion</translation>
    </message>
    <message>
        <source>Ông/Bà có hài lòng với việc giải quyết hồ sơ không?</source>
        <translation>Are you satisfied with how your dossier was handled?</translation>
    </message>
    <message>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <source>Góp ý (không bắt buộc)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <source>Bỏ qua (không hỏi)</source>
        <translation>Skip (not asked)</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Bước liên thông</source>
        <translation>Forwarded step</translation>
    </message>
    <message>
        <source>Giao</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Nhận lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Thời hạn bước</source>
        <translation>Step allowance</translation>
    </message>
    <message>
        <source>Kết quả bước</source>
        <translation>Step result</translation>
    </message>
    <message>
        <source>theo hạn hồ sơ</source>
        <translation>by the dossier&apos;s due time</translation>
    </message>
    <message>
        <source>Hồ sơ quá hạn tại {agency}</source>
        <translation>Late dossiers at {agency}</translation>
    </message>
    <message>
        <source>{n} hồ sơ quá hạn do {agency} giữ quá thời hạn của mình</source>
        <translation>{n} late dossiers that {agency} held past its allowance</translation>
    </message>
    <message>
        <source>Không có hồ sơ quá hạn trong kỳ.</source>
        <translation>No late dossiers in the period.</translation>
    </message>
    <message>
        <source>Xem các hồ sơ và thời gian giao, nhận</source>
        <translation>Show the dossiers and their hand-over times</translation>
    </message>
    <message>
        <source>Tổng số hồ sơ quá hạn</source>
        <translation>Late dossiers in total</translation>
    </message>
    <message>
        <source>Cột mặc định</source>
        <translation>Default columns</translation>
    </message>
    <message>
        <source>Đang tính số liệu trên sổ…</source>
        <translation>Computing the figures from the register…</translation>
    </message>
    <message>
        <source>● Mất kết nối</source>
        <translation>● Connection lost</translation>
    </message>
</context>
</TS>
