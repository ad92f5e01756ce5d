"""The synchronised tables as the exchange sees them: order, columns, parents, package DDL.

Column lists are read from a fresh in-memory file built by the migrations, so the exchange
follows the schema without a second hand-kept copy. Tables are listed parents first: rows
are classified and applied in this order, so a child can rely on its parent being present.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass

from ..storage.migrations import upgrade

SYNC_COLUMNS = ("id", "owner", "vv", "hlc", "deleted", "modified_at", "modified_by")
#: Columns whose change is a new version of a row but not a change of its content.
VERSION_COLUMNS = ("vv", "hlc", "modified_at", "modified_by")


@dataclass(frozen=True, slots=True)
class Parent:
    column: str
    table: str
    key: str  # the parent table's column the value must match
    nullable: bool


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # TEXT, INTEGER or REAL
    notnull: bool


@dataclass(frozen=True, slots=True)
class SyncTable:
    name: str
    columns: tuple[Column, ...]  # every exchanged column (not the local seq)
    parents: tuple[Parent, ...]
    catalogue_refs: tuple[tuple[str, str, str], ...]  # (column, table, key) to local catalogue
    append_only: bool  # content may never change once written (inspections)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def content(self) -> tuple[str, ...]:
        """Columns that make up what the row says (everything but the version stamps)."""
        return tuple(c for c in self.names if c not in VERSION_COLUMNS)

    @property
    def data(self) -> tuple[str, ...]:
        """Content columns other than id, owner and the tombstone flag."""
        return tuple(c for c in self.content if c not in ("id", "owner", "deleted"))


_SPEC = (
    ("organisations", (), (), False),
    ("delegations", (), (), False),
    ("assets", (), (("asset_type", "asset_types", "id"),), False),
    ("inspections", (Parent("asset_id", "assets", "id", False),
                     Parent("supersedes", "inspections", "id", True)),
     (("scale_id", "grade_scales", "id"),), True),
    ("inspection_members", (Parent("inspection_id", "inspections", "id", False),), (), False),
    ("measures", (Parent("asset_id", "assets", "id", False),
                  Parent("inspection_id", "inspections", "id", True)),
     (("kind", "measure_kinds", "id"), ("status", "measure_statuses", "id")), False),
    ("attachment_links", (), (), False),
    # The user's choices in the long-life repair plan (schema 6): owned, like measures, by
    # the asset's owner; the lead relays them like every other row of its towns.
    ("plan_decisions", (Parent("asset_id", "assets", "id", False),), (), False),
    ("plan_overrides", (Parent("asset_id", "assets", "id", False),), (), False),
    # Bundled contracts (schema 3): a contract and its children belong to the lead orderer,
    # a request to the town that received it, a work order to the orderer that gave it.
    # request_contacts (residents' personal data) is not a synchronised table: see
    # PERSONAL_DATA below.
    ("contracts", (), (), False),
    ("contract_orderers", (Parent("contract_id", "contracts", "id", False),), (), False),
    ("contract_scope", (Parent("contract_id", "contracts", "id", False),), (), False),
    ("contract_documents", (Parent("contract_id", "contracts", "id", False),), (), False),
    ("tenders", (Parent("contract_id", "contracts", "id", False),
                 Parent("previous_id", "tenders", "id", True)), (), False),
    ("kpis", (Parent("contract_id", "contracts", "id", False),), (), False),
    ("kpi_measurements", (Parent("kpi_id", "kpis", "id", False),), (), False),
    ("requests", (), (), False),
    ("work_orders", (Parent("request_id", "requests", "id", True),
                     Parent("contract_id", "contracts", "id", False)), (), False),
)


@functools.cache
def sync_tables() -> tuple[SyncTable, ...]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        upgrade(conn, None)
        out = []
        for name, parents, refs, append_only in _SPEC:
            cols = tuple(Column(r[1], r[2].upper(), bool(r[3]) or r[1] == "id")
                         for r in conn.execute(f"PRAGMA table_info({name})") if r[1] != "seq")
            if tuple(c.name for c in cols[:len(SYNC_COLUMNS)]) != SYNC_COLUMNS:
                raise RuntimeError(f"{name}: exchange columns are not first")
            out.append(SyncTable(name, cols, parents, refs, append_only))
        return tuple(out)
    finally:
        conn.close()


def table(name: str) -> SyncTable:
    return next(t for t in sync_tables() if t.name == name)


TABLE_NAMES = tuple(spec[0] for spec in _SPEC)
#: Organisations that own rows must exist before the rows (assets.owner references them).
OWNER_CHECKED = ("assets", "inspections", "measures", "plan_decisions", "plan_overrides", "contracts",
                 "requests", "work_orders")
#: Tables whose rows belong to a contract: a package for one organisation holds only its part.
CONTRACT_TABLES = ("contracts", "contract_orderers", "contract_scope", "contract_documents", "tenders",
                   "kpis", "kpi_measurements", "requests", "work_orders")
#: Residents' personal data (name, phone, address of who reported a request). Local to the
#: town's file: it has no version columns and goes into a package only when the sender asks
#: for it explicitly (``export_package(..., include_personal_data=True)``).
PERSONAL_DATA = "request_contacts"
PERSONAL_COLUMNS = ("request_id", "name", "phone", "address")
#: Columns that name attachment bytes by SHA-256: the bytes travel with the row.
ATTACHMENT_REFS = (("attachment_links", "sha256"), ("contract_documents", "sha256"),
                   ("requests", "photo_sha256"))


def package_ddl() -> list[str]:
    """CREATE statements of package.sqlite, in a fixed text so validation can compare it."""
    statements = []
    for t in sync_tables():
        cols = ",\n    ".join(
            f"{c.name} {c.type}" + (" NOT NULL" if c.notnull else "")
            + (" PRIMARY KEY" if c.name == "id" else "")
            for c in t.columns)
        statements.append(f"CREATE TABLE {t.name} (\n    {cols}\n) WITHOUT ROWID")
    statements.append(f"CREATE TABLE {PERSONAL_DATA} (\n    request_id TEXT NOT NULL PRIMARY KEY,\n"
                      "    name TEXT NOT NULL,\n    phone TEXT NOT NULL,\n    address TEXT NOT NULL\n"
                      ") WITHOUT ROWID")
    statements.append("CREATE TABLE attachments (\n    sha256 TEXT NOT NULL PRIMARY KEY,\n"
                      "    mime TEXT NOT NULL,\n    size INTEGER NOT NULL,\n"
                      "    created_at TEXT NOT NULL\n) WITHOUT ROWID")
    return statements


#: The shape of the exchanged tables, written in every manifest and checked on import. A
#: migration that changes a synchronised table bumps it; one that adds only local objects
#: (schema 7's register indexes) leaves it, so a town one program version behind its lead
#: still exchanges with it.
PACKAGE_SCHEMA_VERSION = 6
