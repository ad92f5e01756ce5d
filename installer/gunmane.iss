; Inno Setup 6 script (saved as UTF-8 with BOM, which ISCC needs for the Japanese text): per-user installer of 群マネ Desktop (no administrator rights).
;
; Build after the PyInstaller bundle (installer/build_windows.ps1 does both):
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=..\dist\gunmane-desktop-0.1.0 installer\gunmane.iss
; AppName/AppVersion below must equal pyproject.toml (tests/installer/test_consistency.py);
; build_windows.ps1 passes the values it reads from pyproject.toml.
;
; Installs into %LOCALAPPDATA%\Programs\GunmaneDesktop. User data lives elsewhere
; (%LOCALAPPDATA%\GunmaneDesktop, see gunmane_desktop/core/paths.py): an upgrade replaces the
; program only, and the program migrates the data (with a backup) when it opens a file.
; The uninstaller removes the program and keeps the data unless the user says otherwise.

#ifndef AppName
  #define AppName "gunmane-desktop"
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\" + AppName + "-" + AppVersion
#endif
#define DisplayName "群マネ Desktop"
#define ExeName "gunmane.exe"
#define DataFolder "GunmaneDesktop"

[Setup]
; AppId identifies the product across versions: never change it.
AppId={{6F1C2B8E-4D3A-4E7B-9C21-5A0D8E3F7B42}
AppName={#DisplayName}
AppVersion={#AppVersion}
AppVerName={#DisplayName} {#AppVersion}
AppPublisher=群マネ Desktop project
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#DisplayName}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\GunmaneDesktop
DisableDirPage=auto
UsePreviousAppDir=yes
DefaultGroupName={#DisplayName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#DisplayName} {#AppVersion}
UninstallDisplayIcon={app}\{#ExeName}
CloseApplications=yes
SetupLogging=yes
LicenseFile=LICENSE-NOTICE.txt

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
japanese.DesktopIcon=デスクトップにショートカットを作る
english.DesktopIcon=Create a desktop shortcut
japanese.RemoveData=作成したデータ (施設台帳ファイル・バックアップ・設定) も削除しますか?%n%n%1%n%n通常は「いいえ」を選んでください。データは残り、再インストール後にそのまま使えます。
english.RemoveData=Also delete your data (register files, backups, settings)?%n%n%1%n%nNormally answer No: the data stays and a reinstall uses it as it is.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; An upgrade must not leave libraries of the previous version beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole one-folder bundle. There is no portable.txt in it: an installed copy always
; keeps its data in the per-user folder, never in {app}.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Excludes: "portable.txt"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#DisplayName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"
Name: "{group}\{#DisplayName} のアンインストール"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#DisplayName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#ExeName}"; Description: "{cm:LaunchProgram,{#DisplayName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may have left in {app}; never the data folder.
Type: dirifempty; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  DataDir := ExpandConstant('{localappdata}\{#DataFolder}');
  { Silent uninstalls (e.g. by a script) always keep the data. }
  if UninstallSilent or not DirExists(DataDir) then
    exit;
  if MsgBox(FmtMessage(CustomMessage('RemoveData'), [DataDir]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    DelTree(DataDir, True, True, True);
    RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, 'Software\{#DataFolder}');
  end;
end;
