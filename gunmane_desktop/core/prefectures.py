"""The 47 prefectures in JIS X 0401 order, with their 全国地方公共団体コード.

A first-run user picks their prefecture from this list; municipalities are not listed (there
are about 1,700 and they merge), so a town types its own 6-digit code, which is validated
by its check digit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .organisations import make_lg_code

_NAMES = (
    ("北海道", "Hokkaido"), ("青森県", "Aomori"), ("岩手県", "Iwate"), ("宮城県", "Miyagi"),
    ("秋田県", "Akita"), ("山形県", "Yamagata"), ("福島県", "Fukushima"), ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"), ("群馬県", "Gunma"), ("埼玉県", "Saitama"), ("千葉県", "Chiba"),
    ("東京都", "Tokyo"), ("神奈川県", "Kanagawa"), ("新潟県", "Niigata"), ("富山県", "Toyama"),
    ("石川県", "Ishikawa"), ("福井県", "Fukui"), ("山梨県", "Yamanashi"), ("長野県", "Nagano"),
    ("岐阜県", "Gifu"), ("静岡県", "Shizuoka"), ("愛知県", "Aichi"), ("三重県", "Mie"),
    ("滋賀県", "Shiga"), ("京都府", "Kyoto"), ("大阪府", "Osaka"), ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"), ("和歌山県", "Wakayama"), ("鳥取県", "Tottori"), ("島根県", "Shimane"),
    ("岡山県", "Okayama"), ("広島県", "Hiroshima"), ("山口県", "Yamaguchi"),
    ("徳島県", "Tokushima"), ("香川県", "Kagawa"), ("愛媛県", "Ehime"), ("高知県", "Kochi"),
    ("福岡県", "Fukuoka"), ("佐賀県", "Saga"), ("長崎県", "Nagasaki"), ("熊本県", "Kumamoto"),
    ("大分県", "Oita"), ("宮崎県", "Miyazaki"), ("鹿児島県", "Kagoshima"), ("沖縄県", "Okinawa"),
)


@dataclass(frozen=True, slots=True)
class Prefecture:
    number: str  # two digits, "01"-"47": the first two digits of every code in it
    name: str
    name_en: str

    @property
    def code(self) -> str:
        """The prefecture's own 団体コード (municipality part 000, with its check digit)."""
        return make_lg_code(f"{self.number}000")


PREFECTURES: tuple[Prefecture, ...] = tuple(
    Prefecture(f"{n:02d}", ja, en) for n, (ja, en) in enumerate(_NAMES, start=1))


def prefecture_of(code: str) -> Prefecture | None:
    """The prefecture a 団体コード belongs to, from its first two digits."""
    if len(code) < 2 or not code[:2].isdigit():
        return None
    n = int(code[:2])
    return PREFECTURES[n - 1] if 1 <= n <= len(PREFECTURES) else None
