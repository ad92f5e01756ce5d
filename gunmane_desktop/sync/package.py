"""The exchange package format: a zip of manifest.json, package.sqlite and attachments.

Layout (format version 1)::

    manifest.json              what the package is (see Manifest), SHA-256 of every member
    package.sqlite             the rows: one table per synchronised table (package_ddl())
    attachments/<sha256>       photo and document bytes, content-addressed

A zip survives LGWAN mail and sanitisation; a SQLite file inside lets the importer classify
rows in SQL over an ATTACHed copy. Writing is here; reading an untrusted package is
validate.py's job and nothing else may open one.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .tables import PACKAGE_SCHEMA_VERSION, package_ddl

FORMAT = "gunmane-exchange"
FORMAT_VERSION = 1
PACKAGE_APPLICATION_ID = 0x474D5850  # "GMXP" in the SQLite header of package.sqlite
MANIFEST = "manifest.json"
DATABASE = "package.sqlite"
ATTACHMENT_PREFIX = "attachments/"
REGION = "region"


class PackageError(Exception):
    """A package that must not be imported, with one line saying why."""

    def __init__(self, path: Path | str, problem: str) -> None:
        problem = " ".join(problem.split())  # one line, whatever SQLite or zipfile said
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


@dataclass
class Manifest:
    """What a package is. ``ack`` is the sender's acknowledgement of what it has received
    from the recipient (per origin organisation, the highest HLC of a gap-free run);
    ``since`` is the recipient's acknowledgement the export was based on ({} = full) and
    ``upto`` the sender's knowledge after it, per origin."""

    package_id: str
    sender: str
    recipient: str  # an organisation code or "region"
    created: str
    full: bool
    ack: dict[str, str] = field(default_factory=dict)
    since: dict[str, str] = field(default_factory=dict)
    upto: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    members: dict[str, dict[str, object]] = field(default_factory=dict)  # name -> sha256, size
    #: False when the sender left the photo bytes out (``--no-photos``): the attachments
    #: table still describes every photo the rows name, so the receiver keeps placeholders.
    photos: bool = True
    #: For one part of a split export (parts.py): ``{"set": <package_id of part 1>, "index":
    #: k, "count": n}``; None for a whole package.
    part: dict[str, object] | None = None
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    schema_version: int = PACKAGE_SCHEMA_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True)


def create_package_database(path: Path) -> sqlite3.Connection:
    """A new, empty package.sqlite with the exact package schema."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA application_id = {PACKAGE_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {PACKAGE_SCHEMA_VERSION}")
    for statement in package_ddl():
        conn.execute(statement)
    return conn


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_zip(out: Path, manifest: Manifest, database: Path,
              attachments: dict[str, bytes]) -> None:
    """Write the zip: hashes go into the manifest first, the manifest is the first member.

    ``attachments`` are the photo bytes this file carries: a subset of the photos the
    database's attachments table describes (all of them unless photos were left out or
    spread over parts)."""
    manifest.members = {DATABASE: {"sha256": sha256_file(database),
                                   "size": database.stat().st_size}}
    for digest, data in attachments.items():
        manifest.members[ATTACHMENT_PREFIX + digest] = {"sha256": digest, "size": len(data)}
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(MANIFEST, manifest.to_json())
        zf.write(database, DATABASE)
        for digest, data in sorted(attachments.items()):
            # Photos are already compressed: storing them saves time and keeps ratios honest.
            zf.writestr(zipfile.ZipInfo(ATTACHMENT_PREFIX + digest, (2026, 1, 1, 0, 0, 0)), data,
                        compress_type=zipfile.ZIP_STORED)
    tmp.replace(out)
