"""Refresh the Japanese UI translation: lupdate over gunmane_desktop/ui, fill, lrelease.

    .venv/bin/python resources/translations/update_ja.py [--check]

The Japanese text of every source string lives in JA below, or in a ``ja_<area>.json``
beside this script (one per screen group, so two people adding screens do not edit the same
dict), so the .ts file can be regenerated from the code at any time. A source string
without an entry fails the run (with --check nothing is written: CI can use it to catch an
untranslated string, or a .ts file not regenerated after the code changed), and so does a
translation that drops or adds a %1/%n placeholder.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "gunmane_ja.ts"
BIN = Path(sys.executable).parent

JA: dict[str, str] = {
    # main window, menus
    "&File": "ファイル(&F)",
    "&Open…": "開く(&O)…",
    "E&xit": "終了(&X)",
    "&View": "表示(&V)",
    "&Language": "言語(&L)",
    "&Help": "ヘルプ(&H)",
    "&About 群マネ Desktop": "バージョン情報(&A)",
    "About 群マネ Desktop": "群マネ Desktop について",
    "<h3>群マネ Desktop %1</h3><p>Asset register, inspections and regional exchange for small "
    "municipalities.</p><p>File: %2<br>Schema version: %3</p>"
    "<p>Font: BIZ UDGothic, SIL Open Font License 1.1.</p>":
        "<h3>群マネ Desktop %1</h3><p>小規模自治体のための施設台帳・点検管理・広域連携の"
        "ソフトウェアです。</p><p>ファイル: %2<br>スキーマの版: %3</p>"
        "<p>フォント: BIZ UDゴシック (SIL Open Font License 1.1)</p>",
    "Language": "言語",
    "The new language is used from the next start of 群マネ Desktop.":
        "新しい言語は、群マネ Desktop を次に起動したときから使われます。",
    "Open a 群マネ Desktop file": "群マネ Desktop のファイルを開く",
    "%1 of %2 assets": "%1 件 / 全 %2 件",
    # navigation and placeholder pages
    "Dashboard": "ダッシュボード",
    "Asset register": "施設台帳",
    "Inspections": "点検",
    "Measures": "措置",
    "Map": "地図",
    "Contracts": "契約",
    "Plans": "計画",
    "Data exchange": "データ交換",
    "Reports": "帳票",
    "Comes with version %1": "バージョン %1 で対応予定",
    "This page comes with version %1.": "この画面はバージョン %1 で追加される予定です。",
    "In this version, use the asset register (施設台帳).":
        "この版では「施設台帳」をお使いください。",
    "Counts by grade and owner, inspections due this fiscal year, and the share of Ⅲ/Ⅳ "
    "assets whose measures have started.":
        "判定区分・管理者ごとの集計、今年度の点検予定、Ⅲ・Ⅳ判定の施設のうち措置に着手した割合。",
    "Recording inspections and corrections, with member findings and photos.":
        "点検結果と訂正の登録 (部材ごとの所見・写真を含む)。",
    "Planning and tracking repairs, closures and removals, with costs.":
        "補修・通行規制・撤去などの措置の計画と進捗、費用の管理。",
    "Assets on a map, coloured by grade.": "施設を地図上に判定区分の色で表示。",
    "Bundled maintenance contracts across towns: orderers, contractor, scope.":
        "複数の団体による包括的な維持管理契約 (発注者・受注者・対象範囲)。",
    "Long-life repair plans (長寿命化修繕計画) over ten fiscal years.":
        "10か年の長寿命化修繕計画。",
    "Exchanging files with the prefecture and other towns: export, preview, apply, "
    "conflicts.":
        "県や他の市町村とのファイル交換 (書き出し・取り込み前の確認・反映・競合の解決)。",
    "PDF reports for the council and the subsidy application.":
        "議会説明資料や補助金申請のための PDF 帳票。",
    # register table
    "Owner": "管理者",
    "Type": "施設種別",
    "Name": "名称",
    "Route": "路線名",
    "Location": "所在地",
    "Built": "架設年",
    "Length (m)": "延長・橋長 (m)",
    "Latest grade": "最新判定",
    "Inspected (FY)": "点検年度",
    "Next due (FY)": "次回点検年度",
    "Not inspected": "未点検",
    "Not started": "未着手",
    # filter bar
    "All owners": "すべての管理者",
    "Owner (管理者)": "管理者",
    "All types": "すべての施設種別",
    "%1 (all)": "%1 (すべて)",
    "Grade": "判定",
    "All grades": "すべての判定",
    "Not inspected yet": "未点検",
    "Search name, route, ID, location": "名称・路線名・施設ID・所在地で検索",
    "Include retired": "廃止・撤去済も表示",
    # detail pane
    "Select an asset in the register to see its details, inspection history and measures.":
        "台帳で施設を選ぶと、その詳細・点検履歴・措置がここに表示されます。",
    "Inspection history (%n)": "点検履歴 (%n 件)",
    "Measures (%n)": "措置 (%n 件)",
    "No inspection recorded yet.": "点検の記録はまだありません。",
    "No measure recorded.": "措置の記録はありません。",
    "Next inspection": "次回点検年度",
    "Inspected on": "点検日",
    "Fiscal year": "年度",
    "Method": "点検方法",
    "Inspector": "点検者",
    "Findings": "所見",
    "Kind": "種類",
    "Status": "状況",
    "Work": "対策内容",
    "Planned (FY)": "予定年度",
    "Started": "着手日",
    "Completed": "完了日",
    "Cost": "費用",
    "%1 (estimate)": "%1 (概算)",
    # start-up
    "Cannot open the file": "ファイルを開けません",
    "The demo region generator is not available in this build.":
        "この版にはデモ地域の作成機能が含まれていません。",
    "Creating the demo region…": "デモ地域を作成しています…",
    "Cancel": "キャンセル",
    "Which file do you want to work on?": "どのファイルで作業しますか?",
    "Open a file…": "ファイルを開く…",
    "Try the demo region": "デモ地域を試す",
    # dashboard
    "Whole region": "地域全体",
    "Grades of": "判定の対象",
    "Assets": "施設数",
    "Click a bar to open those assets in the register.":
        "棒をクリックすると、その施設を施設台帳で絞り込んで表示します。",
    "Latest grades by owner": "管理者別の最新判定",
    "Assets by age": "経過年数別の施設数",
    "Inspections by fiscal year": "年度別の点検 (実施・予定・遅れ)",
    "Ⅲ/Ⅳ measures started and completed, by cycle": "Ⅲ・Ⅳ判定の措置の着手率・完了率 (巡回別)",
    "Most urgent: action required, no measure started": "要対応: 措置が未着手の施設",
    "The %1 worst first, emergency routes first among equals. Double-click to record a "
    "measure.":
        "判定の重い順 (同じ判定では緊急輸送道路が先) に %1 件。ダブルクリックで措置を登録します。",
    "Drawn in %1 s": "描画 %1 秒",
    "%1+": "%1〜",
    "Measure started": "着手",
    "Measure completed": "完了",
    "Unknown": "不明",
    "Age (years)": "経過年数 (年)",
    "now": "現在",
    "in %1 years": "%1年後",
    "50 years or older: %1 (of the %2 assets with a known year). Construction year "
    "unknown: %3 assets, shown as their own grey bar, never guessed.":
        "建設後50年以上: %1 (架設年が分かる %2 施設のうち)。架設年不明の %3 施設は推定せず、"
        "灰色の棒で別に示しています。",
    "Done": "実施済",
    "Pending": "予定",
    "Overdue": "遅れ・未点検",
    "Fiscal year (年度)": "年度",
    "%1: %2 inspected, %3 still due, %4 overdue or never inspected.":
        "%1: 実施 %2 件、今年度予定の残り %3 件、期限切れまたは未点検 %4 件。",
    "Assets judged Ⅲ/Ⅳ (or the scale's equivalent) in each cycle: %1. For comparison, "
    "local governments had started 75% and completed 56% of cycle 1 by FY2022.":
        "各巡回でⅢ・Ⅳ (他の尺度では相当する区分) と判定された施設: %1。参考: 全国の地方公共団体"
        "では、第1巡のⅢ・Ⅳ橋梁の 75% が着手、56% が完了 (令和4年度末)。",
    "Planned only": "計画のみ",
    "Yes": "○",
    "Emergency route": "緊急輸送道路",
    # inspection entry
    "e.g. R6.6.15, 令和6年6月15日, 2024-06-15": "例: R6.6.15、令和6年6月15日、2024-06-15",
    "Add member row": "部材の行を追加",
    "Remove row": "行を削除",
    "Inspecting organisation": "点検者 (団体)",
    "Members (optional)": "部材ごとの所見 (任意)",
    "Photos": "写真",
    "— choose —": "— 選んでください —",
    "Enter the inspection date.": "点検日を入力してください",
    "Choose the grade.": "判定区分を選んでください",
    "Row %1: %2": "%1 行目: %2",
    "Read as %1": "読み取り: %1",
    "No statutory cycle for this type": "この施設種別には定期点検の周期がありません",
    "%1 (every %2 years), by %3": "%1 (%2年ごと)、%3 まで",
    "already overdue": "すでに期限切れ",
    "Select an asset in the register (施設台帳) first; its new inspection is entered here.":
        "まず施設台帳で施設を選んでください。その施設の新しい点検結果をここで入力します。",
    "Choose another asset…": "別の施設を選ぶ…",
    "Save inspection": "点検結果を保存",
    "Clear": "入力を消去",
    "Unsaved inspection": "未保存の点検結果",
    "The inspection of %1 is not saved. Discard it and enter one for the asset chosen in "
    "the register?":
        "「%1」の点検結果はまだ保存されていません。入力を破棄して、台帳で選んだ施設の入力に"
        "移りますか?",
    "Saved: %1, %2 photo(s).": "保存しました: %1、写真 %2 枚。",
    "Not saved: please correct the fields marked in red.":
        "保存していません。赤字で示した項目を直してください。",
    "Previous inspection": "前回の点検",
    "Grade over time": "判定の推移",
    "Previous inspection (%n on record)": "前回の点検 (記録 %n 件)",
    "Members": "部材",
    "Member": "部材",
    "Damage type": "損傷の種類",
    "Degree (a–e)": "損傷程度 (a-e)",
    "Member grade": "部材の判定",
    "Countermeasure class": "対策区分",
    "Note": "備考",
    "Double-click a photo to see it full size.": "写真をダブルクリックすると原寸で表示します。",
    "Add photos…": "写真を追加…",
    "Add photos": "写真を追加",
    "Remove": "削除",
    "or drop image files here": "または画像ファイルをここにドロップ",
    "Images": "画像",
    # measures
    "Mark started": "着手にする",
    "Mark completed": "完了にする",
    "e.g. 令和8年度, R8, 2026": "例: 令和8年度、R8、2026",
    "e.g. R6.6.15, 2024-06-15": "例: R6.6.15、2024-06-15",
    "yen, e.g. 4,500,000 or 4,500千円": "円 (例: 4,500,000 または 4,500千円)",
    "Triggered by": "契機の点検",
    "Estimated cost": "概算費用",
    "Actual cost": "実績費用",
    "— none —": "— なし —",
    "A started measure needs its start date.": "着手した措置には着手日が必要です",
    "Asset": "施設",
    "Only measures not yet completed": "未完了の措置のみ",
    "New measure for this asset": "この施設に新しい措置を登録",
    "Save measure": "措置を保存",
    "Choose a flagged asset to plan its measure, or a measure to advance it.":
        "措置が未着手の施設を選ぶと措置を計画でき、措置を選ぶと進捗を更新できます。",
    "Ⅲ/Ⅳ assets without a started measure: %1 (★ emergency route)":
        "措置が未着手のⅢ・Ⅳ判定の施設: %1 件 (★ 緊急輸送道路)",
    "Measures: %1": "措置の一覧: %1 件",
    "Saved.": "保存しました。",
}

for _extra in sorted(HERE.glob("ja_*.json")):
    JA.update(json.loads(_extra.read_text(encoding="utf-8")))

_PLACEHOLDER = re.compile(r"%(?:\d|n)")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def fill(ts_path: Path) -> list[str]:
    """Write JA into the .ts file; return the problems found."""
    tree = ET.parse(ts_path)
    problems = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        japanese = JA.get(source)
        if japanese is None:
            problems.append(f"no Japanese for {source!r}")
            continue
        if _placeholders(source) != _placeholders(japanese):
            problems.append(f"placeholders differ: {source!r} -> {japanese!r}")
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            # Japanese has one plural form.
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            ET.SubElement(translation, "numerusform").text = japanese
        else:
            translation.text = japanese
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return problems


def main(argv: list[str]) -> int:
    check = "--check" in argv
    target = TS if not check else HERE / ".gunmane_ja.check.ts"
    if check and TS.exists():
        target.write_bytes(TS.read_bytes())
    sources = sorted(str(p) for p in (ROOT / "gunmane_desktop" / "ui").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(target),
                    "-target-language", "ja_JP", "-no-obsolete", "-locations", "none",
                    "-silent"], check=True)
    problems = fill(target)
    for problem in problems:
        print(problem, file=sys.stderr)
    if check:
        stale = not TS.exists() or target.read_bytes() != TS.read_bytes()
        target.unlink()
        if stale and not problems:
            print("gunmane_ja.ts/.qm are out of date with the code: run "
                  "resources/translations/update_ja.py and commit both", file=sys.stderr)
        return 1 if problems or stale else 0
    if problems:
        return 1
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm",
                    str(HERE / "gunmane_ja.qm")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
