"""The upgrade chain: every frozen file of every released schema opens in this version."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from gunmane_desktop.storage import migrations
from gunmane_desktop.storage.checks import run_checks
from gunmane_desktop.storage.database import Database

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures").glob("schema_v*.sqlite"))
COUNTED = ("organisations", "assets", "inspections", "inspection_members", "measures",
           "attachments", "attachment_links", "audit_log")


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


def test_there_is_a_frozen_file_for_every_schema_version():
    versions = {int(p.stem.removeprefix("schema_v")) for p in FIXTURES}
    assert versions == set(migrations.MIGRATIONS)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_frozen_file_upgrades_to_the_latest_schema_and_keeps_its_rows(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    before = _counts(path)
    with Database.open(path) as db:
        assert db.schema_version == migrations.LATEST_VERSION
        assert all(r.ok for r in run_checks(db)), [r for r in run_checks(db) if not r.ok]
    after = _counts(path)
    assert all(after[t] >= before[t] for t in COUNTED if t != "audit_log")


def _with_future_step(monkeypatch, step):
    monkeypatch.setitem(migrations.MIGRATIONS, migrations.LATEST_VERSION + 1, step)
    monkeypatch.setattr(migrations, "LATEST_VERSION", migrations.LATEST_VERSION + 1)
    import gunmane_desktop.storage.database as database
    monkeypatch.setattr(database, "LATEST_VERSION", migrations.LATEST_VERSION)


def test_upgrading_takes_a_backup_first(tmp_path, monkeypatch):
    path = tmp_path / "town.sqlite"
    shutil.copy(FIXTURES[-1], path)
    old = migrations.LATEST_VERSION

    def add_column(conn):
        conn.execute("ALTER TABLE assets ADD COLUMN future TEXT")

    _with_future_step(monkeypatch, add_column)
    with Database.open(path) as db:
        assert db.schema_version == old + 1
        assert db.upgraded_from == old
        backup = db.backup_path
    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old


def test_a_failing_step_leaves_the_file_at_the_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "town.sqlite"
    shutil.copy(FIXTURES[-1], path)
    old = migrations.LATEST_VERSION

    def half_then_fail(conn):
        conn.execute("ALTER TABLE assets ADD COLUMN future TEXT")
        raise sqlite3.OperationalError("simulated failure in the middle of a step")

    _with_future_step(monkeypatch, half_then_fail)
    with pytest.raises(sqlite3.OperationalError):
        Database.open(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old
        columns = [r[1] for r in conn.execute("PRAGMA table_info(assets)")]
    assert "future" not in columns


def test_split_statements_keeps_trigger_bodies_whole():
    script = "CREATE TABLE t (x);\n-- note\nCREATE TRIGGER g BEFORE DELETE ON t BEGIN\n" \
             "  SELECT RAISE(ABORT, 'no');\nEND;\n"
    statements = migrations.split_statements(script)
    assert len(statements) == 2
    assert statements[1].endswith("END;")
