from hypothesis import given
from hypothesis import strategies as st

from hoaban.commerce.codes import ALPHABET, order_code_clean, order_code_new


def test_alphabet_has_no_lookalikes():
    assert not set("01OI") & set(ALPHABET)
    assert len(ALPHABET) == len(set(ALPHABET)) == 32


def test_new_codes_have_the_public_shape():
    code = order_code_new()
    assert code.startswith("HB-")
    assert len(code) == 8
    assert set(code[3:]) <= set(ALPHABET)


def test_codes_are_random():
    assert len({order_code_new() for _ in range(1000)}) > 990


def test_clean_reads_what_people_type():
    assert order_code_clean("hb-7k3q2") == "HB-7K3Q2"
    assert order_code_clean(" HB 7K3Q2 ") == "HB-7K3Q2"
    assert order_code_clean("7K3Q2") == "HB-7K3Q2"


def test_clean_refuses_codes_that_cannot_be_ours():
    assert order_code_clean("HB-7K3Q") is None
    assert order_code_clean("HB-7K3Q22") is None
    assert order_code_clean("HB-10OI2") is None
    assert order_code_clean("'; DROP TABLE") is None
    assert order_code_clean("") is None


@given(st.text(max_size=20))
def test_clean_never_fails_and_returns_a_valid_code_or_none(text):
    code = order_code_clean(text)
    assert code is None or (code.startswith("HB-") and set(code[3:]) <= set(ALPHABET))
