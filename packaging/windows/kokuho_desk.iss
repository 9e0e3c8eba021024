; Inno Setup 6.3+ script: the Windows installer for the one-folder bundle in dist\kokuho-desk.
; Built by packaging\build_windows.ps1, which passes the version:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\kokuho_desk.iss
; Installs for the current user only (no administrator password needed). The consultation
; database lives in the user's data folder and is kept when the app is uninstalled.
; Saved as UTF-8 with a byte-order mark so that Inno Setup reads the Japanese names.

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=X.Y.Z kokuho_desk.iss
#endif
#define AppName "国保デスク"
#define GuiExe "kokuho-desk-gui.exe"

[Setup]
AppId={{FF10D25A-BF98-4041-839E-B2BDA0B07286}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
DefaultDirName={autopf}\kokuho-desk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=kokuho-desk-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\kokuho-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; a new version replaces the whole bundle, so no library of the old one is left behind
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
