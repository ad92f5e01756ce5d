-- Schema 3: bundled contracts (群マネ), tenders, KPIs, residents' requests, work orders.
--
-- Every table but request_contacts carries the exchange columns (id, owner, vv, hlc,
-- deleted, modified_at, modified_by) first, like the tables of schema 1. A contract and
-- its orderers, scope, documents, tenders and KPIs are owned by the lead orderer; a request
-- by the town that received it; a work order by the orderer that gave it.
-- request_contacts holds residents' personal data (name, phone, address): it is local to
-- the town's file, has no exchange columns and is never put in an exchange package.
-- Money integer 円, dates ISO text, fiscal years integers, lists and maps JSON text.

CREATE TABLE contracts (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    owner          TEXT NOT NULL,
    vv             TEXT NOT NULL DEFAULT '{}',
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at    TEXT NOT NULL,
    modified_by    TEXT NOT NULL,
    number         TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL,
    contractor     TEXT,
    start_on       TEXT NOT NULL,
    end_on         TEXT NOT NULL,
    amount_yen     INTEGER,
    budget_by_fy   TEXT NOT NULL DEFAULT '{}',
    payment_form   TEXT NOT NULL CHECK (payment_form IN ('lump_sum', 'unit_price', 'mixed')),
    processes      TEXT NOT NULL DEFAULT '[]',
    share_method   TEXT NOT NULL CHECK (share_method IN ('fixed', 'by_assets')),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'tendering', 'active', 'completed', 'cancelled')),
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contracts_owner ON contracts (owner);

CREATE TABLE contract_orderers (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contracts(id) DEFERRABLE INITIALLY DEFERRED,
    org         TEXT NOT NULL,
    ratio       REAL NOT NULL DEFAULT 1,
    lead        INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1))
);
CREATE INDEX contract_orderers_contract ON contract_orderers (contract_id);
CREATE INDEX contract_orderers_org ON contract_orderers (org);

-- The assets a contract covers (across towns and sectors).
CREATE TABLE contract_scope (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contracts(id) DEFERRABLE INITIALLY DEFERRED,
    asset_id    TEXT NOT NULL
);
CREATE INDEX contract_scope_contract ON contract_scope (contract_id);
CREATE INDEX contract_scope_asset ON contract_scope (asset_id);

-- Documents (仕様書, 契約書, 協定書) stored in attachments by content hash.
CREATE TABLE contract_documents (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contracts(id) DEFERRABLE INITIALLY DEFERRED,
    sha256      TEXT NOT NULL,
    filename    TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_documents_contract ON contract_documents (contract_id);

CREATE TABLE tenders (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    owner          TEXT NOT NULL,
    vv             TEXT NOT NULL DEFAULT '{}',
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at    TEXT NOT NULL,
    modified_by    TEXT NOT NULL,
    contract_id    TEXT NOT NULL REFERENCES contracts(id) DEFERRABLE INITIALLY DEFERRED,
    round          INTEGER NOT NULL DEFAULT 1,
    previous_id    TEXT REFERENCES tenders(id) DEFERRABLE INITIALLY DEFERRED,
    notice_on      TEXT NOT NULL,
    opened_on      TEXT,
    ceiling_yen    INTEGER NOT NULL,
    lowest_bid_yen INTEGER,
    bids           TEXT NOT NULL DEFAULT '[]',
    result         TEXT NOT NULL CHECK (result IN ('awarded', 'no_bid', 'over_ceiling', 'pending')),
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tenders_contract ON tenders (contract_id);

CREATE TABLE kpis (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    owner        TEXT NOT NULL,
    vv           TEXT NOT NULL DEFAULT '{}',
    hlc          TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at  TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    contract_id  TEXT NOT NULL REFERENCES contracts(id) DEFERRABLE INITIALLY DEFERRED,
    name         TEXT NOT NULL,
    unit         TEXT NOT NULL DEFAULT '',
    target       REAL NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
    measured_by  TEXT NOT NULL,
    period       TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'fiscal_year')),
    deduction    TEXT NOT NULL DEFAULT '{}',
    params       TEXT NOT NULL DEFAULT '{}',
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kpis_contract ON kpis (contract_id);

CREATE TABLE kpi_measurements (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    kpi_id      TEXT NOT NULL REFERENCES kpis(id) DEFERRABLE INITIALLY DEFERRED,
    period      TEXT NOT NULL,
    value       REAL NOT NULL,
    source      TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'computed')),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kpi_measurements_kpi ON kpi_measurements (kpi_id, period);

CREATE TABLE requests (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    owner        TEXT NOT NULL,
    vv           TEXT NOT NULL DEFAULT '{}',
    hlc          TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at  TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    category     TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    lat          REAL,
    lon          REAL,
    asset_id     TEXT,
    contract_id  TEXT,
    description  TEXT NOT NULL DEFAULT '',
    photo_sha256 TEXT
);
CREATE INDEX requests_contract ON requests (contract_id, received_at);

-- Local only: never exchanged (no exchange columns). One row per request at most.
CREATE TABLE request_contacts (
    request_id TEXT PRIMARY KEY REFERENCES requests(id),
    name       TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE work_orders (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    owner        TEXT NOT NULL,
    vv           TEXT NOT NULL DEFAULT '{}',
    hlc          TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at  TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    request_id   TEXT REFERENCES requests(id) DEFERRABLE INITIALLY DEFERRED,
    contract_id  TEXT NOT NULL REFERENCES contracts(id) DEFERRABLE INITIALLY DEFERRED,
    contractor   TEXT NOT NULL,
    ordered_at   TEXT NOT NULL,
    completed_at TEXT,
    work_done    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_orders_contract ON work_orders (contract_id);
CREATE INDEX work_orders_request ON work_orders (request_id);
