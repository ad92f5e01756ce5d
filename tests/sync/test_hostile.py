"""Hostile packages (design 3.7): each refused with one clear line, the file untouched."""

from __future__ import annotations

import io
import sqlite3
import stat
import warnings
import zipfile

import pytest
from sync_helpers import TOWN_A, file_digest, make_site, rebuild

from gunmane_desktop import cli
from gunmane_desktop.sync import PackageError, export_package, validate_package


@pytest.fixture
def good(tmp_path, region):
    """A valid package from the lead for town A, and town A's file."""
    from gunmane_desktop.storage.database import Database
    with Database.open(region) as lead:
        export_package(lead, tmp_path / "good.zip", to=TOWN_A)
    make_site(tmp_path / "town.sqlite", TOWN_A).close()
    return tmp_path / "good.zip"


def _refused(tmp_path, package, capsys, expected: str) -> str:
    """Import through the CLI: exit 2, one line naming the problem, database unchanged."""
    town = tmp_path / "town.sqlite"
    before = file_digest(town)
    assert cli.main(["sync", "import", str(town), str(package)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert expected in err, err
    assert file_digest(town) == before
    with pytest.raises(PackageError):
        validate_package(package, tmp_path / f"v-{package.stem}")
    return err


def _edit_db(sql: str):
    def edit(path):
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.commit()
        conn.close()
    return edit


def test_the_good_package_passes(good, tmp_path, capsys):
    checked = validate_package(good, tmp_path / "v")
    assert checked.manifest.recipient == TOWN_A
    assert cli.main(["sync", "import", str(tmp_path / "town.sqlite"), str(good), "--dry-run"]) == 0


def test_not_a_zip(tmp_path, good, capsys):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    _refused(tmp_path, bad, capsys, "not a valid exchange package")


def test_truncated_sqlite(tmp_path, good, capsys):
    def truncate(path):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    bad = rebuild(good, tmp_path / "bad.zip", db=truncate)
    _refused(tmp_path, bad, capsys, "package database is damaged")


def test_corrupted_sqlite(tmp_path, good, capsys):
    def corrupt(path):
        data = bytearray(path.read_bytes())
        for i in range(4096 + 8, len(data), 97):  # scribble over every page but the header
            data[i] = (data[i] + 101) % 256
        path.write_bytes(bytes(data))
    bad = rebuild(good, tmp_path / "bad.zip", db=corrupt)
    _refused(tmp_path, bad, capsys, "package database")


def test_not_sqlite_at_all(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=lambda p: p.write_bytes(b"hello" * 1000))
    _refused(tmp_path, bad, capsys, "not an SQLite file")


def test_wrong_schema(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=_edit_db("ALTER TABLE assets ADD COLUMN evil TEXT;"))
    _refused(tmp_path, bad, capsys, "schema differs")


def test_extra_trigger(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=_edit_db(
        "CREATE TRIGGER t AFTER INSERT ON assets BEGIN DELETE FROM inspections; END;"))
    assert "trigger t" in _refused(tmp_path, bad, capsys, "schema differs")


def test_extra_view(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=_edit_db("CREATE VIEW v AS SELECT * FROM assets;"))
    assert "view v" in _refused(tmp_path, bad, capsys, "schema differs")


def test_huge_blob(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=_edit_db(
        "UPDATE assets SET notes = randomblob(3000000) WHERE id IN (SELECT id FROM assets LIMIT 1);"))
    _refused(tmp_path, bad, capsys, "wrong type, size or form")


def test_wrong_type_in_a_column(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=_edit_db("UPDATE assets SET deleted = 7;"))
    _refused(tmp_path, bad, capsys, "wrong type, size or form")


def test_path_traversal(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", extra=[("../../evil.txt", b"x")])
    _refused(tmp_path, bad, capsys, "path traversal")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_absolute_path(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", extra=[("/etc/evil", b"x")])
    _refused(tmp_path, bad, capsys, "path traversal")


def test_symlink(tmp_path, good, capsys):
    info = zipfile.ZipInfo("attachments/" + "a" * 64)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad = rebuild(good, tmp_path / "bad.zip", extra=[(info, b"/etc/passwd")])
    _refused(tmp_path, bad, capsys, "symbolic link")


def test_duplicate_names(tmp_path, good, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we make on purpose
        bad = rebuild(good, tmp_path / "bad.zip", extra=[("package.sqlite", b"second copy")])
    _refused(tmp_path, bad, capsys, "duplicate member name")


def test_zip_bomb(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", extra=[("attachments/" + "b" * 64, bytes(40 * 1024**2))])
    _refused(tmp_path, bad, capsys, "zip bomb")


def test_member_that_expands_beyond_its_declared_size(tmp_path, good, capsys):
    # The header claims 10 bytes; the stream inflates to 2 MB: streaming stops at the claim.
    payload = bytes(2 * 1024**2)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x", payload)
    bad = rebuild(good, tmp_path / "bad.zip", manifest=lambda m: m["members"].update(
        {"attachments/" + "c" * 64: {"sha256": "c" * 64, "size": 10}}),
        extra=[("attachments/" + "c" * 64, payload)])
    raw = bytearray(bad.read_bytes())
    # Patch the declared uncompressed size (local header and central directory) to 10.
    name = ("attachments/" + "c" * 64).encode()
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := raw.find(sig, at)) != -1:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + len(name)] == name:
                raw[at + offset:at + offset + 4] = (10).to_bytes(4, "little")
            at += 4
    bad.write_bytes(bytes(raw))
    _refused(tmp_path, bad, capsys, "not a valid exchange package")


def test_manifest_hash_mismatch(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=_edit_db("UPDATE assets SET name = 'forged';"),
                  rehash=False)
    _refused(tmp_path, bad, capsys, "SHA-256 mismatch")


def test_manifest_lists_a_member_that_is_missing(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", manifest=lambda m: m["members"].update(
        {"attachments/" + "d" * 64: {"sha256": "d" * 64, "size": 3}}))
    _refused(tmp_path, bad, capsys, "manifest does not match members")


def test_newer_format_version(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", manifest=lambda m: m.update(format_version=2))
    _refused(tmp_path, bad, capsys, "newer than this program")


def test_newer_schema_version(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", manifest=lambda m: m.update(schema_version=99))
    _refused(tmp_path, bad, capsys, "newer schema")


def test_row_counts_must_match_the_manifest(tmp_path, good, capsys):
    bad = rebuild(good, tmp_path / "bad.zip", db=_edit_db(
        "DELETE FROM inspections WHERE id IN (SELECT id FROM inspections LIMIT 1);"))
    _refused(tmp_path, bad, capsys, "row count mismatch")


def test_a_bare_sqlite_file_is_not_a_package(tmp_path, good, capsys):
    _refused(tmp_path, tmp_path / "town.sqlite", capsys, "not a valid exchange package")
