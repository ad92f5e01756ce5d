"""Queries shared by the demo tests."""

import hashlib
import sqlite3

PREFECTURE = "150002"


def latest_bridge_grades(conn: sqlite3.Connection, owner: str | None = None) -> dict[str, float]:
    """Shares of the latest grades of bridges in service (from the derived status table)."""
    sql = ("SELECT s.grade, count(*) FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
           "WHERE a.asset_type = 'bridge' AND a.status = 'in_service' AND s.grade IS NOT NULL")
    params: tuple = ()
    if owner:
        sql += " AND a.owner = ?"
        params = (owner,)
    rows = dict(conn.execute(sql + " GROUP BY s.grade", params).fetchall())
    total = sum(rows.values())
    return {g: rows.get(g, 0) / total for g in ("I", "II", "III", "IV")}


def content_hash(path) -> str:
    """Hash of every row of every table, in a fixed order: equal hashes, equal content."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in sorted(repr(tuple(r)) for r in conn.execute(f"SELECT * FROM {table}")):
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        conn.close()
