"""Illustrative product pictures and logos drawn with Pillow (no downloads, no photos).

A soft background per category, a simple shape (bowl, fruit, leaves, jar, beans, woven
stripes), the product name in large type and a small "Ảnh minh họa" (illustration) label.
"""

import random
import re
import textwrap
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 800  # drawing coordinates
OUTPUT_SIZE = 640  # saved size: big enough for the product page, cheaper to encode as WebP
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)

# category slug → (background, main colour, accent)
PALETTE = {
    "gao-mien": ("#f6ecd9", "#b8864b", "#7a5230"),
    "thuc-pham": ("#f3efe0", "#8a9a3b", "#5b6b1f"),
    "trai-cay": ("#fdeede", "#f08a24", "#3f7d32"),
    "mat-ong": ("#fff4d6", "#e0a526", "#8a5a12"),
    "gia-vi": ("#f7eadf", "#c8641e", "#6b3b17"),
    "hat": ("#f4ebe1", "#a8774c", "#5c3b22"),
    "che": ("#e6f2e2", "#4f8a3c", "#2d5a22"),
    "do-uong": ("#ecf3e4", "#6b8e23", "#3b5213"),
    "ca-phe": ("#efe5dc", "#6f4428", "#3b2314"),
    "thao-duoc": ("#e8f1e6", "#5f8f4e", "#c9a227"),
    "tho-cam": ("#f8e6e6", "#b3202e", "#1f2a44"),
}
DEFAULT_PALETTE = ("#eeeeee", "#777777", "#333333")
# A word in the product name → its own main colour (purple plums, green avocados …).
NAME_COLOURS = (
    ("Bơ", "#6a8f2a"),
    ("Sầu riêng", "#c9b038"),
    ("Mận", "#7b2e5a"),
    ("Hồng", "#e8662a"),
    ("Cam", "#f39c12"),
    ("Khoai", "#8e6c8a"),
    ("Bí", "#7fa34a"),
    ("nếp cẩm", "#4b2a4a"),
    ("Gừng", "#d9b56b"),
    ("Nghệ", "#e5a50a"),
    ("Hồng trà", "#9b3d23"),
    ("Bạch trà", "#b9c9a3"),
    ("Mắc ca", "#b78b5a"),
    ("điều", "#d8b27a"),
    ("Tiêu", "#3b3b3b"),
    ("Thảo quả", "#8b2f2f"),
    ("Quế", "#8a4b2a"),
    ("Mông", "#23395d"),
    ("Cơ Tu", "#1b1b1b"),
    ("Tày", "#1f3f6e"),
)
UNIT = re.compile(r"(\d+) (g|kg|ml|lít|gói)\b")
TEXT_COLOUR = "#1d1d1b"


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _bowl(draw: ImageDraw.ImageDraw, main: str, accent: str, rng: random.Random) -> None:
    for _ in range(14):  # noodles / grains heaped in the bowl
        x = rng.randint(250, 510)
        draw.arc((x, 230, x + 60, 330), 180, 360, fill=main, width=6)
    draw.chord((190, 200, 610, 560), 0, 180, fill=accent)
    draw.rectangle((330, 545, 470, 575), fill=accent)


def _fruit(draw: ImageDraw.ImageDraw, main: str, accent: str, rng: random.Random) -> None:
    for cx, cy, r in ((320, 330, 120), (480, 360, 110), (400, 230, 95)):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=main, outline=accent, width=4)
        draw.ellipse((cx - r // 3, cy - r // 2, cx, cy - r // 4), fill="#ffffff80")
    draw.polygon([(400, 140), (460, 95), (430, 160)], fill=accent)


def _leaves(draw: ImageDraw.ImageDraw, main: str, accent: str, rng: random.Random) -> None:
    for i in range(5):
        x = 220 + i * 75
        y = 200 + rng.randint(-30, 40)
        draw.ellipse((x, y, x + 110, y + 240), fill=main, outline=accent, width=4)
        draw.line((x + 55, y + 10, x + 55, y + 230), fill=accent, width=4)


def _jar(draw: ImageDraw.ImageDraw, main: str, accent: str, rng: random.Random) -> None:
    draw.rounded_rectangle((270, 190, 530, 540), radius=60, fill=main, outline=accent, width=6)
    draw.rectangle((300, 150, 500, 200), fill=accent)
    draw.rounded_rectangle((320, 300, 480, 420), radius=12, fill="#fffaf0")


def _beans(draw: ImageDraw.ImageDraw, main: str, accent: str, rng: random.Random) -> None:
    for _ in range(24):
        x, y = rng.randint(190, 560), rng.randint(160, 480)
        draw.ellipse((x, y, x + 70, y + 50), fill=main, outline=accent, width=3)
        draw.arc((x + 10, y + 5, x + 60, y + 45), 200, 340, fill=accent, width=3)


def _weave(draw: ImageDraw.ImageDraw, main: str, accent: str, rng: random.Random) -> None:
    colours = [main, accent, "#f2c14e", "#ffffff", main]
    for row, y in enumerate(range(140, 560, 42)):
        colour = colours[row % len(colours)]
        draw.rectangle((120, y, 680, y + 30), fill=colour)
        for x in range(140 + (row % 2) * 28, 660, 56):  # small diamonds: woven motifs
            draw.polygon([(x, y + 15), (x + 14, y + 2), (x + 28, y + 15), (x + 14, y + 28)],
                         fill=colours[(row + 2) % len(colours)])  # fmt: skip


SHAPES = {
    "gao-mien": _bowl,
    "thuc-pham": _bowl,
    "trai-cay": _fruit,
    "mat-ong": _jar,
    "thao-duoc": _leaves,
    "che": _leaves,
    "do-uong": _jar,
    "gia-vi": _beans,
    "hat": _beans,
    "ca-phe": _beans,
    "tho-cam": _weave,
}


def product_picture(name: str, category: str, seed: int) -> bytes:
    """A JPEG (640 × 640) illustrating a product: shape by category, the name in large text."""
    background, main, accent = PALETTE.get(category, DEFAULT_PALETTE)
    for word, colour in NAME_COLOURS:
        if word.lower() in name.lower():
            main = colour
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image, "RGBA")
    SHAPES.get(category, _bowl)(draw, main, accent, random.Random(seed))
    draw.rectangle((0, 600, SIZE, SIZE), fill="#ffffffd0")
    lines = textwrap.wrap(UNIT.sub("\\1\u00a0\\2", name), width=22)[:2]  # keep "1 kg" together
    size = 54 if max(len(line) for line in lines) <= 18 else 46
    for i, line in enumerate(lines):
        draw.text((SIZE // 2, 650 + i * 66), line, font=font(size), fill=TEXT_COLOUR, anchor="mt")
    draw.rounded_rectangle((20, 20, 250, 70), radius=20, fill="#ffffffc0")
    draw.text((135, 45), "Ảnh minh họa", font=font(26), fill=TEXT_COLOUR, anchor="mm")
    image = image.resize((OUTPUT_SIZE, OUTPUT_SIZE), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def logo_picture(name: str, colour: str) -> bytes:
    """A round 256 × 256 PNG logo with the initials of the organisation's distinctive words."""
    skip = {"hợp", "tác", "xã", "tổ", "hộ", "kinh", "doanh", "phụ", "nữ", "công", "ty"}
    words = [w for w in name.replace("(", " ").split() if w.lower() not in skip]
    initials = "".join(w[0] for w in words[:2]).upper() or "HB"
    image = Image.new("RGB", (256, 256), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 248, 248), fill=colour)
    draw.text((128, 128), initials, font=font(96), fill="#ffffff", anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
