; Vietnamese wording of the setup wizard's main screens, over Inno Setup's Default.isl (any
; message not listed here stays in English).  Written for wardapp; UTF-8 with BOM for Inno 6.
[LangOptions]
LanguageName=Tiếng Việt
LanguageID=$042A
LanguageCodePage=0

[Messages]
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Huỷ
ButtonYes=&Có
ButtonNo=&Không
ButtonFinish=&Xong
ButtonBrowse=&Chọn...
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nCó thể chạy lại chương trình cài đặt lúc khác.%n%nThoát cài đặt?
WelcomeLabel1=Cài đặt [name]
WelcomeLabel2=Chương trình sẽ cài [name/ver] vào máy tính này.%n%nNên đóng các chương trình khác trước khi tiếp tục.
WizardLicense=Giấy phép
LicenseLabel=Vui lòng đọc giấy phép dưới đây trước khi tiếp tục.
LicenseAccepted=Tôi &đồng ý với giấy phép
LicenseNotAccepted=Tôi &không đồng ý
WizardSelectDir=Chọn thư mục cài đặt
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=[name] sẽ được cài vào thư mục dưới đây.
SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Để chọn thư mục khác, bấm Chọn.
WizardSelectTasks=Chọn việc cần làm thêm
SelectTasksDesc=Làm thêm những việc nào?
SelectTasksLabel2=Chọn các việc cần làm thêm khi cài [name], rồi bấm Tiếp.
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Đã sẵn sàng cài [name] vào máy tính này.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem lại hay thay đổi.
WizardInstalling=Đang cài đặt
InstallingLabel=Vui lòng chờ trong khi [name] được cài vào máy tính này.
FinishedHeadingLabel=Đã cài xong [name]
FinishedLabelNoIcons=[name] đã được cài vào máy tính này.
FinishedLabel=[name] đã được cài vào máy tính này. Có thể mở chương trình từ các lối tắt đã tạo.
ClickFinish=Bấm Xong để kết thúc.
ConfirmUninstall=Gỡ %1 khỏi máy tính này? Dữ liệu của cơ quan (cơ sở dữ liệu, bản sao lưu) được giữ lại.
UninstalledAll=Đã gỡ %1 khỏi máy tính này.
UninstalledMost=Đã gỡ %1.%n%nMột số mục không gỡ được; có thể xoá bằng tay.
StatusUninstalling=Đang gỡ %1...

[CustomMessages]
AdditionalIcons=Lối tắt:
CreateDesktopIcon=Tạo lối tắt trên &màn hình nền
LaunchProgram=Mở %1
UninstallProgram=Gỡ cài đặt %1
