"""Installing a newer build over an older one: the user's schema-1 file is kept and migrated.

The installer replaces only the program folder; the file lives in the per-user data folder
and the new program upgrades it on open, after a backup beside it.
"""

import shutil
import sqlite3
from pathlib import Path

from gunmane_desktop.core.paths import MODE_USER, resolve_data_dir
from gunmane_desktop.storage.checks import run_checks
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.migrations import LATEST_VERSION

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v1.sqlite"
KEPT_TABLES = ("organisations", "assets", "inspections", "inspection_members", "measures",
               "attachments", "attachment_links", "audit_log")


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in KEPT_TABLES}
    finally:
        conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_a_newer_build_upgrades_a_schema_1_file_in_the_data_folder_and_keeps_a_backup(tmp_path):
    # Given an installed build and, in the per-user data folder, a file an old version wrote
    install = tmp_path / "Local" / "Programs" / "GunmaneDesktop"
    install.mkdir(parents=True)
    where = resolve_data_dir(environ={"LOCALAPPDATA": str(tmp_path / "Local")}, platform="win32",
                             home=tmp_path / "home", install=install)
    assert where.mode == MODE_USER
    where.path.mkdir(parents=True)
    town = where.path / "town.sqlite"
    shutil.copy(FIXTURE, town)
    assert _user_version(town) == 1 < LATEST_VERSION
    before = _counts(town)
    assert before["assets"] > 0 and before["inspections"] > 0

    # When the newer build opens it
    with Database.open(town) as db:
        # Then it is at the latest schema, with every row kept, and the checks pass
        assert db.schema_version == LATEST_VERSION
        assert db.upgraded_from == 1
        backup = db.backup_path
        assert all(r.ok for r in run_checks(db)), [r for r in run_checks(db) if not r.ok]
    assert _user_version(town) == LATEST_VERSION
    assert _counts(town) == before

    # And a schema-1 copy was taken first, beside the file, outside the installation folder
    assert backup is not None and backup.is_file()
    assert backup.parent == where.path and install not in backup.parents
    assert _user_version(backup) == 1
    assert _counts(backup) == before

    # And opening it again changes nothing and makes no second backup
    with Database.open(town) as db:
        assert db.backup_path is None
    assert sorted(p.name for p in where.path.glob("town.before-*.sqlite")) == [backup.name]
