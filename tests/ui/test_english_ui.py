"""Japanese is the default UI language and English can be chosen: walking every page of the
main window, the UI words (labels, buttons, group titles, tabs, column headers, placeholders)
follow the chosen language.

Japanese may still show in the English window where it is data — names, kana, routes,
addresses, findings, and the catalogue's official type, sector and grade terms (橋梁, Ⅲ 早期措置
段階) — or a domain format the house style keeps Japanese: 和暦 dates and 年度, always shown with
the Western year beside them. Everything else in Japanese is a UI word that missed tr().
"""

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QHeaderView, QLabel, QLineEdit, QTabBar

from gunmane_desktop.storage.register_query import COL_TYPE
from gunmane_desktop.ui.asset_detail import AssetDetailPane
from gunmane_desktop.ui.main_window import MainWindow

# Kana and kanji. Not the punctuation that only joins data (、・「」), nor the numerals Ⅰ-Ⅳ
# that are the grade symbols of the statutory scales.
JAPANESE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# 和暦 dates and fiscal years: kept in Japanese, with 西暦 beside them (house style).
WAREKI = re.compile(r"(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2}月\d{1,2}日|度)?")

ALLOWED_IN_ENGLISH = {
    # The cost fields accept amounts as staff type them; the placeholder shows that input.
    "千円": "yen, e.g. 4,500,000 or 4,500千円",
    # The report page glosses its English labels with the domain word (house style: domain
    # words stay Japanese where the domain is), e.g. "Organisation (管理者):".
    "(管理者)": "Organisation (管理者):",
    "(分野)": "Sector (分野):",
    "(年度)": "Fiscal year (年度):",
}
ALLOWED_IN_JAPANESE = {
    # File formats and product names are written the same in Japanese.
    "PDF": "PDF", "GeoJSON": "GeoJSON", "KML": "KML", "xlsx": ".xlsx",
}

DETAIL_LABELS_JA = ["管理者", "施設種別", "施設ID", "名称かな", "路線名", "所在地", "架設年",
                    "延長・橋長 (m)", "幅員 (m)", "面積 (m²)", "構造・形式", "状態", "緯度・経度",
                    "最新判定", "次回点検年度"]
DETAIL_LABELS_EN = ["Owner", "Type", "Asset ID", "Name (kana)", "Route", "Location", "Built",
                    "Length (m)", "Width (m)", "Area (m²)", "Structure and form", "Asset status",
                    "Latitude, longitude", "Latest grade", "Next inspection"]


@pytest.fixture
def data_words(region):
    """Every text the demo region holds as data, longest first (so names go before parts)."""
    queries = [f"SELECT {column} FROM assets" for column in (
        "name", "name_kana", "route", "address", "structure", "built_year_text", "notes",
        "external_id")]
    queries += ["SELECT name FROM organisations", "SELECT name_ja FROM asset_types",
                "SELECT name_ja FROM sectors", "SELECT name_ja FROM grade_scales",
                "SELECT label_ja FROM grades", "SELECT method FROM inspections",
                "SELECT findings FROM inspections", "SELECT inspector_name FROM inspections"]
    words = {value for query in queries for (value,) in region.conn.execute(query) if value}
    return sorted(words, key=len, reverse=True)


def _without(text: str, words: list[str], allowed: dict[str, str]) -> str:
    """The text with its 和暦, allowed terms and data taken out: what is left is UI words.

    和暦 goes first: a ledger's year as written (令和6年) must not eat part of a date."""
    text = WAREKI.sub(" ", text)
    for word in (*allowed, *words):
        if word in text:
            text = text.replace(word, " ")
    return text


def _ui_texts(root) -> list[tuple[str, str]]:
    """(kind, text) of every visible label, button, group, tab, column header, placeholder."""
    found = [("label", w.text()) for w in root.findChildren(QLabel) if w.isVisible()]
    found += [("button", w.text()) for w in root.findChildren(QAbstractButton) if w.isVisible()]
    found += [("group", w.title()) for w in root.findChildren(QGroupBox) if w.isVisible()]
    found += [("placeholder", w.placeholderText()) for w in root.findChildren(QLineEdit)
              if w.isVisible()]
    for bar in root.findChildren(QTabBar):
        if bar.isVisible():
            found += [("tab", bar.tabText(i)) for i in range(bar.count())]
    for header in root.findChildren(QHeaderView):
        if header.isVisible() and header.orientation() == Qt.Orientation.Horizontal:
            model = header.model()
            found += [("header", str(model.headerData(section, Qt.Orientation.Horizontal)))
                      for section in range(model.columnCount(QModelIndex()))
                      if not header.isSectionHidden(section)]
    return [(kind, text) for kind, text in found if text and text != "None"]


def _walk(window, region, qtbot) -> dict[str, list[tuple[str, str]]]:
    """Choose a bridge on an emergency route, then read each page as the user would see it."""
    asset_id, name = region.conn.execute(
        "SELECT a.id, a.name FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        "WHERE a.asset_type = 'bridge' AND a.status = 'in_service' AND a.emergency_route = 1 "
        "AND a.name_kana != '' AND a.width_m IS NOT NULL AND a.area_m2 IS NOT NULL "
        "AND s.grade IS NOT NULL ORDER BY a.seq LIMIT 1").fetchone()
    register = window.register_page
    register.filter_bar.select(text=name)
    register.select_row(next(r for r in range(register.model.rowCount())
                             if register.model.asset_id_at(r) == asset_id))
    pages = {}
    for index, key in enumerate(MainWindow.HELP_KEYS):
        window.show_page(index)
        if index == MainWindow.PAGE_MEASURES:
            window.measures_page.waiting_view.selectRow(0)  # the form shows its labels
        qtbot.waitUntil(lambda: not window.dashboard_page.busy)
        qtbot.wait(10)  # widgets added to a shown layout appear on the next event loop pass
        pages[key] = _ui_texts(window.pages.currentWidget())
    return pages


def test_every_page_shows_english_ui_words_when_english_is_chosen(english_window, region,
                                                                   data_words, qtbot):
    # Given the window in English with an asset chosen, when each page is walked
    pages = _walk(english_window, region, qtbot)
    assert all(pages.values())
    # then no UI word is left in Japanese: only data, 和暦 and the allowed terms
    japanese = [(page, kind, text) for page, texts in pages.items() for kind, text in texts
                if JAPANESE.search(_without(text, data_words, ALLOWED_IN_ENGLISH))]
    assert japanese == []
    # and the detail pane's fields, which were Japanese whatever the language, are English
    detail = dict(english_window.register_page.detail.shown_fields())
    assert list(detail) == DETAIL_LABELS_EN
    assert detail["Asset status"] == "In service"
    assert detail["Structure and form"].endswith(", Emergency route")
    # the catalogue's names: the register's type column and the filter's choices
    register = english_window.register_page
    assert register.model.index(0, COL_TYPE).data() == "Bridge"
    combo = register.filter_bar.type_combo
    choices = [combo.itemText(i) for i in range(combo.count())]
    assert "Bridge" in choices and "Roads (all)" in choices and "橋梁" not in choices
    groups = english_window.dashboard_page.group_combo
    assert {groups.itemText(i) for i in range(groups.count())} >= {"Sewerage", "Parks"}
    map_types = english_window.map_page.type_combo
    assert "Bridge" in [map_types.itemText(i) for i in range(map_types.count())]
    # as are the dashboard's cycles
    cohorts = english_window.dashboard_page.cohort_chart.categories
    assert cohorts[0].startswith("Cycle 1\n(2014")
    assert "Cycle 1: " in english_window.dashboard_page.cohort_caption.text()


def test_every_page_shows_japanese_ui_words_by_default(window, region, data_words, qtbot):
    # Given the window in Japanese (the default), when each page is walked
    pages = _walk(window, region, qtbot)
    assert all(pages.values())
    # then no English word is left but file formats, data and numbers with their units
    english = [(page, kind, text) for page, texts in pages.items() for kind, text in texts
               if ENGLISH_WORD.search(_without(text, data_words, ALLOWED_IN_JAPANESE))]
    assert english == []
    # and the detail pane keeps the domain's labels, worded as before they went through tr()
    detail = dict(window.register_page.detail.shown_fields())
    assert list(detail) == DETAIL_LABELS_JA
    assert detail["状態"] == "供用中"
    assert detail["構造・形式"].endswith("、緊急輸送道路")
    cohorts = window.dashboard_page.cohort_chart.categories
    assert cohorts[0].startswith("第1巡\n(2014")
    assert "第1巡 " in window.dashboard_page.cohort_caption.text()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_built_year_and_status_of_the_detail_pane_follow_the_language(
        request, region, qapp, language):
    if language == "ja":
        request.getfixturevalue("japanese")
    pane = AssetDetailPane(region.conn)
    rows = {}
    for where in ("built_year IS NULL AND built_year_text = '不明'", "built_year_text = 'S60'",
                  "status = 'retired'"):
        asset_id = region.conn.execute(
            f"SELECT id FROM assets WHERE {where} ORDER BY seq LIMIT 1").fetchone()[0]
        pane.show_asset(asset_id)
        rows[where] = dict(pane.shown_fields())
    unknown, spelt, retired = rows.values()
    if language == "en":
        assert unknown["Built"] == "Unknown"
        assert spelt["Built"] == "昭和60年 (1985) — as written: S60"
        assert retired["Asset status"] == "Retired"
    else:
        assert unknown["架設年"] == "不明"
        assert spelt["架設年"] == "昭和60年 (1985) — 原文「S60」"
        assert retired["状態"] == "供用廃止"
