"""``gunmane check``: is the file sound? Integrity, schema, references, derived data.

Each check returns a result with a short Japanese/English description and, when it fails,
the first few offending rows, so a staffer can send the output to whoever helps them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from .database import Database
from .migrations import MIGRATIONS
from .migrations import upgrade as _upgrade


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str = ""
    examples: list[str] = field(default_factory=list)


def expected_schema() -> dict[tuple[str, str], str]:
    """The schema objects a file of the latest version must have, from a fresh migration."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _upgrade(conn, None)
        return _schema_of(conn)
    finally:
        conn.close()


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    return {(r[0], r[1]): " ".join((r[2] or "").split())
            for r in conn.execute("SELECT type, name, sql FROM sqlite_schema "
                                  "WHERE name NOT LIKE 'sqlite_%'")}


_ORPHANS = {
    "inspections without their asset":
        "SELECT i.id FROM inspections i LEFT JOIN assets a ON a.id = i.asset_id WHERE a.id IS NULL",
    "member findings without their inspection":
        "SELECT m.id FROM inspection_members m LEFT JOIN inspections i ON i.id = m.inspection_id "
        "WHERE i.id IS NULL",
    "measures without their asset":
        "SELECT m.id FROM measures m LEFT JOIN assets a ON a.id = m.asset_id WHERE a.id IS NULL",
    "assets whose owner is not a known organisation":
        "SELECT a.id FROM assets a LEFT JOIN organisations o ON o.code = a.owner WHERE o.code IS NULL",
    "attachment links without their content":
        "SELECT l.id FROM attachment_links l LEFT JOIN attachments t ON t.sha256 = l.sha256 "
        "WHERE t.sha256 IS NULL",
    "inspections with a grade outside their scale":
        "SELECT i.id FROM inspections i LEFT JOIN grades g ON g.scale_id = i.scale_id "
        "AND g.code = i.grade WHERE g.code IS NULL",
    "corrections pointing at a missing inspection":
        "SELECT c.id FROM inspections c LEFT JOIN inspections i ON i.id = c.supersedes "
        "WHERE c.supersedes IS NOT NULL AND i.id IS NULL",
}


def run_checks(db: Database, *, full: bool = True) -> list[CheckResult]:
    conn = db.conn
    results: list[CheckResult] = []

    pragma = "integrity_check" if full else "quick_check"
    problems = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)")]
    results.append(CheckResult("integrity", problems == ["ok"],
                               "SQLite の整合性 (PRAGMA integrity_check)",
                               [] if problems == ["ok"] else problems))

    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    results.append(CheckResult("foreign_keys", not fk, "参照整合性 (PRAGMA foreign_key_check)",
                               [f"{r[0]} rowid {r[1]} -> {r[2]}" for r in fk[:10]]))

    expected = expected_schema()
    actual = _schema_of(conn)
    missing = sorted(f"{t} {n}" for (t, n) in expected.keys() - actual.keys())
    extra = sorted(f"{t} {n}" for (t, n) in actual.keys() - expected.keys())
    changed = sorted(f"{t} {n}" for k, sql in expected.items()
                     if k in actual and actual[k] != sql for (t, n) in [k])
    schema_ok = not (missing or extra or changed)
    results.append(CheckResult(
        "schema", schema_ok, f"スキーマ {db.schema_version} と一致 (schema matches version "
                             f"{max(MIGRATIONS)})",
        [*(f"missing: {m}" for m in missing), *(f"unexpected: {e}" for e in extra),
         *(f"differs: {c}" for c in changed)]))

    for name, sql in _ORPHANS.items():
        rows = conn.execute(sql + " LIMIT 10").fetchall()
        results.append(CheckResult(f"orphans: {name}", not rows, "参照先のない行 (orphans)",
                                   [r[0] for r in rows]))

    stale = conn.execute(
        "SELECT a.id FROM assets a LEFT JOIN asset_status s ON s.asset_seq = a.seq "
        "WHERE s.asset_seq IS NULL LIMIT 10").fetchall()
    results.append(CheckResult("derived status", not stale,
                               "最新判定の集計表が全施設を含む (asset_status covers every asset)",
                               [r[0] for r in stale]))
    return results
