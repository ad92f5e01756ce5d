"""Validation of an untrusted package, in isolation from the local database (design 3.7).

Nothing else opens a package. The checks run in this order and stop at the first failure,
raising PackageError with one line that names the file and the problem:

1. the zip: size, member count, names (only manifest.json, package.sqlite and
   attachments/<sha256>; no traversal, absolute paths, duplicates, directories, symlinks,
   encryption), declared sizes and compression ratios (zip bombs);
2. the manifest: format, format and schema versions, fields and their types;
3. the members: each extracted with a hard byte limit and its SHA-256 compared with the
   manifest (attachments are also named by their hash);
4. package.sqlite: SQLite header, opened read-only and hardened (trusted_schema off,
   limits, no mmap, cell size checks), application id and version, quick_check, the schema
   compared exactly with the expected one (so no triggers, views or extra objects), then
   every value checked for type, length and form, and row counts against the manifest.

The local database is never opened here, so a rejected package cannot change it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .package import (
    ATTACHMENT_PREFIX,
    DATABASE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    PACKAGE_APPLICATION_ID,
    REGION,
    Manifest,
    PackageError,
)
from .tables import PACKAGE_SCHEMA_VERSION, PERSONAL_COLUMNS, PERSONAL_DATA, package_ddl, sync_tables

MAX_PACKAGE_BYTES = 4 * 1024**3
MAX_MEMBERS = 200_000
MAX_MANIFEST_BYTES = 4 * 1024**2
MAX_DATABASE_BYTES = 4 * 1024**3
MAX_ATTACHMENT_BYTES = 50 * 1024**2
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_RATIO = 100  # uncompressed / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024**2
MAX_TEXT_BYTES = 1024**2  # no exchanged text value is longer than this
SQLITE_MAGIC = b"SQLite format 3\x00"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CODE = re.compile(r"^[0-9A-Z]{1,20}$")
_HLC_GLOB = "[0-9]" * 16 + "-" + "[0-9a-f]" * 4 + "-?*"


@dataclass(frozen=True)
class ValidatedPackage:
    """A package that passed every check, extracted into a private work directory."""

    path: Path
    manifest: Manifest
    database: Path
    attachments: dict[str, Path]  # sha256 -> extracted file

    @property
    def name(self) -> str:
        return self.path.name


def validate_package(path: Path | str, workdir: Path | str) -> ValidatedPackage:
    """Check ``path`` completely and extract it into ``workdir`` (which must be empty)."""
    path, workdir = Path(path), Path(workdir)
    if not path.is_file():
        raise PackageError(path, "ファイルが見つかりません (package not found)")
    if path.stat().st_size > MAX_PACKAGE_BYTES:
        raise PackageError(path, "パッケージが大きすぎます (package larger than 4 GiB)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = _check_members(path, zf)
            manifest = _read_manifest(path, zf, infos)
            database, attachments = _extract(path, zf, infos, manifest, workdir)
    except zipfile.BadZipFile as exc:
        raise PackageError(path, f"交換パッケージ (zip) ではないか壊れています "
                                 f"(not a valid exchange package: {exc})") from exc
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        if isinstance(exc, PackageError):
            raise
        raise PackageError(path, f"パッケージを読めません (cannot read package: {exc})") from exc
    _check_database(path, database, manifest, attachments)
    return ValidatedPackage(path, manifest, database, attachments)


# -- 1. the zip ---------------------------------------------------------------------------
def _member_problem(name: str) -> str | None:
    if name in (MANIFEST, DATABASE):
        return None
    if name.startswith(ATTACHMENT_PREFIX) and _HEX64.match(name[len(ATTACHMENT_PREFIX):]):
        return None
    if (name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/")
            or re.match(r"^[A-Za-z]:", name) or "\\" in name):
        return f"危険なパス名 '{name[:80]}' を含みます (unsafe member name: path traversal)"
    return f"想定外のメンバー '{name[:80]}' を含みます (unexpected member)"


def _check_members(path: Path, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(path, f"メンバーが多すぎます (too many members: {len(infos)})")
    seen: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        problem = _member_problem(name)
        if problem:
            raise PackageError(path, problem)
        if name in seen:
            raise PackageError(path, f"同じ名前のメンバー '{name}' が重複しています (duplicate member name)")
        seen[name] = info
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(path, f"'{name}' はシンボリックリンクです (symbolic link in package)")
        if info.is_dir():
            raise PackageError(path, f"'{name}' はフォルダーです (directory in package)")
        if info.flag_bits & 0x1:
            raise PackageError(path, f"'{name}' は暗号化されています (encrypted member)")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(path, f"'{name}' の圧縮方式 {info.compress_type} は使えません "
                                     "(unsupported compression)")
        limit = {MANIFEST: MAX_MANIFEST_BYTES, DATABASE: MAX_DATABASE_BYTES}.get(name, MAX_ATTACHMENT_BYTES)
        if info.file_size > limit:
            raise PackageError(path, f"'{name}' が大きすぎます ({info.file_size:,} bytes > {limit:,}) "
                                     "(member too large)")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(path, f"'{name}' の圧縮率が異常です ({info.file_size:,} / "
                                     f"{info.compress_size:,} bytes): zip 爆弾の疑い (zip bomb suspected)")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise PackageError(path, "展開後のサイズが大きすぎます (uncompressed total too large)")
    for required in (MANIFEST, DATABASE):
        if required not in seen:
            raise PackageError(path, f"'{required}' がありません (missing {required}): "
                                     "群マネの交換パッケージではありません")
    return seen


def _read_limited(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int,
                  sink=None) -> tuple[str, int, bytes | None]:
    """Stream a member, never trusting its header size; return sha256, size, bytes if kept."""
    h = hashlib.sha256()
    size = 0
    kept = [] if sink is None else None
    with zf.open(info) as fh:
        while True:
            block = fh.read(1 << 20)
            if not block:
                break
            size += len(block)
            if size > limit:
                raise PackageError(path, f"'{info.filename}' が申告サイズを超えて展開されます "
                                         "(member expands beyond its size: zip bomb suspected)")
            h.update(block)
            if sink is not None:
                sink.write(block)
            else:
                kept.append(block)
    return h.hexdigest(), size, (b"".join(kept) if kept is not None else None)


# -- 2. the manifest ----------------------------------------------------------------------
def _read_manifest(path: Path, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> Manifest:
    _, _, raw = _read_limited(path, zf, infos[MANIFEST], min(infos[MANIFEST].file_size, MAX_MANIFEST_BYTES))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(path, f"manifest.json が読めません (manifest is not valid JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackageError(path, "群マネの交換パッケージではありません (manifest format is not "
                                 f"'{FORMAT}')")
    fv = data.get("format_version")
    if not isinstance(fv, int) or isinstance(fv, bool):
        raise PackageError(path, "manifest の format_version が不正です (bad format_version)")
    if fv > FORMAT_VERSION:
        raise PackageError(path, f"新しい版の群マネ Desktop で作られたパッケージです (形式 {fv}、"
                                 f"この版は {FORMAT_VERSION} まで)。プログラムを更新してください "
                                 f"(package format {fv} is newer than this program's {FORMAT_VERSION})")
    if fv < FORMAT_VERSION:
        raise PackageError(path, f"古い形式のパッケージです (package format {fv} is no longer read)")
    sv = data.get("schema_version")
    if sv != PACKAGE_SCHEMA_VERSION:
        newer = isinstance(sv, int) and sv > PACKAGE_SCHEMA_VERSION
        raise PackageError(path, (f"送信元のスキーマ {sv} はこの版 ({PACKAGE_SCHEMA_VERSION}) "
                                  "より新しいです。"
                                  "プログラムを更新してください (made with a newer schema)") if newer else
                           (f"送信元のスキーマ {sv} はこの版 ({PACKAGE_SCHEMA_VERSION}) と異なります。"
                            "送信元に更新を依頼してください (schema version mismatch)"))
    try:
        manifest = Manifest(
            package_id=_str(data, "package_id"), sender=_str(data, "sender"),
            recipient=_str(data, "recipient"), created=_str(data, "created"),
            full=_bool(data, "full"), ack=_hlc_map(data, "ack"), since=_hlc_map(data, "since"),
            upto=_hlc_map(data, "upto"), counts=_counts(data), members=_members(data),
            photos=_bool(data, "photos") if "photos" in data else True, part=_part(data),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PackageError(path, f"manifest.json の内容が不正です (bad manifest field: {exc})") from exc
    if not _CODE.match(manifest.sender):
        raise PackageError(path, f"送信元コード '{manifest.sender[:40]}' が不正です (bad sender code)")
    if manifest.recipient != REGION and not _CODE.match(manifest.recipient):
        raise PackageError(path, f"宛先 '{manifest.recipient[:40]}' が不正です (bad recipient)")
    return manifest


def _str(data: dict, key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value or len(value) > 200:
        raise ValueError(key)
    return value


def _bool(data: dict, key: str) -> bool:
    if not isinstance(data[key], bool):
        raise ValueError(key)
    return data[key]


def _hlc_map(data: dict, key: str) -> dict[str, str]:
    value = data[key]
    if not isinstance(value, dict) or len(value) > 10_000:
        raise ValueError(key)
    for k, v in value.items():
        if not isinstance(v, str) or not _CODE.match(k) or not re.match(r"^\d{16}-[0-9a-f]{4,}-", v):
            raise ValueError(key)
    return dict(value)


def _part(data: dict) -> dict[str, object] | None:
    """The part of a split export this file is (absent or null: a whole package)."""
    value = data.get("part")
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"set", "index", "count"}:
        raise ValueError("part")
    index, count = value["index"], value["count"]
    if (not isinstance(value["set"], str) or len(value["set"]) != 36
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in (index, count))
            or not 1 <= index <= count <= 10_000):
        raise ValueError("part")
    return {"set": value["set"], "index": index, "count": count}


def _counts(data: dict) -> dict[str, int]:
    value = data["counts"]
    names = {t.name for t in sync_tables()} | {"attachments", PERSONAL_DATA}
    if not isinstance(value, dict) or set(value) - names:
        raise ValueError("counts")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value.values()):
        raise ValueError("counts")
    return dict(value)


def _members(data: dict) -> dict[str, dict[str, object]]:
    value = data["members"]
    if not isinstance(value, dict):
        raise ValueError("members")
    for name, entry in value.items():
        if (not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str)
                or not _HEX64.match(entry["sha256"]) or not isinstance(entry.get("size"), int)
                or entry["size"] < 0):
            raise ValueError(f"members[{name[:40]}]")
    return dict(value)


# -- 3. the members -----------------------------------------------------------------------
def _extract(path: Path, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo],
             manifest: Manifest, workdir: Path) -> tuple[Path, dict[str, Path]]:
    listed = set(manifest.members)
    present = set(infos) - {MANIFEST}
    if listed != present:
        missing = sorted(listed - present)[:3]
        extra = sorted(present - listed)[:3]
        raise PackageError(path, "manifest のメンバー一覧と中身が一致しません (manifest does not match "
                                 f"members: missing {missing}, unlisted {extra})")
    workdir.mkdir(parents=True, exist_ok=True)
    attachments: dict[str, Path] = {}
    database = workdir / "package.sqlite"
    for name in sorted(present):
        info, entry = infos[name], manifest.members[name]
        target = database if name == DATABASE else workdir / f"att-{name[len(ATTACHMENT_PREFIX):]}"
        limit = min(int(entry["size"]), info.file_size)
        with open(target, "xb") as sink:
            digest, size, _ = _read_limited(path, zf, info, limit, sink)
        if size != entry["size"] or digest != entry["sha256"]:
            raise PackageError(path, f"'{name}' のハッシュが manifest と一致しません。改ざんまたは破損の"
                                     "おそれがあります (SHA-256 mismatch: damaged or altered)")
        if name != DATABASE:
            if digest != name[len(ATTACHMENT_PREFIX):]:
                raise PackageError(path, f"'{name}' の内容が名前のハッシュと一致しません "
                                         "(attachment hash mismatch)")
            attachments[digest] = target
    return database, attachments


# -- 4. package.sqlite --------------------------------------------------------------------
def open_hardened(database: Path) -> sqlite3.Connection:
    """A read-only connection to an untrusted SQLite file with tight limits."""
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                           isolation_level=None)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 64 * 1024**2)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 1024**2)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, 100)
    conn.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 200)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    conn.setlimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 1)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.execute("PRAGMA query_only = ON")
    return conn


@functools.cache
def expected_package_schema() -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(":memory:")
    try:
        for statement in package_ddl():
            conn.execute(statement)
        return _schema(conn)
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    return sorted(tuple(r) for r in conn.execute(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema"))


def _check_database(path: Path, database: Path, manifest: Manifest,
                    attachments: dict[str, Path]) -> None:
    with open(database, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        raise PackageError(path, "package.sqlite は SQLite データベースではありません (not an SQLite file)")
    if header[18] != 1 or header[19] != 1:
        raise PackageError(path, "package.sqlite がWALモードです (package database in WAL mode)")
    try:
        conn = open_hardened(database)
    except sqlite3.Error as exc:
        raise PackageError(path, f"package.sqlite を開けません "
                                 f"(cannot open package database: {exc})") from exc
    try:
        _check_open_database(path, conn, manifest, attachments)
    except sqlite3.Error as exc:
        raise PackageError(path, f"package.sqlite が壊れています "
                                 f"(package database is damaged: {exc})") from exc
    finally:
        conn.close()


def _check_open_database(path: Path, conn: sqlite3.Connection, manifest: Manifest,
                         attachments: dict[str, Path]) -> None:
    if conn.execute("PRAGMA application_id").fetchone()[0] != PACKAGE_APPLICATION_ID:
        raise PackageError(path, "package.sqlite は群マネの交換データではありません (wrong application id)")
    if conn.execute("PRAGMA user_version").fetchone()[0] != PACKAGE_SCHEMA_VERSION:
        raise PackageError(path, "package.sqlite のスキーマ版が manifest と異なります "
                                 "(schema version mismatch)")
    problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise PackageError(path, "package.sqlite が壊れています (package database is damaged: "
                                 + "; ".join(str(p) for p in problems)[:300] + ")")
    actual, expected = _schema(conn), expected_package_schema()
    if actual != expected:
        extra = [f"{t} {n}" for t, n, _, _ in actual if (t, n) not in {(e[0], e[1]) for e in expected}]
        what = (f"余分なオブジェクト {', '.join(extra[:3])}" if extra else "表の定義が違います")
        raise PackageError(path, f"package.sqlite のスキーマが想定と異なります: {what} "
                                 "(schema differs from the expected one; triggers/views are not allowed)")
    for t in sync_tables():
        _check_values(path, conn, t)
        count = conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
        if count != manifest.counts.get(t.name, 0):
            raise PackageError(path, f"{t.name} の行数 {count} が manifest "
                                     f"({manifest.counts.get(t.name, 0)}) "
                                     "と一致しません (row count mismatch)")
    _check_contacts(path, conn, manifest)
    rows = {r[0]: r[1] for r in conn.execute(
        "SELECT sha256, size FROM attachments WHERE typeof(sha256) = 'text' AND typeof(size) = 'integer'")}
    total = conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    # Every photo carried is described; a described photo may be left out (no-photos, or
    # carried by another part of a split export): the receiver keeps a placeholder.
    described = total == len(rows) and set(attachments) <= set(rows)
    if not described or total != manifest.counts.get("attachments", 0):
        raise PackageError(path, "添付ファイルの一覧と中身が一致しません "
                                 "(attachments table does not match members)")
    if manifest.photos is False and attachments:
        raise PackageError(path, "写真なしのパッケージに写真が入っています (photos in a package made without "
                                 "photos)")
    for digest, size in rows.items():
        if digest in attachments and attachments[digest].stat().st_size != size:
            raise PackageError(path, f"添付 {digest[:12]} のサイズが違います (attachment size mismatch)")
    bad_mime = conn.execute("SELECT sha256 FROM attachments "
                            "WHERE typeof(mime) <> 'text' OR length(mime) > 200 "
                            "OR typeof(created_at) <> 'text' OR length(created_at) > 40 "
                            "OR length(sha256) <> 64 OR sha256 GLOB '*[^0-9a-f]*' "
                            f"OR size < 0 OR size > {MAX_ATTACHMENT_BYTES}").fetchone()
    if bad_mime:
        raise PackageError(path, f"添付 {str(bad_mime[0])[:12]} の属性が不正です (bad attachment metadata)")


def _check_contacts(path: Path, conn: sqlite3.Connection, manifest: Manifest) -> None:
    """Residents' contacts (only in a package made with include_personal_data): text only,
    bounded, one per request id."""
    tests = [f"typeof({c}) <> 'text' OR length(CAST({c} AS BLOB)) > 4096" for c in PERSONAL_COLUMNS]
    bad = conn.execute(f"SELECT CAST(request_id AS TEXT) FROM {PERSONAL_DATA} WHERE "
                       + " OR ".join(f"({x})" for x in [*tests, "length(request_id) <> 36"])
                       + " LIMIT 1").fetchone()
    if bad:
        raise PackageError(path, f"{PERSONAL_DATA} の行 {str(bad[0])[:40]} に不正な値があります "
                                 "(a value has the wrong type, size or form)")
    count = conn.execute(f"SELECT count(*) FROM {PERSONAL_DATA}").fetchone()[0]
    if count != manifest.counts.get(PERSONAL_DATA, 0):
        raise PackageError(path, f"{PERSONAL_DATA} の行数 {count} が manifest "
                                 f"({manifest.counts.get(PERSONAL_DATA, 0)}) "
                                 "と一致しません (row count mismatch)")


def _check_values(path: Path, conn: sqlite3.Connection, t) -> None:
    """Every value of the right type and size; stamps well formed. One scan per table."""
    tests = []
    for c in t.columns:
        kinds = {"TEXT": "'text'", "INTEGER": "'integer'", "REAL": "'real', 'integer'"}[c.type]
        nullable = "" if c.notnull else " OR {0} IS NULL"
        tests.append(f"NOT (typeof({c.name}) IN ({kinds}){nullable.format(c.name)})")
        if c.type == "TEXT":
            tests.append(f"length(CAST({c.name} AS BLOB)) > {MAX_TEXT_BYTES}")
    tests += [
        "length(id) <> 36", "deleted NOT IN (0, 1)", "length(owner) NOT BETWEEN 1 AND 20",
        "NOT json_valid(vv)", "json_type(vv) <> 'object'", f"hlc NOT GLOB '{_HLC_GLOB}'",
        "EXISTS (SELECT 1 FROM json_each(vv) WHERE type <> 'integer' OR value < 1 OR length(key) > 20)",
    ]
    where = " OR ".join(f"({x})" for x in tests)
    try:
        bad = conn.execute(f"SELECT CAST(id AS TEXT) FROM {t.name} WHERE {where} LIMIT 1").fetchone()
    except sqlite3.DataError as exc:
        raise PackageError(path, f"{t.name} に大きすぎる値があります (value too large: {exc})") from exc
    if bad:
        raise PackageError(path, f"{t.name} の行 {str(bad[0])[:40]} に不正な値があります "
                                 "(a value has the wrong type, size or form)")
