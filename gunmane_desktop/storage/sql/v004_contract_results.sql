-- Schema 4: contractor results recorded against their contract, and contract tables that
-- an owner may delegate (gunmane_desktop.sync exchanges the contract tables from here on).
--
-- inspections.contract_id names the contract under which an inspection was made (NULL for
-- the town's own work); it is content like every other column, so the append-only trigger
-- is recreated to cover it. measures.contract_id exists since schema 1.
-- delegations.table_name's CHECK is widened to the contract tables (a lead lets the
-- contractor enter KPI measurements, a town lets it complete work orders): SQLite cannot
-- change a CHECK in place, so the table is rebuilt with the same columns and rows.

ALTER TABLE inspections ADD COLUMN contract_id TEXT;
CREATE INDEX inspections_contract ON inspections (contract_id) WHERE contract_id IS NOT NULL;

DROP TRIGGER inspections_no_rewrite;
CREATE TRIGGER inspections_no_rewrite
BEFORE UPDATE OF id, owner, asset_id, inspected_on, fiscal_year, scale_id, grade, method,
                 inspector_org, inspector_name, findings, measurements, supersedes, contract_id
ON inspections
BEGIN
    SELECT RAISE(ABORT, 'inspections are append-only: record a correction instead');
END;

CREATE TABLE delegations_v4 (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    delegate    TEXT NOT NULL,
    table_name  TEXT NOT NULL CHECK (table_name IN ('*', 'assets', 'inspections', 'inspection_members',
                                                    'measures', 'attachment_links', 'contracts',
                                                    'contract_orderers', 'contract_scope',
                                                    'contract_documents', 'tenders', 'kpis',
                                                    'kpi_measurements', 'requests', 'work_orders')),
    note        TEXT NOT NULL DEFAULT ''
);
INSERT INTO delegations_v4 SELECT seq, id, owner, vv, hlc, deleted, modified_at, modified_by, delegate,
                                  table_name, note FROM delegations;
DROP TABLE delegations;
ALTER TABLE delegations_v4 RENAME TO delegations;
CREATE INDEX delegations_owner ON delegations (owner, delegate);
