"""Fictional Japanese names for the demo: places, towns, routes, addresses, people.

Names are built from two-part place stems (上 + 沢 -> 上沢), each with its reading, so every
name has a plausible かな and a romanisation for English labels. Nothing here is meant to
match a real municipality; towns of the scale mode are invented the same way.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (kanji, kana, romaji). First parts: directions, plants, qualities.
HEADS: tuple[tuple[str, str, str], ...] = (
    ("上", "かみ", "kami"), ("下", "しも", "shimo"), ("中", "なか", "naka"), ("大", "おお", "o"),
    ("小", "こ", "ko"), ("新", "しん", "shin"), ("宮", "みや", "miya"), ("北", "きた", "kita"),
    ("南", "みなみ", "minami"), ("東", "ひがし", "higashi"), ("西", "にし", "nishi"),
    ("松", "まつ", "matsu"), ("杉", "すぎ", "sugi"), ("竹", "たけ", "take"), ("梅", "うめ", "ume"),
    ("桜", "さくら", "sakura"), ("石", "いし", "ishi"), ("岩", "いわ", "iwa"), ("長", "なが", "naga"),
    ("高", "たか", "taka"), ("平", "ひら", "hira"), ("清", "きよ", "kiyo"), ("赤", "あか", "aka"),
    ("白", "しら", "shira"), ("青", "あお", "ao"), ("黒", "くろ", "kuro"), ("金", "かね", "kane"),
    ("滝", "たき", "taki"), ("鶴", "つる", "tsuru"), ("亀", "かめ", "kame"), ("柳", "やなぎ", "yanagi"),
    ("栗", "くり", "kuri"), ("桑", "くわ", "kuwa"), ("柿", "かき", "kaki"), ("藤", "ふじ", "fuji"),
    ("萩", "はぎ", "hagi"), ("芦", "あし", "ashi"), ("細", "ほそ", "hoso"), ("深", "ふか", "fuka"),
    ("稲", "いな", "ina"),
)
# Second parts: landforms and settlements.
TAILS: tuple[tuple[str, str, str], ...] = (
    ("川", "かわ", "kawa"), ("沢", "さわ", "sawa"), ("田", "た", "ta"), ("野", "の", "no"),
    ("原", "はら", "hara"), ("山", "やま", "yama"), ("谷", "たに", "tani"), ("瀬", "せ", "se"),
    ("崎", "さき", "saki"), ("浦", "うら", "ura"), ("島", "しま", "shima"), ("坂", "さか", "saka"),
    ("森", "もり", "mori"), ("岡", "おか", "oka"), ("尾", "お", "o"), ("淵", "ふち", "fuchi"),
    ("窪", "くぼ", "kubo"), ("塚", "つか", "tsuka"), ("池", "いけ", "ike"), ("堀", "ほり", "hori"),
    ("畑", "はた", "hata"), ("林", "はやし", "hayashi"), ("宿", "じゅく", "juku"), ("屋", "や", "ya"),
    ("門", "かど", "kado"), ("木", "き", "ki"), ("根", "ね", "ne"), ("倉", "くら", "kura"),
    ("袋", "ぶくろ", "bukuro"), ("戸", "と", "to"),
)

SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
            "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "斎藤", "清水", "阿部")
GIVEN_NAMES = ("一郎", "健太", "翔太", "大輔", "直樹", "誠", "浩二", "由美", "恵子", "裕子",
               "美咲", "彩", "拓也", "亮", "修", "聡", "真一", "和也", "剛", "智子")

_SUFFIX_KANA = {"市": ("し", "City"), "町": ("まち", "Town"), "村": ("むら", "Village")}


@dataclass(frozen=True, slots=True)
class Place:
    """A two-part place name with its reading and romanisation."""

    kanji: str
    kana: str
    romaji: str


def place(rng: random.Random) -> Place:
    h = HEADS[int(rng.random() * len(HEADS))]
    t = TAILS[int(rng.random() * len(TAILS))]
    return Place(h[0] + t[0], h[1] + t[1], h[2] + t[2])


def distinct_places(rng: random.Random, n: int, avoid: set[str] | None = None) -> list[Place]:
    """``n`` different place names (fewer only if the stems run out)."""
    seen = set(avoid or ())
    out: list[Place] = []
    for _ in range(n * 20):
        if len(out) == n:
            break
        p = place(rng)
        if p.kanji not in seen:
            seen.add(p.kanji)
            out.append(p)
    return out


def town_name(p: Place, suffix: str) -> tuple[str, str, str]:
    """(name, kana, English) of a fictional municipality: 松沢 + 町 -> 松沢町, まつさわまち."""
    kana, english = _SUFFIX_KANA[suffix]
    return p.kanji + suffix, p.kana + kana, f"{p.romaji.capitalize()} {english} (fictional)"


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"


def routes(rng: random.Random, prefix: str, districts: list[Place], n: int) -> list[str]:
    """Road names as ledgers write them: 町道上沢松原線 or the numbered 町道2-15号線."""
    out = []
    for i in range(n):
        if prefix == "県道" and i % 3 == 0:
            a, b = rng.sample(districts, 2) if len(districts) > 1 else (districts[0], districts[0])
            out.append(f"主要地方道{a.kanji}{b.kanji}線")
        elif rng.random() < 0.6 and len(districts) > 1:
            a, b = rng.sample(districts, 2)
            out.append(f"{prefix}{a.kanji}{b.kanji}線")
        else:
            out.append(f"{prefix}{rng.randint(1, 4)}-{rng.randint(1, 60)}号線")
    return list(dict.fromkeys(out))


def dms(value: float, positive: str, negative: str) -> str:
    """Degrees-minutes-seconds text as old ledgers hold coordinates: 37°26'12.3"N."""
    hemi = positive if value >= 0 else negative
    value = abs(value)
    d = int(value)
    m_float = (value - d) * 60
    m = int(m_float)
    s = (m_float - m) * 60
    return f"{d}°{m:02d}'{s:04.1f}\"{hemi}"
