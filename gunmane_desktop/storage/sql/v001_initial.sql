-- Schema 1 of a 群マネ Desktop file.
--
-- Synchronised tables (organisations, assets, inspections, inspection_members, measures,
-- attachment_links) share the exchange columns from day one:
--   id           UUIDv7 text, the identity that travels between organisations
--   owner        organisation code that owns the row (only the owner or its delegate edits it)
--   vv           version vector as canonical JSON {"org": changes}
--   hlc          hybrid logical clock stamp of the last change
--   deleted      tombstone flag; synchronised rows are never physically deleted
--   modified_at  ISO-8601 UTC time of the last change
--   modified_by  who made it: "<org code>:<user>"
-- Tables that are local to this file (catalogue copies, derived status, audit log, meta)
-- have no such columns. Fiscal years are integers, money integer 円, dates ISO text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Catalogue copied from the shipped defaults when the file is created; a prefecture
-- variant is an edit of these rows.
CREATE TABLE sectors (
    id      TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE grade_scales (
    id      TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    source  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE grades (
    scale_id        TEXT NOT NULL REFERENCES grade_scales(id),
    code            TEXT NOT NULL,
    symbol          TEXT NOT NULL,
    label_ja        TEXT NOT NULL,
    label_en        TEXT NOT NULL,
    severity        INTEGER NOT NULL,
    action_required INTEGER NOT NULL CHECK (action_required IN (0, 1)),
    definition_ja   TEXT NOT NULL,
    definition_en   TEXT NOT NULL,
    PRIMARY KEY (scale_id, code)
) WITHOUT ROWID;

CREATE TABLE asset_types (
    id          TEXT PRIMARY KEY,
    sector_id   TEXT NOT NULL REFERENCES sectors(id),
    name_ja     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    scale_id    TEXT NOT NULL REFERENCES grade_scales(id),
    cycle_years INTEGER,
    statutory   INTEGER NOT NULL DEFAULT 0,
    aliases     TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;

CREATE TABLE measure_kinds (
    id      TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE measure_statuses (
    id      TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    started INTEGER NOT NULL CHECK (started IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE organisations (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    owner          TEXT NOT NULL,
    vv             TEXT NOT NULL DEFAULT '{}',
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at    TEXT NOT NULL,
    modified_by    TEXT NOT NULL,
    code           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('prefecture', 'municipality', 'company', 'jv', 'cooperative', 'other')),
    name           TEXT NOT NULL,
    name_en        TEXT NOT NULL DEFAULT '',
    lead_code      TEXT,
    members        TEXT NOT NULL DEFAULT '[]',
    representative TEXT
);

CREATE TABLE assets (
    seq             INTEGER PRIMARY KEY,   -- local key, stable across VACUUM; not exchanged
    id              TEXT NOT NULL UNIQUE,
    owner           TEXT NOT NULL REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
    vv              TEXT NOT NULL DEFAULT '{}',
    hlc             TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at     TEXT NOT NULL,
    modified_by     TEXT NOT NULL,
    asset_type      TEXT NOT NULL REFERENCES asset_types(id),
    name            TEXT NOT NULL,
    name_kana       TEXT NOT NULL DEFAULT '',
    route           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    external_id     TEXT NOT NULL DEFAULT '',
    lat             REAL,
    lon             REAL,
    coord_text      TEXT NOT NULL DEFAULT '',
    built_year      INTEGER,
    built_year_text TEXT NOT NULL DEFAULT '',
    length_m        REAL,
    width_m         REAL,
    area_m2         REAL,
    structure       TEXT NOT NULL DEFAULT '',
    emergency_route INTEGER NOT NULL DEFAULT 0,
    over_railway    INTEGER NOT NULL DEFAULT 0,
    over_road       INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'in_service' CHECK (status IN ('in_service', 'retired', 'removed')),
    attributes      TEXT NOT NULL DEFAULT '{}',
    notes           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assets_owner_type ON assets (owner, asset_type);
CREATE INDEX assets_type ON assets (asset_type);
CREATE INDEX assets_name ON assets (name);
CREATE INDEX assets_external_id ON assets (external_id) WHERE external_id <> '';

CREATE TABLE inspections (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    owner          TEXT NOT NULL REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
    vv             TEXT NOT NULL DEFAULT '{}',
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at    TEXT NOT NULL,
    modified_by    TEXT NOT NULL,
    asset_id       TEXT NOT NULL REFERENCES assets(id) DEFERRABLE INITIALLY DEFERRED,
    inspected_on   TEXT NOT NULL,
    fiscal_year    INTEGER NOT NULL,
    scale_id       TEXT NOT NULL,
    grade          TEXT NOT NULL,
    method         TEXT NOT NULL DEFAULT '',
    inspector_org  TEXT NOT NULL DEFAULT '',
    inspector_name TEXT NOT NULL DEFAULT '',
    findings       TEXT NOT NULL DEFAULT '',
    measurements   TEXT NOT NULL DEFAULT '{}',
    supersedes     TEXT,
    FOREIGN KEY (scale_id, grade) REFERENCES grades (scale_id, code)
);
CREATE INDEX inspections_asset ON inspections (asset_id, inspected_on);
CREATE INDEX inspections_fy ON inspections (fiscal_year);
CREATE INDEX inspections_supersedes ON inspections (supersedes) WHERE supersedes IS NOT NULL;

-- History is kept for the life of the structure: an inspection is never deleted and its
-- content never rewritten; a correction is a new row that names the one it supersedes.
CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections
BEGIN
    SELECT RAISE(ABORT, 'inspections are append-only: record a correction instead');
END;
CREATE TRIGGER inspections_no_rewrite
BEFORE UPDATE OF id, owner, asset_id, inspected_on, fiscal_year, scale_id, grade, method,
                 inspector_org, inspector_name, findings, measurements, supersedes ON inspections
BEGIN
    SELECT RAISE(ABORT, 'inspections are append-only: record a correction instead');
END;

CREATE TABLE inspection_members (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    owner          TEXT NOT NULL,
    vv             TEXT NOT NULL DEFAULT '{}',
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at    TEXT NOT NULL,
    modified_by    TEXT NOT NULL,
    inspection_id  TEXT NOT NULL REFERENCES inspections(id) DEFERRABLE INITIALLY DEFERRED,
    position       INTEGER NOT NULL,
    member         TEXT NOT NULL,
    damage_type    TEXT NOT NULL DEFAULT '',
    degree         TEXT NOT NULL DEFAULT '' CHECK (degree IN ('', 'a', 'b', 'c', 'd', 'e')),
    member_grade   TEXT NOT NULL DEFAULT '',
    countermeasure TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_members_inspection ON inspection_members (inspection_id, position);
CREATE TRIGGER inspection_members_no_delete BEFORE DELETE ON inspection_members
BEGIN
    SELECT RAISE(ABORT, 'inspection findings are append-only');
END;

CREATE TABLE measures (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    owner            TEXT NOT NULL REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
    vv               TEXT NOT NULL DEFAULT '{}',
    hlc              TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at      TEXT NOT NULL,
    modified_by      TEXT NOT NULL,
    asset_id         TEXT NOT NULL REFERENCES assets(id) DEFERRABLE INITIALLY DEFERRED,
    inspection_id    TEXT REFERENCES inspections(id) DEFERRABLE INITIALLY DEFERRED,
    kind             TEXT NOT NULL REFERENCES measure_kinds(id),
    status           TEXT NOT NULL REFERENCES measure_statuses(id),
    description      TEXT NOT NULL DEFAULT '',
    planned_fy       INTEGER,
    started_on       TEXT,
    completed_on     TEXT,
    cost_planned_yen INTEGER,
    cost_actual_yen  INTEGER,
    contract_id      TEXT
);
CREATE INDEX measures_asset ON measures (asset_id);

-- Photos and documents: stored once by content hash, referenced by links that sync.
CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE attachment_links (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    owner        TEXT NOT NULL,
    vv           TEXT NOT NULL DEFAULT '{}',
    hlc          TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at  TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES attachments(sha256),
    target_table TEXT NOT NULL CHECK (target_table IN ('assets', 'inspections', 'inspection_members', 'measures')),
    target_id    TEXT NOT NULL,
    filename     TEXT NOT NULL DEFAULT '',
    caption      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attachment_links_target ON attachment_links (target_table, target_id);

-- Derived, local: the latest inspection of each asset and what follows from it, so the
-- register can filter and sort 500,000 assets by grade in SQL. Rebuilt from the history by
-- storage.status.refresh_asset_status(); never exchanged.
CREATE TABLE asset_status (
    asset_seq          INTEGER PRIMARY KEY REFERENCES assets(seq),
    last_inspection_id TEXT,
    last_inspected_on  TEXT,
    last_fiscal_year   INTEGER,
    scale_id           TEXT,
    grade              TEXT,
    severity           INTEGER,
    action_required    INTEGER NOT NULL DEFAULT 0,
    next_due_fy        INTEGER,
    measure_state      TEXT NOT NULL DEFAULT 'none'
        CHECK (measure_state IN ('none', 'planned', 'started', 'completed'))
);
CREATE INDEX asset_status_grade ON asset_status (grade);
CREATE INDEX asset_status_due ON asset_status (next_due_fy);

-- Every change, human-readable, append-only: who, when, from where, old -> new.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    source     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'retire', 'tombstone', 'correct')),
    changes    TEXT NOT NULL DEFAULT '{}',
    summary    TEXT NOT NULL
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
