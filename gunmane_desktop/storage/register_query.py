"""The SQL behind the asset register: filter and sort in SQLite, fetch display rows by page.

The register shows up to 500,000 assets, so it never loads them all. ``filtered_seqs``
returns only the matching ``assets.seq`` values in display order; ``fetch_rows`` then reads
the display columns for one page of those seqs when a view needs them. One asset's detail,
inspections and measures are ``asset_record``'s.

A sorted register is one query (assets JOIN asset_status, WHERE + ORDER BY in SQLite). In
the register's own order (by seq) each kind of filter is answered where it is cheapest and
the answers are intersected with numpy (see ``_unsorted_seqs``): on 500,000 assets a filter
by grade or a one-character search spent more time testing each candidate's 600-byte
``assets`` row for "in service" than finding the candidates.

Grades are compared by (scale, code): the same code means different things on different
scales (健全性 Ⅰ is sound, 下水道緊急度 Ⅰ is the most urgent), so colouring uses
``grade_level``, the grade's rank by severity within its own scale.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np

from ..core.catalogue import default_catalogue
from .search_texts import SearchTexts

NOT_INSPECTED = "__not_inspected__"
"""``RegisterFilter.grade`` value selecting assets with no inspection yet (未点検)."""
TRIGRAM = 3
"""Search words this long or longer use the trigram index; shorter ones scan its text."""

# Display columns of the register, in order. The UI uses these constants too.
COL_OWNER = 0  # 管理者
COL_TYPE = 1  # 施設種別
COL_NAME = 2  # 名称
COL_ROUTE = 3  # 路線名
COL_ADDRESS = 4  # 所在地
COL_BUILT = 5  # 架設年
COL_LENGTH = 6  # 延長・橋長
COL_GRADE = 7  # 最新判定
COL_FISCAL_YEAR = 8  # 点検年度
COL_NEXT_DUE = 9  # 次回点検年度
COL_MEASURE = 10  # 措置状況
COLUMN_COUNT = 11

# ORDER BY expression per column. NULLs (unknown year, not inspected) sort last in both
# directions, and seq breaks ties so the order is stable between queries.
_SORT_SQL: dict[int, tuple[str, ...]] = {
    COL_OWNER: ("o.name",),
    COL_TYPE: ("t.name_ja",),
    COL_NAME: ("a.name",),
    COL_ROUTE: ("a.route",),
    COL_ADDRESS: ("a.address",),
    COL_BUILT: ("a.built_year",),
    COL_LENGTH: ("a.length_m",),
    COL_GRADE: ("gl.level",),
    COL_FISCAL_YEAR: ("s.last_fiscal_year",),
    COL_NEXT_DUE: ("s.next_due_fy",),
    COL_MEASURE: ("s.action_required", "s.measure_state"),
}
_NULLABLE_SORT = {COL_BUILT, COL_LENGTH, COL_GRADE, COL_FISCAL_YEAR, COL_NEXT_DUE}
# A grade's rank by severity within its own scale: severities are not comparable across
# scales (sewer urgency Ⅰ has severity 3 and is the worst; 健全性 Ⅲ has 3 and is not).
_GRADE_LEVELS = ("(SELECT g.scale_id, g.code, (SELECT count(*) FROM grades g2 "
                 "WHERE g2.scale_id = g.scale_id AND g2.severity < g.severity) AS level "
                 "FROM grades g)")


@dataclass(frozen=True, slots=True)
class RegisterFilter:
    """What the register shows. Every field left at its default means "all"."""

    org: str | None = None  # organisation code (assets.owner)
    sector: str | None = None  # sector id: all asset types of the sector
    asset_type: str | None = None  # asset type id
    grade: str | None = None  # grade code of the latest inspection, or NOT_INSPECTED
    grade_scale: str | None = None  # the scale of ``grade``; None matches the code on any scale
    text: str = ""  # words found in name, reading, route, external_id or address (search_clauses)
    include_retired: bool = False  # also show 供用廃止 / 撤去済 assets


class RegisterRow(NamedTuple):
    """The display data of one register row, as stored (formatting is the UI's job)."""

    seq: int
    asset_id: str
    owner: str
    owner_name: str
    asset_type: str
    type_name: str
    name: str
    route: str
    address: str
    external_id: str
    built_year: int | None
    built_year_text: str
    length_m: float | None
    status: str
    scale_id: str | None
    grade: str | None
    grade_symbol: str | None
    grade_label: str | None
    grade_level: int | None  # 0 (best) .. 3 (worst) within the grade's scale
    action_required: bool
    fiscal_year: int | None
    next_due_fy: int | None
    measure_state: str  # none / planned / started / completed
    measure_label: str  # 計画 / 着手 / 完了 from measure_statuses, "" for none


def _where(flt: RegisterFilter) -> tuple[list[str], list[Any]]:
    clauses = ["a.deleted = 0"]
    params: list[Any] = []
    if not flt.include_retired:
        clauses.append("a.status = 'in_service'")
    if flt.org:
        clauses.append("a.owner = ?")
        params.append(flt.org)
    if flt.asset_type:
        clauses.append("a.asset_type = ?")
        params.append(flt.asset_type)
    elif flt.sector:
        # IN over a constant list lets SQLite use the assets_type index.
        clauses.append("a.asset_type IN (SELECT id FROM asset_types WHERE sector_id = ?)")
        params.append(flt.sector)
    if flt.grade == NOT_INSPECTED:
        clauses.append("s.grade IS NULL")
    elif flt.grade:
        clauses.append("s.grade = ?")
        params.append(flt.grade)
        if flt.grade_scale:
            clauses.append("s.scale_id = ?")
            params.append(flt.grade_scale)
    search, search_params = search_clauses(flt.text)
    clauses += search
    params += search_params
    return clauses, params


# ASCII letters only, as SQLite's lower() folds them: the index text was lowered by SQLite.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def search_words(text: str) -> list[str]:
    """The words of a search, lowered as the index is (ASCII letters only)."""
    return [w.translate(_ASCII_LOWER) for w in text.split()]


def search_clauses(text: str) -> tuple[list[str], list[Any]]:
    """WHERE terms for free text: every word must occur in the asset's name, reading, route,
    external ID or address ("橋 県道" narrows twice).

    Words of three characters or more are one FTS5 phrase query on the trigram index
    ``asset_search`` (schema 5), which reads only the postings of their trigrams. Shorter
    words cannot use a trigram index: they are checked with ``instr`` on the narrow
    ``asset_search_text`` table, on the rows the index found when there are longer words,
    else by scanning that table (a tenth of the bytes of ``assets``).
    """
    words = search_words(text)
    if not words:
        return [], []
    long_words = [w for w in words if len(w) >= TRIGRAM]
    short_words = [w for w in words if len(w) < TRIGRAM]
    clauses: list[str] = []
    params: list[Any] = []
    if long_words:
        clauses.append("a.seq IN (SELECT rowid FROM asset_search WHERE asset_search MATCH ?)")
        params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
        for word in short_words:
            clauses.append("instr((SELECT x.text FROM asset_search_text x "
                           "WHERE x.seq = a.seq), ?) > 0")
            params.append(word)
    else:
        clauses.append("a.seq IN (SELECT x.seq FROM asset_search_text x WHERE "
                       + " AND ".join(["instr(x.text, ?) > 0"] * len(short_words)) + ")")
        params.extend(short_words)
    return clauses, params


def short_words_sql(words: Sequence[str]) -> tuple[str, list[Any]]:
    """A query of the seqs whose search text holds every one of ``words``, words under three
    characters (as lowered by ``search_words``) that no index serves: one scan of the narrow
    asset_search_text, without reading ``assets``."""
    clauses = " AND ".join(["instr(x.text, ?) > 0"] * len(words))
    return f"SELECT x.seq FROM asset_search_text x WHERE {clauses}", list(words)


def _order_by(sort_column: int | None, descending: bool, *, indexed_filter: bool) -> str:
    """ORDER BY terms. The unary ``+`` keeps SQLite from walking an index in sort order and
    fetching every row at random (1.2 s instead of 0.5 s for 500,000 names): it sorts the
    filtered rows instead. A plain seq order is kept when no indexed filter is given, so the
    table scan in rowid order needs no sort at all."""
    direction = " DESC" if descending else ""
    if sort_column is None or sort_column not in _SORT_SQL:
        return f"{'+' if indexed_filter else ''}a.seq{direction}"
    terms = []
    for expr in _SORT_SQL[sort_column]:
        if sort_column in _NULLABLE_SORT:
            terms.append(f"{expr} IS NULL")
        terms.append(f"+{expr}{direction}")
    return ", ".join([*terms, f"a.seq{direction}"])


def _needs_status(flt: RegisterFilter, sort_column: int | None) -> bool:
    sorts_on_status = sort_column == COL_GRADE or (sort_column is not None and any(
        expr.startswith("s.") for expr in _SORT_SQL.get(sort_column, ())))
    return bool(flt.grade) or sorts_on_status


def filtered_sql(flt: RegisterFilter, sort_column: int | None = None,
                 descending: bool = False, *, ordered: bool = True,
                 index: str | None = None) -> tuple[str, list[Any]]:
    """The SQL and parameters of the register as one query (for sorted registers, benchmarks
    and EXPLAIN); ``ordered=False`` leaves the order to the caller; ``index`` names the
    assets index SQLite must use."""
    clauses, params = _where(flt)
    joins = []
    # asset_status is joined only when the filter or the sort needs it: 500,000 primary-key
    # look-ups cost about 30 ms for nothing. LEFT JOIN keeps an asset whose status row is
    # missing visible (gunmane check reports that case).
    if flt.grade:
        # An inner join lets SQLite start from the asset_status_grade index.
        joins.append("JOIN asset_status s ON s.asset_seq = a.seq")
    elif _needs_status(flt, sort_column):
        joins.append("LEFT JOIN asset_status s ON s.asset_seq = a.seq")
    if sort_column == COL_OWNER:
        joins.append("LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0")
    if sort_column == COL_TYPE:
        joins.append("JOIN asset_types t ON t.id = a.asset_type")
    prefix = ""
    if sort_column == COL_GRADE:
        # Materialised once (20 rows), not re-evaluated for each of 500,000 assets.
        prefix = f"WITH gl AS MATERIALIZED {_GRADE_LEVELS} "
        joins.append("LEFT JOIN gl ON gl.scale_id = s.scale_id AND gl.code = s.grade")
    indexed = bool(flt.org or flt.grade)
    table = f"assets a INDEXED BY {index}" if index else "assets a"
    sql = f"{prefix}SELECT a.seq FROM {table} {' '.join(joins)} WHERE {' AND '.join(clauses)}"
    if ordered:
        sql += f" ORDER BY {_order_by(sort_column, descending, indexed_filter=indexed)}"
    return sql, params


def filtered_seqs(conn: sqlite3.Connection, flt: RegisterFilter, sort_column: int | None = None,
                  descending: bool = False, *, live: LiveAssets | None = None,
                  texts: SearchTexts | None = None) -> array:
    """The seqs of the assets matching ``flt``, in display order (an ``array('q')``).

    ``live`` is the file's ``LiveAssets`` if the caller keeps one (read here when needed);
    ``texts`` its ``SearchTexts``, which then answers words of one or two characters.
    """
    if sort_column is None and not descending and not flt.include_retired:
        seqs = array("q")
        seqs.frombytes(_unsorted_seqs(conn, flt, live, texts).tobytes())
        return seqs
    sql, params = filtered_sql(flt, sort_column, descending)
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row objects cost ~40% at 500,000 rows
    cur.execute(sql, params)
    return array("q", map(itemgetter(0), cur))


def needs_live(flt: RegisterFilter, sort_column: int | None = None,
               descending: bool = False) -> bool:
    """Whether ``filtered_seqs`` would read ``LiveAssets`` for this query if not given one:
    an unsorted register without an owner, type or sector filter and no word of three or
    more characters."""
    return (sort_column is None and not descending and not flt.include_retired
            and not (flt.org or flt.asset_type or flt.sector)
            and not any(len(w) >= TRIGRAM for w in search_words(flt.text)))


def needs_texts(flt: RegisterFilter, sort_column: int | None = None,
                descending: bool = False) -> bool:
    """Whether ``filtered_seqs`` would use ``SearchTexts`` for this query: an unsorted
    register searched for words of one or two characters only."""
    words = search_words(flt.text)
    return (bool(words) and sort_column is None and not descending and not flt.include_retired
            and all(len(w) < TRIGRAM for w in words))


def seq_column(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> np.ndarray:
    """The first column of ``sql`` (integers) as an int64 array, in the query's order.

    SQLite joins the values into one text (``group_concat``) and numpy parses it: for
    224,000 seqs 30 ms, against 65 ms to step the cursor and build the array from Python
    integers.
    """
    cur = conn.cursor()
    cur.row_factory = None
    text = cur.execute(f"WITH q(v) AS ({sql}) SELECT group_concat(v) FROM q", params).fetchone()[0]
    if not text:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


_LIVE = "deleted = 0 AND status = 'in_service'"


@dataclass(frozen=True, eq=False)
class LiveAssets:
    """Which assets the register lists before any filter: in service and not deleted.

    A bool per seq (500 KB for 500,000 assets), so a list of candidates found in
    asset_status or the search index is narrowed to the listed ones in one vectorised step.
    Reading it takes a scan of the ``assets_type_live`` partial index (about 50 ms on
    500,000 assets); a caller that queries repeatedly keeps it while the file is unchanged.
    """

    mask: np.ndarray

    @classmethod
    def from_seqs(cls, seqs: Sequence[int] | np.ndarray) -> LiveAssets:
        """From the seqs of the unfiltered register (which are exactly the live assets)."""
        values = np.asarray(seqs, dtype=np.int64)
        mask = np.zeros(int(values.max()) + 1 if len(values) else 0, dtype=bool)
        mask[values] = True
        return cls(mask)

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> LiveAssets:
        try:  # the partial index holds exactly these rows: an index-only scan (schema 7)
            seqs = seq_column(conn, f"SELECT seq FROM assets INDEXED BY assets_type_live "
                                    f"WHERE {_LIVE}")
        except sqlite3.OperationalError:  # a file without that index
            seqs = seq_column(conn, f"SELECT seq FROM assets WHERE {_LIVE}")
        return cls.from_seqs(seqs)

    def seqs(self) -> np.ndarray:
        """The live seqs in ascending order."""
        return np.flatnonzero(self.mask).astype(np.int64)

    def keep(self, seqs: np.ndarray) -> np.ndarray:
        """Those of ``seqs`` that are live, in their order."""
        inside = seqs[(seqs >= 0) & (seqs < len(self.mask))]
        return inside[self.mask[inside]]


def _unsorted_seqs(conn: sqlite3.Connection, flt: RegisterFilter, live: LiveAssets | None,
                   texts: SearchTexts | None) -> np.ndarray:
    """The live assets matching ``flt`` in seq order, each part asked where it is cheapest.

    * A search with a word of three or more characters: the one query of ``filtered_sql``,
      which starts from the trigram index and reads only the assets it names.
    * Owner, type, sector, with or without grade: the same query without ORDER BY; SQLite
      starts from a partial index of live assets (schema 7) or the grade index, and numpy
      sorts (a sector is several types: SQLite sorted its 300,000 seqs in a temporary
      B-tree, 130 ms more).
    * A grade alone: asset_status through its grade index, narrowed by ``LiveAssets``
      instead of reading each candidate's 600-byte assets row (23,000 look-ups, 100 ms).
    * Words of one or two characters, which no index serves: ``SearchTexts`` if the caller
      keeps one, else one scan of the narrow asset_search_text (``short_words_sql``); intersected
      with the rest of the filter answered as above, or narrowed by ``LiveAssets``.
    """
    words = search_words(flt.text)
    if any(len(w) >= TRIGRAM for w in words):
        return np.sort(seq_column(conn, *filtered_sql(flt, ordered=False)))
    rest = RegisterFilter(org=flt.org, sector=flt.sector, asset_type=flt.asset_type,
                          grade=flt.grade, grade_scale=flt.grade_scale)
    if rest.org or rest.asset_type or rest.sector:
        index = None
        if rest.sector and not (rest.org or rest.asset_type or rest.grade):
            # Unordered, SQLite reads the whole table for a sector's several types (300 ms
            # on 500,000 assets); their partial index takes 50.
            index = "assets_type_live"
        try:
            found = np.sort(seq_column(conn, *filtered_sql(rest, ordered=False, index=index)))
        except sqlite3.OperationalError:
            if index is None:
                raise
            found = np.sort(seq_column(conn, *filtered_sql(rest, ordered=False)))  # no index
    elif rest.grade:
        if rest.grade == NOT_INSPECTED:
            sql, params = "SELECT asset_seq FROM asset_status WHERE grade IS NULL", []
        else:
            sql, params = "SELECT asset_seq FROM asset_status WHERE grade = ?", [rest.grade]
            if rest.grade_scale:
                sql += " AND scale_id = ?"
                params.append(rest.grade_scale)
        live = live if live is not None else LiveAssets.read(conn)
        found = live.keep(np.sort(seq_column(conn, sql, params)))
    else:
        found = None  # every live asset
    if not words:
        if found is None:
            live = live if live is not None else LiveAssets.read(conn)
            return live.seqs()
        return found
    if found is not None and not len(found):
        return found
    matched = (texts.matching(words) if texts is not None
               else np.sort(seq_column(conn, *short_words_sql(words))))
    if found is None:
        live = live if live is not None else LiveAssets.read(conn)
        return live.keep(matched)
    return found[np.isin(found, matched, kind="table")] if len(matched) else matched


def count_assets(conn: sqlite3.Connection, *, include_retired: bool = False) -> int:
    """All assets the register could show (for "n of N" in the status bar)."""
    sql = "SELECT count(*) FROM assets WHERE deleted = 0"
    if not include_retired:
        sql += " AND status = 'in_service'"
    return conn.execute(sql).fetchone()[0]


_ROWS_SQL = """
SELECT a.seq, a.id, a.owner, coalesce(o.name, a.owner), a.asset_type, t.name_ja, a.name,
       a.route, a.address, a.external_id, a.built_year, a.built_year_text, a.length_m,
       a.status, s.scale_id, s.grade, g.symbol, g.label_ja,
       (SELECT count(*) FROM grades g2 WHERE g2.scale_id = s.scale_id
                                          AND g2.severity < g.severity),
       coalesce(s.action_required, 0), s.last_fiscal_year, s.next_due_fy,
       coalesce(s.measure_state, 'none'), coalesce(ms.name_ja, '')
FROM assets a
JOIN asset_types t ON t.id = a.asset_type
LEFT JOIN asset_status s ON s.asset_seq = a.seq
LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0
LEFT JOIN grades g ON g.scale_id = s.scale_id AND g.code = s.grade
LEFT JOIN measure_statuses ms ON ms.id = s.measure_state
WHERE a.seq IN ({marks})
"""
_FETCH_CHUNK = 500


def fetch_rows(conn: sqlite3.Connection, seqs: Sequence[int]) -> dict[int, RegisterRow]:
    """Display rows for a page of seqs. Seqs no longer in the file are simply absent."""
    rows: dict[int, RegisterRow] = {}
    seqs = list(seqs)
    cur = conn.cursor()
    cur.row_factory = None
    for start in range(0, len(seqs), _FETCH_CHUNK):
        chunk = seqs[start:start + _FETCH_CHUNK]
        cur.execute(_ROWS_SQL.format(marks=", ".join("?" * len(chunk))), chunk)
        for r in cur:
            row = RegisterRow(*r[:18], r[18] if r[16] is not None else None, bool(r[19]),
                              *r[20:])
            rows[row.seq] = row
    return rows


def organisations(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(code, name) of organisations that own assets, the prefecture first."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT code, name FROM organisations o WHERE deleted = 0 "
        "AND EXISTS (SELECT 1 FROM assets a WHERE a.owner = o.code) "
        "ORDER BY kind <> 'prefecture', code")]


@dataclass(frozen=True, slots=True)
class TypeChoice:
    """An asset type of the file's catalogue, with its sector and grade scale."""

    id: str
    name_ja: str
    name_en: str
    sector_id: str
    sector_ja: str
    sector_en: str
    scale_id: str


def asset_types(conn: sqlite3.Connection) -> list[TypeChoice]:
    """The file's asset types grouped by sector, in catalogue order."""
    rows = conn.execute(
        "SELECT t.id, t.name_ja, t.name_en, s.id, s.name_ja, s.name_en, t.scale_id "
        "FROM asset_types t JOIN sectors s ON s.id = t.sector_id")
    types = [TypeChoice(*r) for r in rows]
    # WITHOUT ROWID tables have no insertion order; follow the shipped catalogue's order.
    order = {t.id: i for i, t in enumerate(default_catalogue().asset_types)}
    sector_order = {s.id: i for i, s in enumerate(default_catalogue().sectors)}
    return sorted(types, key=lambda t: (sector_order.get(t.sector_id, 99),
                                        order.get(t.id, 99), t.id))


@dataclass(frozen=True, slots=True)
class GradeChoice:
    scale_id: str
    scale_ja: str
    scale_en: str
    code: str
    symbol: str
    label_ja: str
    label_en: str
    level: int  # 0 (best) .. 3 (worst) within the scale


def grades(conn: sqlite3.Connection) -> list[GradeChoice]:
    """Every grade of every scale, by scale then from best to worst."""
    rows = conn.execute(
        "SELECT g.scale_id, sc.name_ja, sc.name_en, g.code, g.symbol, g.label_ja, g.label_en, "
        "       (SELECT count(*) FROM grades g2 WHERE g2.scale_id = g.scale_id "
        "                                          AND g2.severity < g.severity) "
        "FROM grades g JOIN grade_scales sc ON sc.id = g.scale_id "
        "ORDER BY g.scale_id = 'soundness' DESC, g.scale_id, g.severity")
    return [GradeChoice(*r) for r in rows]
