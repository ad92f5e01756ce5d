-- Schema 7: partial indexes for the register's most used filters (local, derived).
--
-- The register lists live, in-service assets (deleted = 0 AND status = 'in_service').
-- Filtered by asset type or owner, the plain indexes find the rows but SQLite must then
-- read each table row to test those two columns: 224,000 bridges of a 500,000-asset
-- region took 0.3-0.6 s. These partial indexes hold only the rows the register shows, so
-- the same filter is an index-only scan in assets.seq order (0.06-0.15 s). The exchange
-- never sees them (packages carry tables only).

CREATE INDEX assets_type_live ON assets (asset_type)
    WHERE deleted = 0 AND status = 'in_service';

CREATE INDEX assets_owner_live ON assets (owner)
    WHERE deleted = 0 AND status = 'in_service';
