"""Draws the program icon (群 on a river-blue tile with a bridge arch) from the bundled font.

    .venv/bin/python resources/icons/make_icon.py

Writes gunmane.png (256 px, the window icon) and gunmane.ico (16-256 px, the Windows
executable and installer). Kept so the icon can be redrawn; the outputs are committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "fonts" / "BIZUDGothic-Bold.ttf"
SIZE = 256


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=44, fill=(22, 96, 136, 255))
    # A bridge: deck and arch across the lower part of the tile.
    d.rectangle((28, 186, SIZE - 28, 198), fill=(255, 255, 255, 255))
    d.arc((52, 198, SIZE - 52, 286), start=180, end=360, fill=(255, 214, 102, 255), width=10)
    font = ImageFont.truetype(str(FONT), 150)
    d.text((SIZE / 2, 100), "群", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return img


if __name__ == "__main__":
    icon = draw()
    icon.save(HERE / "gunmane.png")
    icon.save(HERE / "gunmane.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                           (128, 128), (256, 256)])
    print(f"wrote {HERE / 'gunmane.png'} and {HERE / 'gunmane.ico'}")
