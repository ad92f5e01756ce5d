"""Content-addressed attachments (photos, documents): stored once by SHA-256."""

from __future__ import annotations

import hashlib

from .changes import ChangeContext
from .database import Database, utc_now
from .sqlhelpers import insert_row, write

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


class AttachmentStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def put(self, data: bytes, mime: str) -> str:
        """Store bytes (once) and return their SHA-256."""
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise ValueError(f"添付ファイルが大きすぎます ({len(data) // 1_048_576} MB > 50 MB)")
        digest = hashlib.sha256(data).hexdigest()
        with write(self.db.conn) as conn:
            conn.execute("INSERT OR IGNORE INTO attachments (sha256, mime, size, data, created_at) "
                         "VALUES (?, ?, ?, ?, ?)", (digest, mime, len(data), data, utc_now()))
            # A photo named by an exchanged row but not received yet (sync/photos.py) is a
            # placeholder with empty data: the same bytes added here fill it.
            conn.execute("UPDATE attachments SET data = ? WHERE sha256 = ? AND length(data) <> size",
                         (data, digest))
        return digest

    def get(self, sha256: str) -> bytes | None:
        """The bytes, or None when unknown or not received yet (an exchange placeholder)."""
        row = self.db.conn.execute("SELECT data FROM attachments WHERE sha256 = ? "
                                   "AND length(data) = size", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    def not_received(self, target_table: str, target_id: str) -> int:
        """How many photos of a row were named by an exchange package but not received yet."""
        return self.db.conn.execute(
            "SELECT count(*) FROM attachment_links l JOIN attachments a ON a.sha256 = l.sha256 "
            "WHERE l.target_table = ? AND l.target_id = ? AND l.deleted = 0 "
            "AND length(a.data) <> a.size", (target_table, target_id)).fetchone()[0]

    def attach(self, ctx: ChangeContext, owner: str, target_table: str, target_id: str,
               data: bytes, mime: str, filename: str = "", caption: str = "") -> str:
        """Store the bytes and link them to a row; returns the link id."""
        with write(self.db.conn) as conn:
            digest = self.put(data, mime)
            link_id = ctx.new_id()
            insert_row(conn, "attachment_links", link_id, owner, ctx.stamp(),
                       {"sha256": digest, "target_table": target_table, "target_id": target_id,
                        "filename": filename, "caption": caption})
            ctx.audit("attachment_links", link_id, "insert",
                      f"添付「{filename or digest[:12]}」を追加")
        return link_id

    def links(self, target_table: str, target_id: str) -> list[dict]:
        rows = self.db.conn.execute(
            "SELECT id, sha256, filename, caption FROM attachment_links "
            "WHERE target_table = ? AND target_id = ? AND deleted = 0 ORDER BY seq",
            (target_table, target_id))
        return [dict(r) for r in rows]
