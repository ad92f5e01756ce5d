"""点検調書 (inspection record sheets) per asset, in the spirit of 様式1 and 様式2.

様式1: facility data, the inspection (date, method, who), the overall judgement with its
official definition, member-level diagnosis (member, damage type, degree a-e, member grade,
対策区分), findings, the inspection history and measures. 様式2: photos with captions
(member, damage, grade). Bulk printing takes a selection (filter or asset ids); each
asset starts on a new page.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from ..core.wareki import format_date
from ..storage.analytics import Scope
from ..storage.asset_record import asset_detail, history, measures
from . import content as c
from . import queries
from .council import scope_label
from .formats import fy_label, length, short_date, short_fy, year_label

Progress = Callable[[int, int], None]


def _flags(d: dict) -> str:
    flags = [name for key, name in (("emergency_route", "緊急輸送道路"), ("over_railway", "跨線橋"),
                                    ("over_road", "跨道橋")) if d.get(key)]
    return "・".join(flags) or "なし"


def sheet_sections(conn: sqlite3.Connection, asset_id: str, inspection_id: str | None,
                   grades: dict[str, list[queries.GradeInfo]],
                   scales: dict[str, tuple[str, str]]) -> list[c.Section]:
    """The 様式1 and 様式2 sections of one asset."""
    d = asset_detail(conn, asset_id)
    if d is None:
        return []
    title = f"点検調書 {d['name']} ({d['type_name']})"
    # The whole 様式1 is one Form: drawn straight onto the page, not as reportlab Tables.
    form = c.Form()
    s1 = c.Section(title, [form], new_page=True, in_toc=False)
    form.add(c.Paragraph("様式1 施設の諸元と総括", "heading"),
           c.FieldGrid([
               ("名称", f"{d['name']} ({d['name_kana']})" if d["name_kana"] else d["name"]),
               ("施設ID", d["external_id"] or d["id"]),
               ("管理者", d["owner_name"]), ("施設種別", d["type_name"]),
               ("路線名", d["route"]), ("所在地", d["address"]),
               ("形式・構造", d["structure"]),
               ("架設年", year_label(d["built_year"]) if d["built_year"] else
                (d["built_year_text"] or "不明")),
               ("延長・橋長 (m)", length(d["length_m"])), ("幅員 (m)", length(d["width_m"])),
               ("面積 (m²)", length(d["area_m2"])), ("区分", _flags(d)),
               ("緯度・経度", f"{d['lat']:.6f}, {d['lon']:.6f}" if d["lat"] is not None else "―"),
               ("次回点検", short_fy(d["next_due_fy"]) if d["next_due_fy"] else "―"),
           ]))
    insp = queries.inspection(conn, inspection_id) if inspection_id else None
    if insp is None:
        form.add(c.Paragraph("点検記録はまだありません。", "body"))
        return [s1]
    gmap = {g.code: g for g in grades.get(insp["scale_id"], [])}
    g = gmap.get(insp["grade"])
    inspected = dt.date.fromisoformat(insp["inspected_on"])
    form.add(c.FieldGrid([
        ("点検日", f"{format_date(inspected, with_western=True)}  {fy_label(insp['fiscal_year'])}"),
        ("点検方法", insp["method"]),
        ("点検者", f"{insp['inspector_name']} ({insp['inspector_org_name']})"),
        ("判定の尺度", scales.get(insp["scale_id"], (insp["scale_id"], ""))[0]),
    ]))
    form.add(c.GradeBox(scales.get(insp["scale_id"], (insp["scale_id"], ""))[0],
                      g.symbol if g else insp["grade"], g.label if g else "",
                      g.definition if g else "", g.level if g else None,
                      scales.get(insp["scale_id"], ("", ""))[1]))
    mrows = queries.members(conn, insp["id"])
    if mrows:
        levels = {}
        for i, m in enumerate(mrows):
            mg = gmap.get(m["member_grade"])
            if mg:
                levels[(i, 4)] = mg.level
        form.add(c.Table([c.Column("No.", 0.7, "right"), c.Column("部材", 2.2),
                        c.Column("損傷の種類", 2.6), c.Column("損傷程度", 1.2, "center"),
                        c.Column("部材の判定", 1.3, "center"), c.Column("対策区分", 1.2, "center"),
                        c.Column("備考", 3.0)],
                       [[str(i + 1), m["member"], m["damage_type"], m["degree"] or "―",
                         gmap[m["member_grade"]].symbol if m["member_grade"] in gmap else
                         (m["member_grade"] or "―"), m["countermeasure"] or "―", m["note"]]
                        for i, m in enumerate(mrows)],
                       caption="部材ごとの診断", levels=levels, max_lines=3))
    else:
        form.add(c.Paragraph("部材ごとの診断: 変状の記録はありません。", "note"))
    form.add(c.Paragraph("所見", "heading"), c.Paragraph(insp["findings"] or "―"))
    hist = history(conn, asset_id)
    if hist:
        form.add(c.Table([c.Column("点検日", 2.4), c.Column("年度", 1.4), c.Column("判定", 1, "center"),
                        c.Column("点検方法", 2.2), c.Column("点検者", 2.2), c.Column("所見", 4.2)],
                       [[short_date(h.inspected_on), short_fy(h.fiscal_year), h.grade_symbol,
                         h.method, h.inspector_name, h.findings] for h in hist],
                       caption="点検の履歴 (新しい順)",
                       levels={(i, 2): h.grade_level for i, h in enumerate(hist)
                               if h.grade_level is not None}, font_size=7.5))
    ms = measures(conn, asset_id)
    if ms:
        form.add(c.Table([c.Column("措置", 1.6), c.Column("状況", 1.0, "center"),
                        c.Column("内容", 3.4), c.Column("予定年度", 1.6),
                        c.Column("着手", 2.2), c.Column("完了", 2.2)],
                       [[m.kind_name, m.status_name, m.description,
                         short_fy(m.planned_fy) if m.planned_fy else "―",
                         short_date(m.started_on), short_date(m.completed_on)] for m in ms],
                       caption="措置", font_size=7.5))
    photos = []
    for data, caption, member in queries.photos(conn, asset_id, insp["id"]):
        if member is not None:
            mg = gmap.get(member["member_grade"])
            text = (f"{member['member']} / {member['damage_type']} (程度 {member['degree'] or '―'}) / "
                    f"判定 {mg.symbol if mg else member['member_grade'] or '―'}")
            caption = f"{text}\n{caption}" if caption else text
        photos.append(c.Photo(data, caption or "施設の写真"))
    sections = [s1]
    if photos:
        sections.append(c.Section(f"様式2 損傷写真 {d['name']}", [c.PhotoGrid(photos)],
                                  level=2, new_page=True, in_toc=False))
    else:
        form.add(c.Paragraph("様式2 (損傷写真): 写真の登録はありません。", "note"))
    return sections


def build_inspection_sheets(conn: sqlite3.Connection, *, org: str | None = None,
                            sector: str | None = None, fiscal_year: int | None = None,
                            asset_ids: list[str] | None = None, today: dt.date | None = None,
                            progress: Progress | None = None) -> c.Report:
    """Sheets for the selection: assets of ``org``/``sector`` (or the given ids); with a
    fiscal year, the assets inspected that year and that inspection."""
    scope = Scope(org=org, sector=sector)
    selection = queries.sheet_assets(conn, scope, fiscal_year, asset_ids)
    grades = queries.grade_table(conn)
    scales = queries.scale_names(conn)
    label = scope_label(conn, scope)
    subtitle = ((f"{fy_label(fiscal_year)}実施分" if fiscal_year else "最新の点検")
                + f"  {len(selection):,} 施設")
    report = c.Report(title="点検調書", organisation=label, subtitle=subtitle,
                      printed_on=today or dt.date.today())
    for k, (asset_id, inspection_id) in enumerate(selection):
        report.add(*sheet_sections(conn, asset_id, inspection_id, grades, scales))
        if progress is not None:
            progress(k + 1, len(selection))
    return report
