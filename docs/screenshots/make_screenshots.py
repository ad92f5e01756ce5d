"""Render every main screen of 群マネ Desktop on the demo region into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_screenshots.py [OUT_DIR] [--en]

Runs without a display (offscreen), in Japanese (``--en``: English, files named *_en.png),
at 1440 x 860 with the bundled font, on a
freshly generated demo region in a temporary folder (the user's files and settings are not
touched). The inspection screen is shown with an entry in progress so the form's parts are
visible; the register with an asset chosen (so 編集/供用廃止 are enabled) and the asset form
on it; the contracts page on the demo contracts; the map with the sample boundary file of
resources/samples/ as its background.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from gunmane_desktop.contracts.demo import add_demo_contracts
from gunmane_desktop.core.paths import resources_dir
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.ui.app import create_application, open_window
from gunmane_desktop.ui.i18n import install_translators
from gunmane_desktop.ui.main_window import MainWindow

HERE = Path(__file__).resolve().parent
SIZE = (1440, 860)


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until ``done()`` (work on a worker thread), at most ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the screen did not finish loading")
        app.processEvents()
        time.sleep(0.02)


def _sample_photo(folder: Path) -> Path:
    """A plain drawn image standing in for a site photo (the demo region has none)."""
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a9aa8"))
    painter = QPainter(image)
    painter.fillRect(0, 300, 640, 180, QColor("#6d6a5f"))
    painter.fillRect(80, 180, 480, 60, QColor("#b7b2a6"))
    painter.setPen(QColor("#ffffff"))
    font = QFont("BIZ UDGothic")
    font.setPixelSize(36)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "写真の例 (デモ)")
    painter.end()
    path = folder / "P0001_主桁.jpg"
    image.save(str(path), "JPG")
    return path


def render(out_dir: Path, language: str = "ja") -> list[Path]:
    """Write the screenshots into ``out_dir`` and return their paths."""
    app = create_application([sys.argv[0]])
    translators = install_translators(app, language, resources_dir() / "translations")
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate_region(folder / "みどり地域.sqlite")
        contract_ids = add_demo_contracts(folder / "みどり地域.sqlite")
        db = Database.open(folder / "みどり地域.sqlite")
        try:
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            window = open_window(db, settings, language)
            window.resize(*SIZE)
            window.show()
            _settle(app)

            def shoot(name: str, widget=None) -> None:
                _settle(app)
                path = out_dir / f"{name}_{language}.png"
                (widget or window).grab().save(str(path))
                written.append(path)

            window.show_page(MainWindow.PAGE_DASHBOARD)
            shoot("dashboard")
            window.show_page(MainWindow.PAGE_REGISTER)

            # A bridge judged Ⅲ with several inspections on record, chosen in the register.
            (asset_id,) = db.conn.execute(
                "SELECT a.id FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
                "WHERE a.asset_type = 'bridge' AND s.grade = 'III' AND a.status = 'in_service' "
                "AND (SELECT count(*) FROM inspections i WHERE i.asset_id = a.id) >= 3 "
                "ORDER BY a.seq LIMIT 1").fetchone()
            name = db.conn.execute("SELECT name FROM assets WHERE id = ?",
                                   (asset_id,)).fetchone()[0]
            window.register_page.filter_bar.select(text=name)
            page = window.register_page
            row = next(r for r in range(page.model.rowCount())
                       if page.model.asset_id_at(r) == asset_id)
            page.select_row(row)
            page.apply_filter(RegisterFilter())  # the whole register again, still selected
            shoot("register")
            form = page.edit_current()
            form.resize(800, 560)
            shoot("asset_form", form)
            form.reject()
            window.show_page(MainWindow.PAGE_INSPECTIONS)
            form = window.inspection_page.form
            form.grade_combo.setCurrentIndex(form.grade_combo.findData("III"))
            form.date_edit.setText("R8.10.20")
            form.inspector_edit.setText("山田 太郎")
            form.findings_edit.setPlainText("主桁端部に腐食と板厚減少。支承部の防錆機能が低下。")
            form.members.add_row("主桁")
            for column, value in ((1, "腐食"), (2, "d"), (3, "III"), (4, "C1")):
                form.members.setData(form.members.index(0, column), value)
            form.photos.add_files([_sample_photo(folder)])
            shoot("inspection")

            window.show_page(MainWindow.PAGE_MEASURES)
            measures = window.measures_page
            measures.waiting_view.selectRow(0)
            shoot("measures")

            window.show_page(MainWindow.PAGE_CONTRACTS)
            # the joint bridge inspection: four orderers and a scope of bridges across towns
            window.contracts_page.select_contract(contract_ids["bridge_inspection"])
            shoot("contracts")

            window.show_page(MainWindow.PAGE_MAP)
            map_page = window.map_page
            map_page.load_overlay(resources_dir() / "samples" / "demo_region_boundaries.geojson")
            _wait(app, lambda: map_page.overlay is not None and not map_page.overlay_busy)
            shoot("map")
            window.close()
        finally:
            db.close()
    for translator in translators:
        app.removeTranslator(translator)
    return written


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--en"]
    target = Path(args[0]) if args else HERE
    target.mkdir(parents=True, exist_ok=True)
    for path in render(target, "en" if "--en" in sys.argv else "ja"):
        print(path)
