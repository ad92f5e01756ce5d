"""Schema migrations: numbered, atomic steps recorded in PRAGMA user_version.

Rules (after calibre, sqlite-utils and Vorta):
- step N takes a file from version N-1 to N inside one transaction, so a failure leaves the
  file at N-1;
- the file is copied before the first step runs;
- a file from a newer schema than this program knows is refused, never "upgraded";
- tests/fixtures holds one frozen file per released schema and the upgrade chain runs over
  all of them.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ..core.catalogue import Catalogue, default_catalogue
from .errors import NewerSchemaError, NotAGunmaneFileError

APPLICATION_ID = 0x474D4E45  # "GMNE": marks a file as ours in the SQLite header

Migration = Callable[[sqlite3.Connection], None]


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if not current and line.strip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {current[:80]!r}")
    return statements


def _run_script(conn: sqlite3.Connection, name: str) -> None:
    text = resources.files("gunmane_desktop.storage").joinpath(f"sql/{name}").read_text("utf-8")
    for statement in split_statements(text):
        conn.execute(statement)


def seed_catalogue(conn: sqlite3.Connection, catalogue: Catalogue) -> None:
    """Copy a catalogue (sectors, types, scales, grades, measure kinds) into the file."""
    conn.executemany("INSERT INTO sectors VALUES (?, ?, ?)",
                     [(s.id, s.name_ja, s.name_en) for s in catalogue.sectors])
    conn.executemany("INSERT INTO grade_scales VALUES (?, ?, ?, ?)",
                     [(s.id, s.name_ja, s.name_en, s.source) for s in catalogue.scales])
    conn.executemany(
        "INSERT INTO grades VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(g.scale, g.code, g.symbol, g.label_ja, g.label_en, g.severity, int(g.action_required),
          g.definition_ja, g.definition_en) for s in catalogue.scales for g in s.grades],
    )
    conn.executemany(
        "INSERT INTO asset_types VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(t.id, t.sector, t.name_ja, t.name_en, t.scale, t.cycle_years, int(t.statutory),
          json.dumps(list(t.aliases), ensure_ascii=False)) for t in catalogue.asset_types],
    )
    conn.executemany("INSERT INTO measure_kinds VALUES (?, ?, ?)",
                     [(k.id, k.name_ja, k.name_en) for k in catalogue.measure_kinds])
    conn.executemany("INSERT INTO measure_statuses VALUES (?, ?, ?, ?)",
                     [(s.id, s.name_ja, s.name_en, int(s.started)) for s in catalogue.measure_statuses])


def _v1_initial(conn: sqlite3.Connection) -> None:
    _run_script(conn, "v001_initial.sql")
    seed_catalogue(conn, default_catalogue())
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


MIGRATIONS: dict[int, Migration] = {
    1: _v1_initial,
    2: lambda conn: _run_script(conn, "v002_exchange.sql"),
    3: lambda conn: _run_script(conn, "v003_contracts.sql"),
    4: lambda conn: _run_script(conn, "v004_contract_results.sql"),
    5: lambda conn: _run_script(conn, "v005_search.sql"),
    6: lambda conn: _run_script(conn, "v006_plan_decisions.sql"),
    7: lambda conn: _run_script(conn, "v007_register_indexes.sql"),
    8: lambda conn: _run_script(conn, "v008_sync_base.sql"),
}
LATEST_VERSION = max(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_openable(conn: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version, or raise if this program must not touch it."""
    version = schema_version(conn)
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] > 0
    if version == 0 and has_tables:
        raise NotAGunmaneFileError(path, "群マネ Desktop のファイルではありません "
                                         "(not a 群マネ Desktop file: no schema version)")
    if version > 0 and app_id != APPLICATION_ID:
        raise NotAGunmaneFileError(path, "群マネ Desktop のファイルではありません "
                                         "(not a 群マネ Desktop file: wrong application id)")
    if version > LATEST_VERSION:
        raise NewerSchemaError(
            path,
            f"このファイルは新しい版の群マネ Desktop で作られています (スキーマ {version}、"
            f"この版は {LATEST_VERSION} まで)。プログラムを更新してから開いてください "
            f"(made by a newer version: schema {version}, this program knows up to {LATEST_VERSION})",
        )
    return version


def backup_before_upgrade(conn: sqlite3.Connection, path: Path, from_version: int) -> Path:
    """Copy the file next to itself, consistently, before migrating it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-v{LATEST_VERSION}-from-v{from_version}-{stamp}{path.suffix}")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def upgrade(conn: sqlite3.Connection, path: Path | None, *,
            on_step: Callable[[int], None] | None = None) -> Path | None:
    """Bring the file to LATEST_VERSION; return the backup path if one was made.

    ``conn`` must be in autocommit mode (isolation_level=None) so each step controls its
    own transaction.
    """
    current = check_openable(conn, path or Path(":memory:"))
    backup = None
    if 0 < current < LATEST_VERSION and path is not None:
        backup = backup_before_upgrade(conn, path, current)
    for version in range(current + 1, LATEST_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if on_step:
            on_step(version)
    return backup
