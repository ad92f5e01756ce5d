"""PDF helpers for the report tests: text per page, fonts, page sizes."""

import datetime as dt
import io

from pypdf import PdfReader

TODAY = dt.date(2026, 11, 24)
A4 = (595.2756, 841.8898)


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_lines(reader: PdfReader) -> list[list[str]]:
    """Extracted text per page as stripped non-empty lines."""
    return [[ln.strip() for ln in (p.extract_text() or "").splitlines() if ln.strip()]
            for p in reader.pages]


def has_sequence(lines: list[str], seq: list[str]) -> bool:
    """Whether ``seq`` occurs as consecutive lines (table cells come out one per line)."""
    n = len(seq)
    return any(lines[i:i + n] == seq for i in range(len(lines) - n + 1))


def flat_text(reader: PdfReader) -> str:
    """All text with line breaks removed (paragraphs wrap anywhere in Japanese)."""
    return "".join((p.extract_text() or "").replace("\n", "") for p in reader.pages)


def fonts_of(reader: PdfReader) -> dict[str, object]:
    """Every font used by any page or form XObject, by BaseFont."""
    found = {}

    def walk(resources):
        if not resources:
            return
        resources = resources.get_object()
        for f in resources.get("/Font", {}).values():
            f = f.get_object()
            found[str(f["/BaseFont"])] = f
        for xo in resources.get("/XObject", {}).values():
            xo = xo.get_object()
            walk(xo.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def assert_a4(reader: PdfReader) -> None:
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert sorted((round(w, 1), round(h, 1))) == [round(A4[0], 1), round(A4[1], 1)]


def assert_fonts_embedded_subsets(reader: PdfReader) -> None:
    fonts = fonts_of(reader)
    assert fonts, "no fonts found"
    for name, f in fonts.items():
        assert f["/Subtype"] == "/TrueType", name
        prefix, _, family = name.lstrip("/").partition("+")
        assert len(prefix) == 6 and prefix.isupper(), f"{name} is not a subset"
        assert family.startswith("BIZUDGothic"), name
        assert "/FontFile2" in f["/FontDescriptor"].get_object(), f"{name} is not embedded"
        assert "/ToUnicode" in f, f"{name} has no ToUnicode map (text not extractable)"
