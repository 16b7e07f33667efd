; Inno Setup script of the ward's installer (Inno Setup 6; built by .github/workflows/windows.yml):
;   ISCC.exe /DAppVersion=0.1.0 installer\wardapp.iss   →  dist\installer\wardapp-setup-0.1.0.exe
; Installs dist\wardapp\ (both programs) into Program Files, with Start-menu and desktop shortcuts.
; Upgrade in place: the same AppId, so a newer setup replaces the program files and keeps the
; shortcuts.  The office's data (database, backups, log) lives in the user's data folder
; (%LOCALAPPDATA%\wardapp), never under {app}: neither an upgrade nor the uninstaller touches it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B3F2C1E-7A55-4E0B-9C1D-2F0B8E7A9D41}
AppName=wardapp
AppVersion={#AppVersion}
AppVerName=wardapp {#AppVersion}
AppPublisher=wardapp
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\wardapp
DefaultGroupName=wardapp
DisableProgramGroupPage=yes
; upgrading: same folder as before, no question asked
UsePreviousAppDir=yes
CloseApplications=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
OutputDir=..\dist\installer
OutputBaseFilename=wardapp-setup-{#AppVersion}
SetupIconFile=..\resources\icons\wardapp.ico
UninstallDisplayIcon={app}\wardapp.exe
LicenseFile=..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
; Vietnamese wizard: Inno's English messages with ours on top (vi.isl; Inno ships no official
; Vietnamese file).  English stays available for an IT person who prefers it.
Name: "vi"; MessagesFile: "compiler:Default.isl,vi.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole one-folder build; files of an older version no longer in the build are removed first
Source: "..\dist\wardapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\wardapp"; Filename: "{app}\wardapp.exe"
Name: "{group}\wardapp (dữ liệu mẫu)"; Filename: "{app}\wardapp.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,wardapp}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\wardapp"; Filename: "{app}\wardapp.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\wardapp.exe"; Description: "{cm:LaunchProgram,wardapp}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed; the database, backups
; and log in %LOCALAPPDATA%\wardapp stay for a reinstall or a move to a new PC.
