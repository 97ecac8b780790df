"""Fictional but realistic Vietnamese names, by ethnic group (GSO codes), for the demo data.

Pure Python (no Django): `person_name(rng, group, gender)` picks a family name, a middle name
and a given name in the way each people writes them — `Hoàng Thị Mai` (Tày), `Giàng Thị Mỷ`
(Mông), `H'Hen Niê` (Ê-đê), `Thị Blang` (Mnông), `Ka Huế` (Mạ).
"""

import random

TAY, NUNG, MONG, DAO, THAI, MUONG, KINH = "02", "07", "08", "09", "03", "06", "01"
EDE, MNONG, MA, BANA, XODANG, COTU = "12", "20", "28", "13", "14", "26"

WOMEN_GIVEN = [
    "Mai", "Hoa", "Lan", "Huệ", "Thu", "Nhung", "Xuân", "Hằng", "Dung", "Liên", "Phượng",
    "Thảo", "Hiền", "Hạnh", "Nga", "Yến", "Ngọc", "Duyên", "Quyên", "Tuyết", "Vân", "Thơm",
    "Chung", "Hương", "Loan", "Nhàn", "Sen", "Thuý", "Lụa", "Mến",
]  # fmt: skip
MEN_GIVEN = ["Văn Hùng", "Văn Thắng", "Văn Tú", "Văn Sơn", "Văn Bình", "Văn Long", "Đức Minh"]

# family names, women's given names (with their own middle names where the people use them)
FAMILY = {
    TAY: ["Hoàng", "Nông", "Lương", "Triệu", "Hà", "Ma", "Lục", "Bế", "Đàm", "Hứa", "Lộc"],
    NUNG: ["Nông", "Hoàng", "Lăng", "Vi", "Lương", "Triệu", "Chu", "Lý", "Mông"],
    DAO: ["Triệu", "Bàn", "Đặng", "Lý", "Phùng", "Chảo", "Tẩn"],
    MONG: ["Giàng", "Vàng", "Sùng", "Lý", "Thào", "Hờ", "Lầu", "Mùa", "Vừ"],
    THAI: ["Lò", "Lường", "Quàng", "Cầm", "Tòng", "Vì", "Điêu"],
    MUONG: ["Bùi", "Đinh", "Quách", "Hà", "Xa"],
    KINH: ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đỗ", "Ngô", "Đặng"],
    COTU: ["Alăng", "Bhờ Riu", "Zơrâm", "Pơloong", "Briu", "Clâu"],
}
DAO_GIVEN = ["Nhất", "Mai", "Phượng", "Hoa", "Liên", "Xuân", "Sinh", "Chiêm", "Phấy", "Kiều"]
MONG_GIVEN = ["Mỷ", "Dợ", "Sua", "Pà", "Chớ", "Sinh", "Mai", "Dung", "Pằng", "Dế", "Súa", "Chá"]
EDE_CLANS = ["Niê", "Êban", "Mlô", "Byă", "Ayŭn", "Adrơng", "Kbuôr", "Hđơk", "Ktla", "Buôn Yă"]
EDE_GIVEN = [
    "Hen",
    "Zin",
    "Luy",
    "Lia",
    "Năm",
    "Nga",
    "Bia",
    "Ngơn",
    "Duyên",
    "Yam",
    "Blin",
    "Ruốt",
]
MNONG_GIVEN = ["Blang", "Srây", "Rươi", "Glang", "Hoa", "Hương", "Bích", "Đinh", "Nhung", "Huyền"]
MA_GIVEN = ["Huế", "Điệp", "Thu", "Sương", "Mai", "Dung", "Nhi", "Ngọc", "Tuyết", "Brơi", "Pam"]
TAY_NGUYEN_MEN = ["Y Bhin", "Y Khuê", "Điểu Lâm", "K'Brơi", "A Thút", "Y Thông"]
KONTUM_GIVEN = ["Y Hiên", "Y Blao", "Y Ngọc", "Y Nhàn", "Y Thoa", "Y Liên", "Y Sương", "Y Phiên"]


def person_name(rng: random.Random, group: str, gender: str = "female") -> str:
    """A full name written the way the group writes it (family name first, given name last)."""
    if gender == "male":
        if group in (EDE, MNONG, MA, BANA, XODANG):
            return rng.choice(TAY_NGUYEN_MEN)
        family = FAMILY.get(group, FAMILY[KINH])
        return f"{rng.choice(family)} {rng.choice(MEN_GIVEN)}"
    if group == EDE:
        return f"H'{rng.choice(EDE_GIVEN)} {rng.choice(EDE_CLANS)}"
    if group == MNONG:
        prefix = rng.choice(["Thị", "Thị", "Điểu Thị"])
        return f"{prefix} {rng.choice(MNONG_GIVEN)}"
    if group == MA:
        return f"Ka {rng.choice(MA_GIVEN)}"
    if group in (BANA, XODANG):
        return rng.choice(KONTUM_GIVEN)
    family = rng.choice(FAMILY.get(group, FAMILY[KINH]))
    if group == DAO:
        middle = rng.choice(["Thị", "Thị", "Mùi"])
        return f"{family} {middle} {rng.choice(DAO_GIVEN)}"
    if group == MONG:
        return f"{family} Thị {rng.choice(MONG_GIVEN)}"
    return f"{family} Thị {rng.choice(WOMEN_GIVEN)}"


def weighted_choice(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]
