"""Regional exchange: packages between towns, the lead and contractors (design.md section 3).

Modules: package (format, manifest, writing), validate (hostile-file checks), export,
classify (verdicts in SQL), apply (import, undo), conflicts (list, resolve), peers
(acknowledgements and the sync log), tables (what is exchanged). No Qt; sync imports only
core and storage.
"""

from .apply import ImportRefused, ImportResult, import_package, undo_last_import
from .classify import Preview, Rejection
from .conflicts import Conflict, ConflictError, list_conflicts, resolve
from .export import ExportError, ExportResult, export_package
from .package import REGION, Manifest, PackageError
from .validate import ValidatedPackage, validate_package

__all__ = [
    "REGION", "Conflict", "ConflictError", "ExportError", "ExportResult", "ImportRefused",
    "ImportResult", "Manifest", "PackageError", "Preview", "Rejection", "ValidatedPackage",
    "export_package", "import_package", "list_conflicts", "resolve", "undo_last_import",
    "validate_package",
]
