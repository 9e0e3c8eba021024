# Builds the Windows bundle on Windows (PyInstaller does not cross-build): dist\kokuho-desk\
# (kokuho-desk-gui.exe for the window, kokuho-desk.exe for the commands) and, when Inno Setup 6.3
# or later is installed, the installer dist\kokuho-desk-<version>-windows-setup.exe.
# Needs Python 3.11 from python.org (the "py" launcher); makes .venv if it is missing.
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Checked([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "failed ($LASTEXITCODE): $exe $arguments" }
}

$python = if ($env:PYTHON) { $env:PYTHON } else { ".venv\Scripts\python.exe" }
if (-not (Test-Path $python)) {
    Invoke-Checked "py" @("-3.11", "-m", "venv", ".venv")
    Invoke-Checked $python @("-m", "pip", "install", "-q", "--upgrade", "pip")
    Invoke-Checked $python @("-m", "pip", "install", "-q", "-e", ".")
}
$found = & $python -c "import importlib.util; print(importlib.util.find_spec('PyInstaller') is not None)"
if ($found -ne "True") { Invoke-Checked $python @("-m", "pip", "install", "-q", "pyinstaller>=6.10") }

Invoke-Checked $python @("-m", "PyInstaller", "--noconfirm", "--distpath", "dist", "--workpath", "build\pyinstaller",
                         "packaging\kokuho_desk.spec")
$version = (& $python -c "import kokuho_desk; print(kokuho_desk.__version__)").Trim()
Write-Host "bundle: dist\kokuho-desk"

$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (Test-Path $iscc) {
    Invoke-Checked $iscc @("/Q", "/DAppVersion=$version", "packaging\windows\kokuho_desk.iss")
    Write-Host "installer: dist\kokuho-desk-$version-windows-setup.exe"
} else {
    Write-Host "Inno Setup 6 not found ($iscc): the installer was not made (https://jrsoftware.org/isinfo.php)"
}
