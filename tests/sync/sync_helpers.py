"""Helpers for the exchange tests: site files, one-step exchanges, package surgery."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.sync import export_package, import_package

LEAD, TOWN_A, TOWN_B = "150002", "156019", "156027"
CONTRACTOR = "8110001087654"


def file_digest(path: Path) -> str:
    """SHA-256 of a database file and its WAL, the 'byte-for-byte unchanged' witness.

    A missing WAL and an empty one are the same state (a read-only open may create it)."""
    h = hashlib.sha256()
    for p in (path, Path(f"{path}-wal")):
        h.update(p.read_bytes() if p.exists() else b"")
        h.update(b"\0")
    return h.hexdigest()


def make_site(path: Path, code: str, kind: OrgKind = OrgKind.MUNICIPALITY, name: str = "",
              lead: str | None = LEAD) -> Database:
    """A new file for one organisation, as `gunmane init` makes it."""
    db = Database.create(path)
    ctx = ChangeContext(db, code, source="test")
    with db.transaction():
        db.set_meta("site_org", code)
        repo = OrganisationRepository(db)
        repo.save(ctx, Organisation(code, kind, name or f"団体{code}", lead_code=lead))
        if lead:
            repo.save(ctx, Organisation(lead, OrgKind.PREFECTURE, f"({lead})"))
    return db


_counter = [0]


def exchange(src: Database, dst: Database, out: Path | None = None, *, to: str | None = None):
    """Export from src for dst's organisation and import it at dst; returns the result."""
    _counter[0] += 1
    out = out or src.path.parent / f"pkg-{_counter[0]}.zip"
    export_package(src, out, to=to or dst.site_org)
    return import_package(dst, out)


def rebuild(package: Path, out: Path, *, db: Callable[[Path], None] | None = None,
            manifest: Callable[[dict], None] | None = None, rehash: bool = True,
            extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> Path:
    """Copy a package with surgery: change package.sqlite or the manifest, add members."""
    work = out.with_suffix(".d")
    work.mkdir()
    with zipfile.ZipFile(package) as zf:
        zf.extractall(work)
    data = json.loads((work / "manifest.json").read_text("utf-8"))
    if db:
        db(work / "package.sqlite")
    if rehash:
        raw = (work / "package.sqlite").read_bytes()
        data["members"]["package.sqlite"] = {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}
    if manifest:
        manifest(data)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(data))
        zf.write(work / "package.sqlite", "package.sqlite")
        for name in sorted(p.name for p in (work / "attachments").glob("*")):
            zf.write(work / "attachments" / name, f"attachments/{name}")
        for info, payload in extra:
            zf.writestr(info, payload)
    return out


def ctx_of(db: Database, user: str = "test") -> ChangeContext:
    return ChangeContext(db, db.site_org, user, "test")


def tombstone(db: Database, table: str, row_id: str) -> None:
    """Delete a row the synchronised way: a new version with the tombstone flag set."""
    ctx = ctx_of(db)
    with db.transaction() as conn:
        vv = conn.execute(f"SELECT vv FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
        s = ctx.stamp(vv)
        conn.execute(f"UPDATE {table} SET deleted = 1, vv = ?, hlc = ?, modified_at = ?, modified_by = ? "
                     "WHERE id = ?", (s.vv, s.hlc, s.modified_at, s.modified_by, row_id))


def rename(db: Database, asset_id: str, name: str) -> None:
    from gunmane_desktop.storage.assets import AssetRepository
    repo = AssetRepository(db)
    asset = repo.get(asset_id)
    asset.name = name
    repo.update(ctx_of(db), asset)


def row(db: Database, table: str, row_id: str) -> dict:
    r = db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return {k: r[k] for k in r.keys() if k != "seq"} if r else {}  # noqa: SIM118 (sqlite3.Row)


def first_asset(db: Database, owner: str) -> str:
    return db.conn.execute("SELECT id FROM assets WHERE owner = ? ORDER BY id LIMIT 1",
                           (owner,)).fetchone()[0]
