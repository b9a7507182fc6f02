import unicodedata

import pytest

from site_builder.text import fold, format_vnd, nfc, slugify, slugify_heading


@pytest.mark.parametrize("text, expected", [
    ("Thẩm định", "tham-dinh"),
    ("Đăng ký khai sinh", "dang-ky-khai-sinh"),
    ("ĐƯỜNG THỦY nội địa", "duong-thuy-noi-dia"),
    ("Điều 28. Cung cấp, trao đổi thông tin", "dieu-28-cung-cap-trao-doi-thong-tin"),
    ("  --Hộ tịch--  ", "ho-tich"),
])
def test_slugify_keeps_d(text, expected):
    assert slugify(text) == expected


def test_heading_slug_is_not_the_markdown_default():
    # Python-Markdown's default drops đ: "Thẩm định" → "tham-inh".
    assert slugify_heading("Thẩm định", "-") == "tham-dinh"


def test_fold_handles_every_vietnamese_vowel_and_d():
    assert fold("ăâêôơư ĂÂÊÔƠƯ đĐ ấầẩẫậ ỳýỷỹỵ") == "aaeoou AAEOOU dD aaaaa yyyyy"


def test_decomposed_input_is_composed():
    decomposed = unicodedata.normalize("NFD", "Đăng ký")
    assert decomposed != "Đăng ký"
    assert nfc(decomposed) == "Đăng ký"
    assert slugify(decomposed) == "dang-ky"


def test_money_uses_vietnamese_grouping():
    assert format_vnd(200000) == "200.000 đồng"
