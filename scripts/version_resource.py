"""Windows version resource of both executables (Properties → Details shows product, version
and publisher), in PyInstaller's VSVersionInfo text format; pyinstaller.spec calls ``write``."""

from pathlib import Path


def write(version: str, path: Path) -> Path:
    nums = tuple(([int(x) for x in version.split(".")[:3]] + [0, 0, 0, 0])[:4])
    strings = {
        "CompanyName": "wardapp",
        "FileDescription": "wardapp — Bộ phận Một cửa cấp xã",
        "FileVersion": version,
        "InternalName": "wardapp",
        "LegalCopyright": "MIT License; third-party licences in LICENSES",
        "OriginalFilename": "wardapp.exe",
        "ProductName": "wardapp",
        "ProductVersion": version,
    }
    table = ",\n      ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('042a04b0', [
      {table}])]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])])
  ]
)
""",
        encoding="utf-8",
    )
    return path
