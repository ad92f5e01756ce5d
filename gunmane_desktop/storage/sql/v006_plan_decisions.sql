-- Schema 6: the user's decisions in the long-life repair plan (長寿命化修繕計画), kept.
--
-- plan_decisions: what the town decided about a consolidation / removal candidate
-- (集約・撤去検討結果): remove (撤去), downsize (機能縮小) or keep (存続), from which fiscal
-- year, with a note and who decided when. plan_overrides: a plan row the user set by hand
-- (asset, fiscal year, measure, cost in 円, note); measure 'none' says "no measure in this
-- year" where the engine planned one. The planning engine applies both (planning/choices.py).
--
-- Both are synchronised like measures: the row's owner is the asset's owner, because a
-- town's decisions about its own assets are the town's data and the lead relays them.
-- There is no unique index on the asset (and year): two sites may decide concurrently and
-- the exchange must be able to hold both rows; readers take the live row with the newest
-- clock reading (hlc) per asset (and year), and a save updates that row.

CREATE TABLE plan_decisions (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    asset_id    TEXT NOT NULL REFERENCES assets(id) DEFERRABLE INITIALLY DEFERRED,
    decision    TEXT NOT NULL CHECK (decision IN ('remove', 'downsize', 'keep')),
    fiscal_year INTEGER CHECK (fiscal_year IS NULL OR fiscal_year BETWEEN 1868 AND 2200),
    saving_yen  INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE INDEX plan_decisions_asset ON plan_decisions (asset_id);

CREATE TABLE plan_overrides (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner       TEXT NOT NULL REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
    vv          TEXT NOT NULL DEFAULT '{}',
    hlc         TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    modified_at TEXT NOT NULL,
    modified_by TEXT NOT NULL,
    asset_id    TEXT NOT NULL REFERENCES assets(id) DEFERRABLE INITIALLY DEFERRED,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1868 AND 2200),
    measure     TEXT NOT NULL CHECK (measure IN ('none', 'preventive_repair', 'corrective_repair',
                                                 'replacement')),
    cost_yen    INTEGER NOT NULL CHECK (cost_yen >= 0),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_overrides_asset ON plan_overrides (asset_id, fiscal_year);
