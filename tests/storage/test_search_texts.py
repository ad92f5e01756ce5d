"""The search text in memory finds exactly what SQLite's instr finds in asset_search_text."""

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from gunmane_desktop.storage.search_texts import SearchTexts

# Kanji, kana, ASCII, full-width digits and a character outside the BMP (𠮷), which takes
# four bytes in UTF-8: enough overlap of lead and trail bytes to catch a match that starts
# inside a character.
ALPHABET = "橋梁滝島大字芦畑市道町たきしまはしアイ19-abc１９𠮷 "


def _table(texts: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE asset_search_text (seq INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    conn.executemany("INSERT INTO asset_search_text (seq, text) VALUES (?, ?)",
                     [(3 * i + 1, t) for i, t in enumerate(texts)])
    return conn


def _instr(conn: sqlite3.Connection, words: list[str]) -> list[int]:
    where = " AND ".join(["instr(text, ?) > 0"] * len(words)) or "1"
    return [r[0] for r in conn.execute(
        f"SELECT seq FROM asset_search_text WHERE {where} ORDER BY seq", words)]


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.text(ALPHABET, max_size=12).map(lambda t: t.replace(" ", "\n")),
                      max_size=30),
       words=st.lists(st.text(ALPHABET.strip(), min_size=1, max_size=2), min_size=1,
                      max_size=2))
def test_short_words_match_as_instr_does(texts, words):
    # Given assets whose texts hold several fields (newline-separated) and any short words
    conn = _table(texts)
    # Then the numpy search finds the same assets, in seq order, however the text was read
    expected = _instr(conn, words)
    assert SearchTexts.read(conn).matching(words).tolist() == expected
    assert SearchTexts.read(conn, chunk=3).matching(words).tolist() == expected


def test_a_word_never_matches_across_two_assets():
    conn = _table(["滝", "島橋", "滝島"])
    found = SearchTexts.read(conn).matching(["滝島"])
    assert found.tolist() == [7]


def test_blocks_are_joined_without_losing_a_match_at_their_edge(monkeypatch):
    monkeypatch.setattr(SearchTexts, "BLOCK", 4)  # every few bytes a new block
    texts = ["ab滝島cd", "滝島", "x滝", "島y", "𠮷𠮷滝島"]
    conn = _table(texts)
    texts_in_memory = SearchTexts.read(conn)
    for words in (["滝島"], ["𠮷"], ["d"], ["y"], ["滝"]):
        assert texts_in_memory.matching(words).tolist() == _instr(conn, words)


def test_an_empty_table_matches_nothing():
    texts = SearchTexts.read(_table([]))
    assert texts.matching(["橋"]).tolist() == []
    assert texts.nbytes == 0
