"""Splitting an export into parts under a size limit, for LGWAN mail (10 MB by default).

Every part is a whole package of its own: it validates in isolation, imports all or
nothing, and re-imports as a no-op. The parts of one export differ only in what they carry:

- part 1 holds every row of the export (package.sqlite exactly as unsplit, with the
  description of every photo), the photos that rows other than photo links name (documents,
  request photos), and as many other photos as fit;
- parts 2..n hold photos only: their bytes, their description and the ``attachment_links``
  rows that name them (a link has no parent row, so a photo part is importable before
  part 1; its link simply names an inspection that part 1 brings).

So the parts can be imported in any order, each as it arrives. Imported alone, part 1 gives
the receiver every row with placeholders for the photos still to come; a photo part fills
them. The manifest's ``part`` names the export (``set``: part 1's package id), the index
and the count; see apply.py for how the acknowledgement waits for part 1.

A single photo larger than the limit gets a part of its own and is reported (``oversize``),
as is a part 1 whose rows alone exceed the limit: neither can be split further.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.ids import new_id
from .package import Manifest, PackageError, create_package_database, write_zip
from .tables import ATTACHMENT_REFS, table

if TYPE_CHECKING:
    from .validate import ValidatedPackage

MB = 1_000_000  # mail limits are counted in decimal megabytes; the safer reading
DEFAULT_MAX_MB = 10
#: Bytes a photo adds to a part besides itself: zip headers, manifest entry, link row.
PER_PHOTO = 1_024


def part_name(out: Path, index: int, count: int) -> Path:
    """``NAME.zip`` -> ``NAME.part2of3.zip`` (the package extension stays last)."""
    return out.with_name(f"{out.stem}.part{index}of{count}{out.suffix}")


def _photo_part_database(rows_db: Path, target: Path, digests: list[str]) -> dict[str, int]:
    """A package.sqlite with only the given photos' description and the links naming them."""
    links = table("attachment_links")
    conn = create_package_database(target)
    try:
        conn.execute("ATTACH DATABASE ? AS src", (str(rows_db),))
        conn.execute("CREATE TEMP TABLE wanted (sha256 TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO temp.wanted VALUES (?)", [(d,) for d in digests])
        cols = ", ".join(links.names)
        counts = {"attachment_links": conn.execute(
            f"INSERT INTO main.attachment_links ({cols}) SELECT {cols} FROM src.attachment_links "
            "WHERE sha256 IN (SELECT sha256 FROM temp.wanted)").rowcount}
        counts["attachments"] = conn.execute(
            "INSERT INTO main.attachments SELECT * FROM src.attachments "
            "WHERE sha256 IN (SELECT sha256 FROM temp.wanted)").rowcount
        conn.execute("DETACH DATABASE src")
    finally:
        conn.close()
    return counts


def pinned_photos(rows_db: Path) -> set[str]:
    """Photos named by rows other than links (documents, request photos): they ride in
    part 1, with the rows that name them."""
    conn = sqlite3.connect(rows_db)
    try:
        return {r[0] for name, column in ATTACHMENT_REFS if name != "attachment_links"
                for r in conn.execute(f"SELECT {column} FROM {name} WHERE {column} IS NOT NULL")}
    finally:
        conn.close()


def _pack(sizes: dict[str, int], capacity: int) -> list[list[str]]:
    """First-fit decreasing: photos into as few bins of ``capacity`` bytes as it finds."""
    bins: list[tuple[int, list[str]]] = []
    for digest in sorted(sizes, key=lambda d: (-sizes[d], d)):
        cost = sizes[digest] + PER_PHOTO
        for i, (used, members) in enumerate(bins):
            if used + cost <= capacity:
                bins[i] = (used + cost, [*members, digest])
                break
        else:
            bins.append((cost, [digest]))
    return [members for _, members in bins]


def write_parts(out: Path, manifest: Manifest, rows_db: Path, photos: dict[str, bytes],
                max_bytes: int, work: Path) -> tuple[list[Path], list[Path]]:
    """Write the export as parts no larger than ``max_bytes`` where possible.

    Returns (part files, parts over the limit). Parts are written in ``work`` and moved
    next to ``out`` only when all are written, so a failure leaves no partial set.
    """
    pinned = {d for d in pinned_photos(rows_db) if d in photos}
    loose = {d: len(photos[d]) for d in photos if d not in pinned}
    set_id = manifest.package_id

    def first_part(carried: set[str], count: int) -> Path:
        m = dataclasses.replace(manifest, part={"set": set_id, "index": 1, "count": count})
        target = work / part_name(out, 1, count).name
        write_zip(target, m, rows_db, {d: photos[d] for d in sorted(carried)})
        return target

    def photo_part(index: int, count: int, digests: list[str]) -> Path:
        target = work / part_name(out, index, count).name
        db = work / f"part{index}.sqlite"
        db.unlink(missing_ok=True)
        counts = _photo_part_database(rows_db, db, digests)
        m = dataclasses.replace(manifest, package_id=new_id(), counts=counts,
                                part={"set": set_id, "index": index, "count": count})
        write_zip(target, m, db, {d: photos[d] for d in digests})
        return target

    # Part 1: the rows and pinned photos, then the largest loose photos that still fit.
    base = first_part(pinned, 1).stat().st_size
    room = max_bytes - base
    in_first: set[str] = set(pinned)
    for digest in sorted(loose, key=lambda d: (-loose[d], d)):
        if loose[digest] + PER_PHOTO <= room:
            in_first.add(digest)
            room -= loose[digest] + PER_PHOTO
    rest = {d: n for d, n in loose.items() if d not in in_first}
    empty = photo_part(2, 2, []).stat().st_size
    bins = _pack(rest, max_bytes - empty)
    # Estimates can be a little off: a part written over the limit gives up photos (part 1
    # its loose photos, a photo part half of them) and every part is written again with the
    # new count (the count is in every name and manifest).
    while True:
        count = 1 + len(bins)
        for stale in work.glob(f"{out.stem}.part*"):
            stale.unlink()
        files = [first_part(in_first, count)]
        if files[0].stat().st_size > max_bytes and in_first - pinned:
            moved = {d: loose[d] for d in in_first - pinned}
            in_first = set(pinned)
            bins += _pack(moved, max_bytes - empty)
            continue
        retry = False
        for i, digests in enumerate(bins, start=2):
            files.append(photo_part(i, count, digests))
            if files[-1].stat().st_size > max_bytes and len(digests) > 1:
                half = len(digests) // 2
                bins[i - 2:i - 1] = [digests[:half], digests[half:]]
                retry = True
                break
        if not retry:
            break
    final = []
    for f in files:
        target = out.with_name(f.name)
        shutil.move(str(f), target)
        final.append(target)
    return final, [f for f in final if f.stat().st_size > max_bytes]


# -- receiving ----------------------------------------------------------------------------
_PART_SUFFIX = re.compile(r"\.part\d+of\d+$")


def sibling_names(name: str, count: int) -> list[str]:
    """The file names of all parts of the export ``name`` (a part's file name) belongs to."""
    path = Path(name)
    stem = _PART_SUFFIX.sub("", path.stem)
    return [part_name(path.with_name(stem + path.suffix), k, count).name for k in range(1, count + 1)]


def missing_parts(conn: sqlite3.Connection, pkg: ValidatedPackage) -> list[str]:
    """Names of the other parts of ``pkg``'s export this file has not imported yet.

    Part 1 is recognised by its package id (the export's id); photo parts by the file
    name they were imported under (sync_imports), since a part brings nothing to look for
    once its photos are in.
    """
    part = pkg.manifest.part
    if part is None:
        return []
    names = sibling_names(pkg.name, int(part["count"]))
    imported = {r[0] for r in conn.execute("SELECT package FROM sync_imports")}
    have_first = conn.execute("SELECT 1 FROM sync_imports WHERE package_id = ?",
                              (part["set"],)).fetchone() is not None
    return [n for k, n in enumerate(names, start=1)
            if k != part["index"] and n not in imported and not (k == 1 and have_first)]


def check_set(packages: list[ValidatedPackage]) -> None:
    """Refuse a set of files given together that are not distinct parts of one export.

    Each part imports on its own; this only catches the mistakes of a mail folder: parts of
    two different exports, the same part twice, a part next to a whole package.
    """
    if len(packages) < 2:
        return
    first = packages[0]
    seen: dict[int, str] = {}
    for p in packages:
        part = p.manifest.part
        if part is None:
            raise PackageError(p.path, "分割パッケージではありません。1 つずつ取り込んでください "
                                       "(not a part of a split export: import it on its own)")
        if (part["set"] != first.manifest.part["set"] or part["count"] != first.manifest.part["count"]
                or p.manifest.sender != first.manifest.sender):
            raise PackageError(p.path, f"{first.name} と別の送信の分割ファイルです "
                                       "(a part of a different export)")
        if part["index"] in seen:
            raise PackageError(p.path, f"{seen[part['index']]} と同じ {part['index']} 番目の分割ファイルです "
                                       "(the same part twice)")
        seen[int(part["index"])] = p.name
