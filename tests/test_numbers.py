import pytest

from site_builder import numbers


@pytest.mark.parametrize("raw, kind, year, symbol", [
    ("67/2006/QH11", "normative", 2006, "QH11"),
    ("64/2007/NĐ-CP", "normative", 2007, "NĐ-CP"),
    ("48/2009/QĐ-TTg", "normative", 2009, "QĐ-TTg"),
    ("47/2009/TTLT-BTC-BLĐTBXH", "normative", 2009, "TTLT-BTC-BLĐTBXH"),
    ("3218/QĐ-UBND", "administrative", None, "QĐ-UBND"),
    ("2125/BTTTT-ƯDCNTT", "administrative", None, "BTTTT-ƯDCNTT"),
    ("15/CT-TTg", "administrative", None, "CT-TTg"),
    ("26/VBHN-VPQH", "consolidated", None, "VBHN-VPQH"),
])
def test_formats_md_examples(raw, kind, year, symbol):
    parsed = numbers.parse(raw)
    assert parsed is not None
    assert (parsed.kind, parsed.year, parsed.symbol) == (kind, year, symbol)


@pytest.mark.parametrize(
    "typed", ["64/2007/ND-CP", " 64 / 2007 / NĐ – CP ", "Số: 64/2007/NĐ-CP", "64/2007/ÐÐ-CP".replace("ÐÐ", "NÐ")]
)
def test_typed_variants_find_the_same_document(typed):
    assert numbers.key(typed) == "64/2007/NĐ-CP"


@pytest.mark.parametrize("bad", ["", "Nghị định 64", "64-2007-NĐ-CP", "abc/2007/NĐ-CP", "64/2007/"])
def test_garbage_is_not_a_number(bad):
    assert numbers.parse(bad) is None


def test_ambiguous_hd_is_not_rewritten():
    # HD is hướng dẫn; HĐ is hợp đồng: never guess.
    assert numbers.key("12/HD-UBND") == "12/HD-UBND"
