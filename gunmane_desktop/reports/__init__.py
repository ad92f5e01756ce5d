"""PDF reports: builders turn the database into content objects, one renderer draws them.

Builders (``council``, ``ledger_listing``, ``inspection_sheets``, ``region_comparison``)
read through ``storage`` and return a ``content.Report``; ``render.render_pdf`` turns any
report into an A4 PDF with the bundled BIZ UD Gothic embedded as a subset. No Qt here.
"""

from .content import Report
from .render import ReportCancelled, render_pdf

__all__ = ["Report", "ReportCancelled", "render_pdf"]
