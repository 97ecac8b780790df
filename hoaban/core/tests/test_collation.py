"""Vietnamese order (core.collation): letters first, then tones, then case."""

from hoaban.core.collation import vietnamese_key, vietnamese_sorted


def test_a_space_sorts_before_a_letter_so_ca_mau_comes_before_cao_bang():
    assert vietnamese_sorted(["Cao Bằng", "Cần Thơ", "Cà Mau"]) == ["Cà Mau", "Cao Bằng", "Cần Thơ"]


def test_d_with_stroke_comes_after_every_d():
    names = ["Đà Nẵng", "Điện Biên", "Dương Minh Châu", "Đắk Lắk", "Đồng Tháp", "Cần Thơ"]
    names.append("Gia Lai")
    assert vietnamese_sorted(names) == [
        "Cần Thơ",
        "Dương Minh Châu",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
        "Đồng Tháp",
        "Gia Lai",
    ]


def test_breve_circumflex_and_horn_make_letters_of_their_own():
    assert vietnamese_sorted(["ân", "an", "ăn", "bê", "ba"]) == ["an", "ăn", "ân", "ba", "bê"]
    assert vietnamese_sorted(["ơ", "ô", "o", "p"]) == ["o", "ô", "ơ", "p"]
    assert vietnamese_sorted(["ư", "v", "u"]) == ["u", "ư", "v"]
    # Lâm Đồng (â) after Lào Cai (a), though "lam" < "lao" without the marks
    assert vietnamese_sorted(["Lâm Đồng", "Lào Cai", "Lạng Sơn", "Lai Châu"]) == [
        "Lai Châu",
        "Lạng Sơn",
        "Lào Cai",
        "Lâm Đồng",
    ]


def test_tones_count_only_between_equal_letters_in_dictionary_order():
    assert vietnamese_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    hanoi_first = ["Hà Nội", "Hà Tĩnh", "Hải Phòng"]
    assert vietnamese_sorted(["Hà Tĩnh", "Hải Phòng", "Hà Nội"]) == hanoi_first
    # a letter difference beats an earlier tone: "mà n" vs "ma o"
    assert vietnamese_key("màn") < vietnamese_key("mao")


def test_precomposed_and_decomposed_text_sort_alike():
    import unicodedata

    word = "Quảng Ngãi"
    assert vietnamese_key(word) == vietnamese_key(unicodedata.normalize("NFD", word))


def test_empty_and_case():
    assert vietnamese_key(None) == vietnamese_key("") == ((), (), ())
    assert vietnamese_sorted(["b", "B", "a"]) == ["a", "b", "B"]
