"""Per-peer exchange state: acknowledgements, last sent and received, pending rows.

``received`` is what this file acknowledges having from a peer: per origin organisation
the highest HLC of a gap-free run of that peer's packages. A package names the
acknowledgement it was based on (``since``); only when this file's acknowledgement already
covers it does it advance to the package's ``upto``. So after a lost package the next one
is based on the old acknowledgement again and carries the missing rows: it heals the gap.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..storage.database import Database


def hlc_node_sql(expr: str) -> str:
    """SQL for the organisation that made a change, from its HLC stamp text."""
    return f"substr({expr}, 18 + instr(substr({expr}, 18), '-'))"


def covers(have: dict[str, str], need: dict[str, str], site: str) -> bool:
    """True when acknowledgement ``have`` includes everything ``need`` claims (``site``
    holds every change it made itself, so its own entry is always covered)."""
    return all(have.get(k, "") >= v for k, v in need.items() if k != site)


def join(a: dict[str, str], b: dict[str, str]) -> dict[str, str]:
    return {k: max(a.get(k, ""), b.get(k, "")) for k in sorted(set(a) | set(b))}


@dataclass
class PeerState:
    peer: str
    received: dict[str, str] = field(default_factory=dict)
    acked: dict[str, str] = field(default_factory=dict)
    last_sent_at: str | None = None
    last_sent_file: str | None = None
    last_received_at: str | None = None
    last_received_file: str | None = None


class Peers:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, peer: str) -> PeerState:
        row = self.db.conn.execute("SELECT * FROM sync_peers WHERE peer = ?", (peer,)).fetchone()
        if row is None:
            return PeerState(peer)
        return PeerState(peer, json.loads(row["received"]), json.loads(row["acked"]),
                         row["last_sent_at"], row["last_sent_file"], row["last_received_at"],
                         row["last_received_file"])

    def all(self) -> list[PeerState]:
        return [self.get(r[0]) for r in self.db.conn.execute("SELECT peer FROM sync_peers ORDER BY peer")]

    def _ensure(self, peer: str) -> None:
        self.db.conn.execute("INSERT OR IGNORE INTO sync_peers (peer) VALUES (?)", (peer,))

    def record_sent(self, peer: str, file: str, at: str) -> None:
        with self.db.transaction() as conn:
            self._ensure(peer)
            conn.execute("UPDATE sync_peers SET last_sent_at = ?, last_sent_file = ? WHERE peer = ?",
                         (at, file, peer))

    def received_update(self, peer: str, since: dict[str, str], upto: dict[str, str],
                        ack: dict[str, str], site: str) -> tuple[dict[str, str], dict[str, str]]:
        """The (received, acked) a package would leave, without writing them."""
        state = self.get(peer)
        received = join(state.received, upto) if covers(state.received, since, site) else state.received
        # The peer's latest word wins: after an undo there its acknowledgement goes back.
        return received, dict(ack)

    def record_received(self, peer: str, file: str, at: str, received: dict[str, str],
                        acked: dict[str, str]) -> None:
        """Store the new state; the caller holds the import transaction."""
        self._ensure(peer)
        self.db.conn.execute(
            "UPDATE sync_peers SET received = ?, acked = ?, last_received_at = ?, "
            "last_received_file = ? WHERE peer = ?",
            (json.dumps(received, sort_keys=True), json.dumps(acked, sort_keys=True), at, file, peer))
