"""Property tests: random edits, deletes and (lost, duplicated) exchanges among a lead, two
towns and a contractor converge once every package has arrived and conflicts are resolved, never lose
a version, never record a second conflict for a re-import, never break ownership."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import CONTRACTOR, LEAD, TOWN_A, TOWN_B, ctx_of, make_site, rename, tombstone

from gunmane_desktop.core import versions
from gunmane_desktop.core.models import Asset
from gunmane_desktop.core.organisations import OrgKind
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.sync import export_package, import_package, list_conflicts, resolve
from gunmane_desktop.sync.delegations import grant

ROUTES = ((TOWN_A, LEAD), (TOWN_B, LEAD), (CONTRACTOR, LEAD), (LEAD, TOWN_A), (LEAD, TOWN_B),
          (LEAD, CONTRACTOR))
# Town A delegated its assets to the lead and to a contractor; town B to nobody.
WRITERS = {TOWN_A: {TOWN_A, LEAD, CONTRACTOR}, TOWN_B: {TOWN_B}, LEAD: {LEAD}}
SITES = (TOWN_A, TOWN_B, CONTRACTOR, LEAD)

ops = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(SITES), st.integers(0, 9),
              st.sampled_from(("北橋", "南橋", "東橋"))),
    st.tuples(st.just("delete"), st.sampled_from(SITES), st.integers(0, 9)),
    st.tuples(st.just("add"), st.sampled_from((TOWN_A, TOWN_B, LEAD))),
    st.tuples(st.just("send"), st.sampled_from(ROUTES), st.sampled_from(("deliver", "lose", "twice"))),
), max_size=25)


class World:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sites = {LEAD: make_site(folder / "lead.sqlite", LEAD, OrgKind.PREFECTURE, "みどり県",
                                      lead=None),
                      TOWN_A: make_site(folder / "a.sqlite", TOWN_A),
                      TOWN_B: make_site(folder / "b.sqlite", TOWN_B),
                      CONTRACTOR: make_site(folder / "c.sqlite", CONTRACTOR, OrgKind.COMPANY, "建設")}
        self.n = 0
        self.versions: list[tuple[str, str]] = []  # every (asset id, vv) ever made
        grant(ctx_of(self.sites[TOWN_A]), LEAD, "assets")
        grant(ctx_of(self.sites[TOWN_A]), CONTRACTOR, "assets")
        for code in (TOWN_A, TOWN_B, TOWN_A, TOWN_B):
            self.add(code)
        for route in ROUTES:
            self.send(*route)

    def close(self) -> None:
        for db in self.sites.values():
            db.close()

    def writable(self, code: str) -> list[str]:
        owners = [o for o, w in WRITERS.items() if code in w]
        db = self.sites[code]
        return [r[0] for r in db.conn.execute(
            f"SELECT id FROM assets WHERE owner IN ({','.join('?' * len(owners))}) ORDER BY id", owners)]

    def record(self, code: str, asset_id: str) -> None:
        vv = self.sites[code].conn.execute("SELECT vv FROM assets WHERE id = ?", (asset_id,)).fetchone()[0]
        self.versions.append((asset_id, vv))

    def add(self, code: str) -> None:
        db = self.sites[code]
        ctx = ctx_of(db)
        asset = AssetRepository(db).add(ctx, Asset(ctx.new_id(), code, "bridge", f"橋{self.n}"))
        self.n += 1
        self.record(code, asset.id)

    def edit(self, code: str, k: int, name: str) -> None:
        ids = self.writable(code)
        if ids:
            rename(self.sites[code], ids[k % len(ids)], name + str(self.n))
            self.n += 1
            self.record(code, ids[k % len(ids)])

    def delete(self, code: str, k: int) -> None:
        ids = self.writable(code)
        if ids:
            tombstone(self.sites[code], "assets", ids[k % len(ids)])
            self.record(code, ids[k % len(ids)])

    def send(self, src: str, dst: str, how: str = "deliver") -> None:
        self.n += 1
        out = self.folder / f"p{self.n}.zip"
        export_package(self.sites[src], out, to=dst)
        if how == "lose":
            return
        import_package(self.sites[dst], out)
        if how == "twice":
            again = import_package(self.sites[dst], out)
            assert not again.applied and again.preview.totals()["conflicts"] == 0

    def settle(self) -> None:
        for _ in range(12):
            for route in ROUTES + ROUTES:
                self.send(*route)
            open_at = [c for c in SITES if list_conflicts(self.sites[c])]
            if not open_at:
                return
            code = open_at[0]
            db = self.sites[code]
            for conflict in list_conflicts(db):
                still_open = db.conn.execute("SELECT status FROM sync_conflicts WHERE seq = ?",
                                             (conflict.seq,)).fetchone()[0] == "open"
                if still_open:
                    keep = "remote" if conflict.remote["hlc"] > conflict.local["hlc"] else "local"
                    resolve(ctx_of(db), conflict.seq, keep)
        raise AssertionError("conflicts did not settle")


def _rows(db, owners):
    marks = ",".join("?" * len(owners))
    return {r["id"]: tuple(r)[1:] for r in db.conn.execute(
        f"SELECT * FROM assets WHERE owner IN ({marks}) ORDER BY id", list(owners))}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_random_exchanges_converge_without_loss_or_forgery(sequence):
    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp))
        try:
            for op in sequence:
                if op[0] == "edit":
                    world.edit(op[1], op[2], op[3])
                elif op[0] == "delete":
                    world.delete(op[1], op[2])
                elif op[0] == "add":
                    world.add(op[1])
                else:
                    world.send(*op[1], op[2])
            world.settle()
            lead, a, b = (world.sites[c] for c in (LEAD, TOWN_A, TOWN_B))
            # convergence: every row a town should hold is the lead's row, column for column
            assert _rows(a, (TOWN_A, LEAD)) == _rows(lead, (TOWN_A, LEAD))
            assert _rows(b, (TOWN_B, LEAD)) == _rows(lead, (TOWN_B, LEAD))
            contractor = world.sites[CONTRACTOR]
            assert _rows(contractor, (TOWN_A, LEAD)) == _rows(lead, (TOWN_A, LEAD))
            assert not _rows(a, (TOWN_B,)) and not _rows(b, (TOWN_A,))
            assert not _rows(contractor, (TOWN_B,))
            # no version lost: the final version has seen every version ever made
            final = {r[0]: versions.loads(r[1]) for r in lead.conn.execute("SELECT id, vv FROM assets")}
            for asset_id, vv in world.versions:
                assert versions.compare(versions.loads(vv), final[asset_id]) in (
                    versions.Order.BEFORE, versions.Order.EQUAL)
            # ownership: only the owner and its delegates ever changed a row, at every site
            for db in world.sites.values():
                for owner, vv in db.conn.execute("SELECT owner, vv FROM assets"):
                    assert set(versions.loads(vv)) <= WRITERS[owner]
        finally:
            world.close()
