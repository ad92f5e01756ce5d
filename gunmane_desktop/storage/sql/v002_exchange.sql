-- Schema 2: the regional exchange (gunmane_desktop.sync).
--
-- delegations is synchronised like the tables of schema 1: an owner grants another
-- organisation the right to create and change its rows of one table ('*' = all tables),
-- e.g. a town delegates inspections of its bridges to the prefecture or a contractor.
-- The other tables are local to this file and never exchanged.

CREATE TABLE delegations (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    delegate    TEXT NOT NULL,
    table_name  TEXT NOT NULL CHECK (table_name IN ('*', 'assets', 'inspections', 'inspection_members', 'measures', 'attachment_links')),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delegations_owner ON delegations (owner, delegate);

-- One row per organisation this file exchanges with. received: per origin node, the
-- highest HLC of a gap-free run of packages received from the peer (our acknowledgement,
-- sent back in every manifest). acked: what the peer last acknowledged receiving from us,
-- the base of the next incremental export to it.
CREATE TABLE sync_peers (
    peer             TEXT PRIMARY KEY,
    received         TEXT NOT NULL DEFAULT '{}',
    acked            TEXT NOT NULL DEFAULT '{}',
    last_sent_at     TEXT,
    last_sent_file   TEXT,
    last_received_at TEXT,
    last_received_file TEXT
) WITHOUT ROWID;

-- Every import that wrote something, newest last; the backup makes "undo last import".
CREATE TABLE sync_imports (
    seq          INTEGER PRIMARY KEY,
    package      TEXT NOT NULL,
    package_id   TEXT NOT NULL,
    sender       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    backup_path  TEXT NOT NULL,
    audit_seq    INTEGER NOT NULL,
    counts       TEXT NOT NULL DEFAULT '{}'
);

-- Concurrent versions of one row: the local one stays in its table until a person decides;
-- both full row images are kept here. status: open, resolved (by a person here), superseded
-- (a later version that has seen the remote one arrived, e.g. the resolution made elsewhere).
CREATE TABLE sync_conflicts (
    seq          INTEGER PRIMARY KEY,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    owner        TEXT NOT NULL,
    local_vv     TEXT NOT NULL,
    remote_vv    TEXT NOT NULL,
    local_image  TEXT NOT NULL,
    remote_image TEXT NOT NULL,
    package      TEXT NOT NULL,
    sender       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'superseded')),
    resolution   TEXT,
    resolved_at  TEXT
);
CREATE INDEX sync_conflicts_row ON sync_conflicts (table_name, row_id) WHERE status = 'open';
