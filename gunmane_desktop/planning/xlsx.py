"""Writing the plan to .xlsx: the published table and a summary sheet (no macros).

Money is written in 千円 as plans print it; fiscal years as 和暦 headers. The file holds
plain values only so it survives sanitisation (無害化) on LGWAN.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..core.wareki import format_fiscal_year
from .plan_table import CLEARED_CELL, OVERRIDDEN_CELL, OVERRIDE_MARK, PlanTable
from .run import PlanResult

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)
#: Cells the user set by hand, so they stand out in print as well as on screen.
_OVERRIDE_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_plan_xlsx(path: Path | str, table: PlanTable, result: PlanResult) -> Path:
    """Write the plan table (sheet 計画表) and the scenario summary (sheet 概要) to ``path``."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "計画表"
    ws.append([table.title])
    ws["A1"].font = Font(bold=True, size=14)
    note = "単価は既定値 (判断による概算)" if result.unit_costs.is_default else "単価は団体の単価表"
    ws.append([f"対象施設 {len(table.rows):,} / 概算事業費 合計 {table.total_thousand_yen:,} 千円 / {note}"
               f" / ● 計画、{OVERRIDDEN_CELL} 利用者が変更、{CLEARED_CELL} 利用者が措置なしに変更"
               f" ({OVERRIDE_MARK} の行)"])
    ws.append(list(table.headers))
    for cell in ws[3]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in table.rows:
        ws.append(list(row))
        if any(v in (OVERRIDDEN_CELL, CLEARED_CELL) or (isinstance(v, str) and v.startswith(OVERRIDE_MARK))
               for v in row):
            for cell in ws[ws.max_row]:
                if cell.value in (OVERRIDDEN_CELL, CLEARED_CELL) or (
                        isinstance(cell.value, str) and cell.value.startswith(OVERRIDE_MARK)):
                    cell.fill = _OVERRIDE_FILL
    ws.freeze_panes = "E4"
    widths = {"名称": 22, "路線名": 18, "所在地": 24, "橋種/形式": 20, "対策内容": 28,
              "集約・撤去検討結果": 36,
              "施設ID": 20}
    for i, h in enumerate(table.headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(h, 10 if "年度" in h else 9)
    ws.auto_filter.ref = f"A3:{get_column_letter(len(table.headers))}{3 + len(table.rows)}"

    summary = wb.create_sheet("概要")
    o = result.options
    last = format_fiscal_year(o.start_fy + o.years - 1)
    summary.append(["計画期間", f"{format_fiscal_year(o.start_fy)}〜{last}"
                    f" ({o.years}年)"])
    summary.append(["対象施設数", len(result.inputs.stock)])
    summary.append(["単価", note])
    summary.append([])
    summary.append(["シナリオ", "期間計 (千円)", "LCC (千円)", "期末の残存対策費 (千円)",
                    "耐用年数の消費 (千円)"])
    for s in result.scenarios:
        summary.append([s.spec.label_ja, round(s.total_cost / 1000), round(s.life_cycle_cost / 1000),
                        round(float(s.backlog.mean()) / 1000), round(s.service_life_used / 1000)])
    c = result.comparison()
    summary.append([])
    summary.append(["予防保全による縮減額 (LCC, 千円)", round(c["preventive_saving_yen"] / 1000),
                    "縮減率", c["preventive_saving_share"]])
    summary.append([])
    summary.append(["年度", *(f"{s.spec.label_ja} (千円)" for s in result.scenarios),
                    *(f"{s.spec.name} 健全度 {k + 1} 割合" for s in result.scenarios for k in range(4))])
    years = result.scenarios[0].annual_cost.shape[1]
    for t in range(years):
        summary.append([format_fiscal_year(o.start_fy + t),
                        *(round(float(s.annual_cost[:, t].mean()) / 1000) for s in result.scenarios),
                        *(round(float(s.shares[:, t, k].mean()), 4)
                          for s in result.scenarios for k in range(4))])
    for cell in summary[5]:
        cell.font = _BOLD
    summary.column_dimensions["A"].width = 34
    wb.save(path)
    return path
