"""Property test of the automatic merge: a town and its lead (holding the town's delegation)
edit random fields of one asset from a random common base, exchange both ways in a random
order, and end with the same row; when no field was changed differently by both, no
conflict is ever recorded and every side's change is in the final row."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import LEAD, TOWN_A, ctx_of, make_site, row

from gunmane_desktop.core.models import Asset
from gunmane_desktop.core.organisations import OrgKind
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.sync import export_package, import_package, list_conflicts, resolve
from gunmane_desktop.sync.delegations import grant

VALUES = {"name": ("北橋", "南橋", "東橋"), "route": ("", "町道", "県道"), "notes": ("", "甲", "乙"),
          "address": ("", "本町", "新町"), "structure": ("", "RC床版", "PC桁")}
FIELDS = tuple(VALUES)

base_values = st.fixed_dictionaries({f: st.sampled_from(v) for f, v in VALUES.items()})
edit = st.sampled_from(FIELDS).flatmap(lambda f: st.tuples(st.just(f), st.sampled_from(VALUES[f])))
edits = st.lists(edit, min_size=1, max_size=4)


def _apply(db, asset_id: str, changes: list[tuple[str, str]]) -> None:
    repo = AssetRepository(db)
    for field, value in changes:  # one save per edit: each is a version of its own
        asset = repo.get(asset_id)
        setattr(asset, field, value)
        repo.update(ctx_of(db), asset)


def _send(src, dst, folder: Path, n: list[int]):
    n[0] += 1
    out = folder / f"p{n[0]}.zip"
    export_package(src, out, to=dst.site_org)
    return import_package(dst, out)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=base_values, town_edits=edits, lead_edits=edits,
       order=st.sampled_from(("crossing", "town_first", "lead_first")))
def test_two_sites_merging_over_a_common_base_converge_without_losing_an_edit(base, town_edits, lead_edits,
                                                                             order):
    with tempfile.TemporaryDirectory() as tmp:
        folder, n = Path(tmp), [0]
        lead = make_site(folder / "lead.sqlite", LEAD, OrgKind.PREFECTURE, "みどり県", lead=None)
        town = make_site(folder / "a.sqlite", TOWN_A)
        try:
            # Given a common base: the town's asset, delegated to the lead and received there
            ctx = ctx_of(town)
            asset = AssetRepository(town).add(ctx, Asset(ctx.new_id(), TOWN_A, "bridge", **base)).id
            grant(ctx, LEAD, "assets")
            _send(town, lead, folder, n)
            _send(lead, town, folder, n)
            # When both edit it before hearing of each other
            _apply(town, asset, town_edits)
            _apply(lead, asset, lead_edits)
            conflicts = 0
            if order == "crossing":
                export_package(town, folder / "t.zip", to=LEAD)
                export_package(lead, folder / "l.zip", to=TOWN_A)
                conflicts += import_package(lead, folder / "t.zip").preview.totals()["conflicts"]
                conflicts += import_package(town, folder / "l.zip").preview.totals()["conflicts"]
            first, second = (town, lead) if order != "lead_first" else (lead, town)
            for _ in range(3):  # and exchange both ways until nothing moves
                conflicts += _send(first, second, folder, n).preview.totals()["conflicts"]
                conflicts += _send(second, first, folder, n).preview.totals()["conflicts"]
                for conflict in list_conflicts(town):
                    resolve(ctx_of(town), conflict.seq, "local")
            # Then both hold the same row, column for column
            assert row(town, "assets", asset) == row(lead, "assets", asset)
            assert list_conflicts(town) == [] and list_conflicts(lead) == []
            final = row(town, "assets", asset)
            mine = {**base, **dict(town_edits)}
            theirs = {**base, **dict(lead_edits)}
            clash = [f for f in FIELDS
                     if mine[f] != base[f] and theirs[f] != base[f] and mine[f] != theirs[f]]
            if not clash:
                # no conflict was ever recorded, and no edit was lost
                assert conflicts == 0
                for f in FIELDS:
                    expected = mine[f] if mine[f] != base[f] else theirs[f]
                    assert final[f] == expected, (f, base[f], mine[f], theirs[f])
            else:
                assert conflicts >= 1
        finally:
            lead.close()
            town.close()
