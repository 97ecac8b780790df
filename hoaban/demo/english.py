"""English versions of the demo's best-known products and of the manager login's cooperative.

Keyed by theme (description and stories, in the same order as the Vietnamese ones) and by
the Vietnamese item name. “Miến dong” is arrowroot (canna) glass noodles: dong riềng is Canna
edulis, whose starch makes the noodles — never rice noodles.
"""

THEMES = {
    "mien_dong": (
        "Glass noodles made from the starch of arrowroot (canna) grown on the hills of {place}, "
        "dried in the sun, with no bleach. Chewy strands that never turn mushy, naturally "
        "golden brown.",
        (
            "Families in {place} plant arrowroot (canna) on the hills in March, dig the roots in "
            "winter, wash out the starch, steam it into sheets and dry the noodles on bamboo "
            "racks in front of their houses.",
            "Noodle season is the happiest time of the village: the whole family washes the "
            "starch and steams the sheets, and shares the first bundles. The recipe is handed "
            "down by grandmothers and mothers.",
        ),
    ),
    "che": (
        "Shan tuyết tea from ancient tea trees on the high mountains of {place}; the buds wear "
        "a white down like snow. A bright golden cup, gently astringent, with a sweet finish.",
        (
            "Some Shan tuyết trees here are more than a hundred years old. The women climb them "
            "to pick the buds and roast the tea in cast-iron pans over a wood fire, as their "
            "grandparents did.",
            "Early in the morning, with dew still on the leaves, the women climb the mountain to "
            "pick tea. It is roasted the same day to keep the scent of the forest.",
        ),
    ),
    "ca_phe": (
        "Robusta coffee grown in {place}, picked ripe and red, dried on racks and roasted plain, "
        "with nothing added. Strong, gently bitter, with a scent of chocolate.",
        (
            "Families grow coffee among fruit trees on the red basalt soil. The women of the "
            "cooperative pick only ripe cherries to keep the natural sweetness.",
            "Coffee is what brings a living to the red-soil country. Women in {place} learnt "
            "wet processing and plain roasting to sell at a better price.",
        ),
    ),
}

ITEMS = {
    "Miến dong {place} gói 500 g": "Arrowroot glass noodles from {place}, 500 g pack",
    "Miến dong {place} túi 1 kg": "Arrowroot glass noodles from {place}, 1 kg bag",
    "Miến dong sợi nhỏ hộp quà": "Fine arrowroot glass noodles, gift box",
    "Bột dong riềng {place}": "Arrowroot (canna) starch from {place}",
    "Chè Shan tuyết {place} hộp 200 g": "Shan tuyết tea from {place}, 200 g box",
    "Chè búp Shan tuyết túi 500 g": "Shan tuyết bud tea, 500 g bag",
    "Hồng trà Shan tuyết {place}": "Shan tuyết black tea from {place}",
    "Bạch trà Shan tuyết": "Shan tuyết white tea",
    "Cà phê Robusta rang xay {place}": "Ground roasted Robusta coffee from {place}",
    "Cà phê hạt rang mộc": "Plain-roasted coffee beans",
    "Cà phê phin giấy hộp 10 gói": "Paper-filter coffee, box of 10",
    "Cà phê nhân xanh Robusta": "Green Robusta coffee beans",
}

# The manager login's cooperative (plan.MANAGED_BY_LOGIN), in English.
ORGANISATIONS = {
    "htx-mien-dong-hoa-ban-na-ri": (
        "Hoa Ban Arrowroot Noodle Cooperative, Na Rì",
        "The cooperative gathers {count} women of Nà Mây village, Na Rì, who make arrowroot "
        "(canna) glass noodles the traditional way, from roots grown on their own hills. "
        "Since joining the 4M programme they sell by phone, Zalo and Facebook, and here. "
        "The names and the story are illustrative.",
    ),
}


def product_english(theme: str, item_name: str, story_index: int, place: str):
    """(name, description, story) in English, or empty strings when there is none."""
    name = ITEMS.get(item_name, "")
    if theme not in THEMES or not name:
        return "", "", ""
    description, stories = THEMES[theme]
    return (
        name.format(place=place),
        description.format(place=place),
        stories[story_index].format(place=place),
    )
