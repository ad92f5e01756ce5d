"""Packages that fit in LGWAN mail: photos left out, or the export split into parts.

Photos are content-addressed: a row that names a photo can arrive before the bytes (a
placeholder "not received"), and the bytes fill it later whichever package brings them.
"""

from __future__ import annotations

import json
import random
import sqlite3
import zipfile
from pathlib import Path

import pytest
from sync_helpers import LEAD, TOWN_A, ctx_of, exchange, file_digest, row

from gunmane_desktop import cli
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.database import Database
from gunmane_desktop.sync import PackageError, export_package, import_package, validate_package
from gunmane_desktop.sync.apply import import_parts
from gunmane_desktop.sync.peers import Peers
from gunmane_desktop.sync.tables import sync_tables

KB = 1_000


def add_photos(db: Database, sizes: list[int], seed: int = 1) -> list[str]:
    """Photos (incompressible, like JPEGs) on the town's inspections; returns the link ids."""
    rnd = random.Random(seed)
    inspections = [r[0] for r in db.conn.execute(
        "SELECT id FROM inspections WHERE owner = ? ORDER BY id", (db.site_org,))]
    store = AttachmentStore(db)
    return [store.attach(ctx_of(db), db.site_org, "inspections", inspections[i % len(inspections)],
                         rnd.randbytes(size), "image/jpeg", f"photo{i}.jpg")
            for i, size in enumerate(sizes)]


def contents(db: Database) -> dict[str, list[tuple]]:
    """Every synchronised row and every photo's bytes: what 'the same file' means here."""
    out = {}
    for t in sync_tables():
        out[t.name] = db.conn.execute(f"SELECT {', '.join(t.names)} FROM {t.name} ORDER BY id").fetchall()
    out["attachments"] = db.conn.execute("SELECT sha256, mime, size, data FROM attachments "
                                         "ORDER BY sha256").fetchall()
    return out


def copy_of(db: Database, path: Path) -> Database:
    target = sqlite3.connect(path)
    db.conn.backup(target)
    target.close()
    return Database.open(path)


def missing(db: Database) -> int:
    return db.conn.execute("SELECT count(*) FROM attachments WHERE length(data) <> size").fetchone()[0]


def test_photos_left_out_arrive_later_and_the_acknowledgement_waits_for_them(sites, tmp_path):
    a, lead = sites["a"], sites["lead"]
    links = add_photos(a, [30 * KB, 40 * KB])
    digests = [row(a, "attachment_links", link)["sha256"] for link in links]

    out = tmp_path / "no-photos.zip"
    result = export_package(a, out, to=LEAD, photos=False)
    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist() if n.startswith("attachments/")]
    assert result.manifest.photos is False and result.manifest.counts["attachments"] == 2

    first = import_package(lead, out)
    assert first.preview.by_table["attachment_links"] == {"new": 2}
    assert first.photos_missing == 2 and any("未受信" in n for n in first.notes)
    # the rows are here, the photos are "not received": named, described, not readable
    assert [row(lead, "attachment_links", link)["sha256"] for link in links] == digests
    assert all(AttachmentStore(lead).get(d) is None for d in digests)
    assert AttachmentStore(lead).not_received("inspections", row(a, "attachment_links", links[0])
                                              ["target_id"]) >= 1
    # the lead's acknowledgement stops below the links, so it does not claim the photos
    link_hlc = min(row(a, "attachment_links", link)["hlc"] for link in links)
    assert Peers(lead).get(TOWN_A).received[TOWN_A] < link_hlc

    exchange(lead, a, tmp_path / "ack.zip")  # the acknowledgement goes back to the town
    later = tmp_path / "with-photos.zip"
    export_package(a, later, to=LEAD)
    with zipfile.ZipFile(later) as zf:
        assert {f"attachments/{d}" for d in digests} <= set(zf.namelist())
    second = import_package(lead, later)
    assert second.photos_received == 2 and second.photos_missing == 0
    assert second.preview.totals()["conflicts"] == 0 and not second.preview.rejections
    assert [AttachmentStore(lead).get(d) for d in digests] == [AttachmentStore(a).get(d) for d in digests]
    assert lead.conn.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0] == 0
    assert Peers(lead).get(TOWN_A).received[TOWN_A] >= link_hlc
    # and now it is all acknowledged: the next package brings nothing again
    exchange(lead, a, tmp_path / "ack2.zip")
    assert import_package(lead, export_package(a, tmp_path / "again.zip", to=LEAD).path).photos_received == 0


def test_a_relay_without_the_photo_passes_the_placeholder_on(sites, tmp_path):
    """The lead got A's rows without photos; its regional snapshot for B names them too,
    and B's placeholder is filled once the lead has the bytes."""
    a, lead, b = sites["a"], sites["lead"], sites["b"]
    add_photos(a, [20 * KB])
    import_package(lead, export_package(a, tmp_path / "np.zip", to=LEAD, photos=False).path)
    snapshot = export_package(lead, tmp_path / "region.zip")
    assert snapshot.manifest.counts["attachments"] == 1
    with zipfile.ZipFile(snapshot.path) as zf:
        assert not [n for n in zf.namelist() if n.startswith("attachments/")]
    assert import_package(b, snapshot.path).photos_missing == 1
    exchange(lead, a, tmp_path / "ack.zip")
    import_package(lead, export_package(a, tmp_path / "p.zip", to=LEAD).path)
    filled = import_package(b, export_package(lead, tmp_path / "region2.zip").path)
    assert filled.photos_received == 1 and missing(b) == 0


@pytest.fixture
def photos_at_a(sites):
    """Town A with 7 photos of 150-420 kB on its inspections, none sent yet."""
    add_photos(sites["a"], [420 * KB, 150 * KB, 300 * KB, 260 * KB, 380 * KB, 200 * KB, 330 * KB])
    return sites


def test_parts_stay_under_the_limit_and_import_in_any_order_like_the_whole(photos_at_a, tmp_path):
    a, lead = photos_at_a["a"], photos_at_a["lead"]
    limit = 700 * KB
    whole = export_package(a, tmp_path / "whole.zip", to=LEAD)
    assert whole.path.stat().st_size > 2 * limit and whole.files == [whole.path]
    (tmp_path / "out").mkdir()
    split = export_package(a, tmp_path / "out" / "a.zip", to=LEAD, max_bytes=limit)
    names = [f.name for f in split.files]
    assert len(names) >= 3 and names == [f"a.part{k}of{len(names)}.zip" for k in range(1, len(names) + 1)]
    assert all(f.stat().st_size <= limit for f in split.files) and split.oversize == []
    for k, f in enumerate(split.files, start=1):  # each part stands alone
        m = validate_package(f, tmp_path / f"v{k}").manifest
        assert m.part == {"set": split.manifest.package_id, "index": k, "count": len(names)}

    by_whole = copy_of(lead, tmp_path / "lead-whole.sqlite")
    by_parts = copy_of(lead, tmp_path / "lead-parts.sqlite")
    try:
        import_package(by_whole, whole.path)
        order = [*split.files[1:], split.files[0]]
        random.Random(5).shuffle(order)
        assert order[0] != split.files[0]  # a photo part first: before its rows
        results = [import_package(by_parts, f) for f in order]
        assert all(not r.preview.rejections and r.preview.totals()["conflicts"] == 0 for r in results)
        assert contents(by_parts) == contents(by_whole)
        assert missing(by_parts) == 0
        # the acknowledgement ends where the whole package leaves it
        assert Peers(by_parts).get(TOWN_A).received == Peers(by_whole).get(TOWN_A).received
        # re-importing any part changes nothing
        before = file_digest(by_parts.path)
        assert not import_package(by_parts, split.files[-1]).applied
        assert file_digest(by_parts.path) == before
    finally:
        by_whole.close()
        by_parts.close()


def test_part_one_alone_names_the_missing_parts_and_they_fill_in_later(photos_at_a, tmp_path):
    a, lead = photos_at_a["a"], photos_at_a["lead"]
    split = export_package(a, tmp_path / "a.zip", to=LEAD, max_bytes=700 * KB)
    first = import_package(lead, split.files[0])
    assert first.photos_missing > 0
    others = [f.name for f in split.files[1:]]
    note = next(n for n in first.notes if "まだ取り込んでいない" in n)
    assert all(name in note for name in others)
    # the acknowledgement does not cover the photos still to come
    assert Peers(lead).get(TOWN_A).received.get(TOWN_A, "") < max(
        r[0] for r in a.conn.execute("SELECT hlc FROM attachment_links"))
    for f in split.files[1:]:
        import_package(lead, f)
    assert missing(lead) == 0
    assert Peers(lead).get(TOWN_A).received[TOWN_A] >= max(
        r[0] for r in a.conn.execute("SELECT hlc FROM attachment_links"))


def test_a_photo_larger_than_the_limit_gets_its_own_part_and_is_reported(sites, tmp_path):
    a, lead = sites["a"], sites["lead"]
    add_photos(a, [900 * KB, 100 * KB, 120 * KB])
    split = export_package(a, tmp_path / "a.zip", to=LEAD, max_bytes=500 * KB)
    assert len(split.oversize) == 1
    big = split.oversize[0]
    with zipfile.ZipFile(big) as zf:
        assert len([n for n in zf.namelist() if n.startswith("attachments/")]) == 1
    assert all(f.stat().st_size <= 500 * KB for f in split.files if f != big)
    import_parts(lead, list(reversed(split.files)))
    assert missing(lead) == 0


def test_hostile_part_sets_are_refused_before_the_file_is_touched(photos_at_a, tmp_path):
    a, lead = photos_at_a["a"], photos_at_a["lead"]
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    one = export_package(a, tmp_path / "one" / "a.zip", to=LEAD, max_bytes=700 * KB)
    two = export_package(a, tmp_path / "two" / "a.zip", to=LEAD, max_bytes=700 * KB)
    lead.close()
    before = file_digest(lead.path)
    db = Database.open(lead.path)
    try:
        with pytest.raises(PackageError, match="different export"):
            import_parts(db, [one.files[0], two.files[1], one.files[2]])
        with pytest.raises(PackageError, match="same part twice"):
            import_parts(db, [one.files[1], one.files[0], one.files[1]])
        with pytest.raises(PackageError, match="not a part"):
            import_parts(db, [one.files[0], export_package(a, tmp_path / "w.zip", to=LEAD).path])
    finally:
        db.close()
    assert file_digest(lead.path) == before


def test_a_no_photos_package_that_carries_photos_is_refused(sites, tmp_path):
    from sync_helpers import rebuild
    add_photos(sites["a"], [10 * KB])
    good = export_package(sites["a"], tmp_path / "p.zip", to=LEAD).path
    bad = rebuild(good, tmp_path / "bad.zip", manifest=lambda m: m.update(photos=False))
    with pytest.raises(PackageError, match="without photos"):
        validate_package(bad, tmp_path / "v")


def test_cli_export_lists_the_parts_and_imports_them_together(photos_at_a, tmp_path, capsys):
    a, lead = photos_at_a["a"], photos_at_a["lead"]
    a_path, lead_path = a.path, lead.path
    a.close()
    lead.close()
    out = tmp_path / "mail" / "to-lead.zip"
    out.parent.mkdir()
    assert cli.main(["sync", "export", str(a_path), str(out), "--to", LEAD, "--max-size", "0.7",
                     "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["split"] and len(data["files"]) >= 3
    assert data["files"] == [str(out.with_name(f"to-lead.part{k}of{len(data['files'])}.zip"))
                             for k in range(1, len(data["files"]) + 1)]
    assert all(size <= 700 * KB for size in data["sizes"]) and data["oversize"] == []
    assert cli.main(["sync", "import", str(lead_path), *reversed(data["files"]), "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert len(imported) == len(data["files"]) and imported[-1]["photos_missing"] == 0
    assert cli.main(["sync", "export", str(a_path), str(tmp_path / "np.zip"), "--to", LEAD, "--no-photos",
                     "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["photos"] is False


def test_a_photo_part_without_its_part_one_acknowledges_nothing(photos_at_a, tmp_path):
    """Part 1 lost in the mail: the photo part that did arrive must not acknowledge the
    rows, so the next package brings them again."""
    a, lead = photos_at_a["a"], photos_at_a["lead"]
    split = export_package(a, tmp_path / "a.zip", to=LEAD, max_bytes=700 * KB)
    before = Peers(lead).get(TOWN_A).received
    assert import_package(lead, split.files[1]).photos_received > 0
    assert Peers(lead).get(TOWN_A).received == before
    exchange(lead, a, tmp_path / "ack.zip")
    again = export_package(a, tmp_path / "again.zip", to=LEAD)
    assert again.manifest.counts["attachment_links"] == split.manifest.counts["attachment_links"] == 7
    import_package(lead, again.path)
    assert missing(lead) == 0 and contents(lead)["attachment_links"] == contents(a)["attachment_links"]
