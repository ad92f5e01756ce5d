"""The register's search text in memory, for the words the trigram index cannot serve.

FTS5's trigram index needs three characters; a search for 橋 or 19 would otherwise scan
``asset_search_text`` with ``instr`` (300 ms and more on 500,000 assets). ``SearchTexts``
reads that text once into one byte array and scans it with numpy.
"""

from __future__ import annotations

import sqlite3

import numpy as np


class SearchTexts:
    """Every asset's search text in memory, for the words no index serves.

    A word of one or two characters cannot use the trigram index, and SQLite's ``instr``
    over the 44 MB of asset_search_text took 75-110 ms of CPU for 500,000 assets (300 ms
    and more on a busy machine). The same text as one UTF-8 byte array is searched with
    numpy in 10-40 ms. A UTF-8 match of whole characters cannot start inside
    another character, and the rows are joined by a newline, which a search word never
    holds, so no match spans two assets. It costs the text's size in memory (about 100
    bytes an asset) and a read of a second or less: the register keeps one while the file
    is unchanged, and only for large registers.
    """

    BLOCK = 1 << 22

    def __init__(self, seqs: np.ndarray, starts: np.ndarray, data: np.ndarray) -> None:
        self.seqs = seqs  # ascending
        self.starts = starts  # offset of each seq's text in data
        self.data = data
        # How often each byte occurs, counted a MB at a time: bincount widens its input to
        # 64-bit integers, 350 MB for the whole text at once.
        self.byte_counts = np.zeros(256, dtype=np.int64)
        for lo in range(0, len(data), 1 << 20):
            self.byte_counts += np.bincount(data[lo:lo + (1 << 20)], minlength=256)

    @classmethod
    def read(cls, conn: sqlite3.Connection, *, chunk: int = 50_000) -> SearchTexts:
        """Read the search text of every asset, ``chunk`` assets a statement.

        One read transaction makes the statements one snapshot. The text goes straight into
        an array of its final size: one ``group_concat`` of the whole table briefly held
        three copies of it (SQLite's string, the blob, Python's bytes), 130 MB on 500,000
        assets, where this holds one and a chunk.
        """
        cur = conn.cursor()
        cur.row_factory = None
        own_transaction = not conn.in_transaction
        if own_transaction:
            cur.execute("BEGIN")
        try:
            count, size = cur.execute("SELECT count(*), coalesce(sum(length(CAST(text AS BLOB)) "
                                      "+ 1), 0) FROM asset_search_text").fetchone()
            seqs = np.empty(count, dtype=np.int64)
            sizes = np.empty(count, dtype=np.int64)
            data = np.empty(size, dtype=np.uint8)
            rows = offset = 0
            last = None
            while rows < count:
                seq_text, size_text, text, last = cur.execute(
                    "SELECT group_concat(seq), group_concat(length(CAST(text AS BLOB)) + 1), "
                    "       CAST(group_concat(text, char(10)) || char(10) AS BLOB), max(seq) "
                    "FROM (SELECT seq, text FROM asset_search_text "
                    "      WHERE seq > coalesce(?, -9223372036854775808) ORDER BY seq LIMIT ?)",
                    (last, chunk)).fetchone()
                part = np.fromstring(seq_text, dtype=np.int64, sep=",")
                seqs[rows:rows + len(part)] = part
                sizes[rows:rows + len(part)] = np.fromstring(size_text, dtype=np.int64, sep=",")
                data[offset:offset + len(text)] = np.frombuffer(text, dtype=np.uint8)
                rows += len(part)
                offset += len(text)
        finally:
            if own_transaction:
                cur.execute("COMMIT")
        starts = np.zeros(count, dtype=np.int64)
        np.cumsum(sizes[:-1], out=starts[1:])
        return cls(seqs, starts, data)

    @property
    def nbytes(self) -> int:
        return self.seqs.nbytes + self.starts.nbytes + self.data.nbytes

    def matching(self, words: list[str]) -> np.ndarray:
        """The seqs (ascending) whose text holds every word, as ``instr`` would find them;
        ``words`` are lowered as the text is (``register_query.search_words``)."""
        hit = np.ones(len(self.seqs), dtype=bool)
        for word in words:
            hit &= self._rows_with(word)
        return self.seqs[hit]

    def _rows_with(self, word: str) -> np.ndarray:
        """A bool per asset: does its text hold ``word``?

        One pass over the text looks for the needle's rarest byte (a kanji's lead byte is
        shared by thousands of characters, its last byte far less); only those places are
        checked for the other bytes.
        """
        needle = np.frombuffer(word.encode(), dtype=np.uint8)
        k = len(needle)
        end = len(self.data) - k + 1
        hit = np.full(len(self.seqs), k == 0, dtype=bool)
        if k == 0 or end <= 0:
            return hit
        rare = int(np.argmin(self.byte_counts[needle]))
        for lo in range(0, end, self.BLOCK):
            n = min(end, lo + self.BLOCK) - lo
            found = np.flatnonzero(self.data[lo + rare:lo + rare + n] == needle[rare]) + lo
            for i in range(k):
                if i != rare and len(found):
                    found = found[self.data[found + i] == needle[i]]
            if len(found):
                hit[np.searchsorted(self.starts, found, side="right") - 1] = True
        return hit
