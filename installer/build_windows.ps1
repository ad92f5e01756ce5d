# Build Gunmane Desktop for Windows: the one-folder bundle, its self-test, a portable zip and
# the per-user installer. Run from a PowerShell prompt in the repository (no admin rights):
#
#   py -3.11 -m venv .venv
#   .venv\Scripts\pip install -e . pyinstaller
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
#
# Kept ASCII-only: Windows PowerShell 5.1 reads a file without BOM in the ANSI code page.
# Needs Inno Setup 6 (ISCC.exe; a per-user install of Inno Setup works) for the installer;
# without it the bundle and the portable zip are still made. Outputs in dist\:
#   gunmane-desktop-VERSION\                 the bundle (gunmane.exe, gunmane-cli.exe, _internal\)
#   gunmane-desktop-VERSION-portable.zip     the bundle plus portable.txt (data beside the exe)
#   gunmane-desktop-VERSION-setup.exe        the per-user installer
#   SHA256SUMS.txt                           SHA-256 of the zip and the installer
param(
    [string]$Python = "",
    [string]$Iscc = ""
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

if (-not $Python) {
    $Python = if (Test-Path ".venv\Scripts\python.exe") { ".venv\Scripts\python.exe" } else { "python" }
}
$meta = & $Python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print(p['name'], p['version'])"
$Name, $Version = $meta.Trim().Split(" ")
$Bundle = Join-Path $Root "dist\$Name-$Version"
Write-Host "Building $Name $Version"

& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath "$Root\dist" --workpath "$Root\build\pyinstaller" installer\gunmane.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The self-test through the console executable, with no Python environment on PATH.
$env:PATH = "$env:SystemRoot\system32;$env:SystemRoot"
Remove-Item Env:PYTHONPATH -ErrorAction SilentlyContinue
Remove-Item Env:VIRTUAL_ENV -ErrorAction SilentlyContinue
& "$Bundle\gunmane-cli.exe" selftest
if ($LASTEXITCODE -ne 0) { throw "selftest failed" }

$sizeMB = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum) / 1MB)
Write-Host "bundle size: $sizeMB MB unpacked"

# Portable zip: the same bundle with portable.txt beside the executables.
$Portable = Join-Path $Root "dist\portable\$Name-$Version"
Remove-Item -Recurse -Force (Join-Path $Root "dist\portable") -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $Portable | Out-Null
Copy-Item -Recurse "$Bundle\*" $Portable
Set-Content -Encoding UTF8 (Join-Path $Portable "portable.txt") `
    "Portable mode: while this file is here, Gunmane Desktop keeps its data in the data folder beside gunmane.exe."
$Zip = Join-Path $Root "dist\$Name-$Version-portable.zip"
Remove-Item $Zip -ErrorAction SilentlyContinue
Compress-Archive -Path $Portable -DestinationPath $Zip
$outputs = @($Zip)

if (-not $Iscc) {
    $candidates = @("$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe",
                    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe")
    $Iscc = $candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if ($Iscc) {
    & $Iscc "/DAppName=$Name" "/DAppVersion=$Version" "/DBundleDir=$Bundle" installer\gunmane.iss
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
    $outputs += Join-Path $Root "dist\$Name-$Version-setup.exe"
} else {
    Write-Warning "Inno Setup 6 (ISCC.exe) not found: installer not built (pass -Iscc PATH)"
}

$sums = $outputs | ForEach-Object { "{0}  {1}" -f (Get-FileHash -Algorithm SHA256 $_).Hash.ToLower(), (Split-Path -Leaf $_) }
$sums | Set-Content -Encoding ASCII (Join-Path $Root "dist\SHA256SUMS.txt")
$sums | Write-Host
