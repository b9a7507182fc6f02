"""TCVN3 (ABC) and VNI text pasted as Unicode: found by whole words, converted word by word.

The real samples are quoted from archived .gov.vn documents (TrizenX/viparse-corpus, 2002–2009) and
converter test files (GNU libiconv tests/TCVN-snippet); the tables agree with Unikey/VnConv, xvnkb,
libiconv and VBKey (site_builder/content/legacy_encodings.json)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from site_builder.content import legacy

# (encoding, as pasted, what it says)
REAL = [
    ("tcvn3", "Vietnamese (TiÕng ViÖt)\tChµo b¹n", "Vietnamese (Tiếng Việt)\tChào bạn"),
    ("tcvn3", "B¶o Th¾ng", "Bảo Thắng"),
    ("tcvn3", "M\u00adêng Kh\u00ad¬ng", "Mường Khương"),            # TCVN3's ư is U+00AD, a soft hyphen
    ("tcvn3", "§iÒu 1. Ph¹m vi ®iÒu chØnh", "Điều 1. Phạm vi điều chỉnh"),
    ("tcvn3", "2.1- Thñ tôc ®¨ng ký mÉu ho¸ ®¬n tù in.", "2.1- Thủ tục đăng ký mẫu hoá đơn tự in."),
    ("tcvn3", "ñy ban nh©n d©n cÊp tØnh qu¶n lý c¸n bé, c«ng chøc cÊp x· theo c¸c néi dung sau ®©y:",
     "ủy ban nhân dân cấp tỉnh quản lý cán bộ, công chức cấp xã theo các nội dung sau đây:"),
    ("tcvn3", "MiÔn lÖ phÝ tr\u00adíc b¹ ®èi víi c¸c dù ¸n ®Çu t\u00ad thuéc Môc I Danh môc 1 - Phô lôc.",
     "Miễn lệ phí trước bạ đối với các dự án đầu tư thuộc Mục I Danh mục 1 - Phụ lục."),
    ("tcvn3", "§éc lËp -Tù do - H¹nh phóc", "Độc lập -Tự do - Hạnh phúc"),
    ("tcvn3", "C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 30 th¸ng 9 n¨m 1992;",
     "Căn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992;"),
    ("vni", "Caên cöù Luaät Toå chöùc HÑND vaø UBND ngaøy 26/11/2003;",
     "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;"),
    ("vni", "UÛY BAN NHAÂN DAÂN TÆNH", "ỦY BAN NHÂN DÂN TỈNH"),
    ("vni", "Ñieàu 1 . Phaïm vi ñieàu chænh.", "Điều 1 . Phạm vi điều chỉnh."),
    ("vni", "TÆNH CAØ MAU Ñoäc laäp – Töï do – Haïnh phuùc", "TỈNH CÀ MAU Độc lập – Tự do – Hạnh phúc"),
    ("vni", "Ñieàu 17. Trình töï thuû tuïc tieán haønh kieåm tra, ñeà nghò xöû lyù haønh chính.",
     "Điều 17. Trình tự thủ tục tiến hành kiểm tra, đề nghị xử lý hành chính."),
    ("vni", "Xin chaøo caùc baïn", "Xin chào các bạn"),
    # a TCVN3 document that typed the capitals TCVN3 lacks in a VNI font: only word by word recovers it
    ("tcvn3", "9. ÖÙng dông vµ ph¸t triÓn c«ng nghÖ cao", "9. Ứng dụng và phát triển công nghệ cao"),
    ("tcvn3", "di chØ OÙc - Eo - Ba Thª, x· Väng Thª", "di chỉ Óc - Eo - Ba Thê, xã Vọng Thê"),
    # pasted into a line of real Unicode
    ("tcvn3", "Thủ tục ®¨ng ký khai sinh", "Thủ tục đăng ký khai sinh"),
    ("vni", "Hồ sơ gồm: Tôø khai ñaêng kyù", "Hồ sơ gồm: Tờ khai đăng ký"),
]
# Not legacy text, though every character could be a legacy byte.
NOT_LEGACY = [
    "Café crème à la française, où est la gare ? Une idée naïve, un maître d'hôtel.",
    "Größe für Bäcker und Müller, schön österreichisch.",
    "Señor Muñoz vivía en la mañana con niños pequeños en España.",
    "Coração, ação e nação: São Paulo é ótimo, avó e avô.",
    "Björn Ørsted åt smörgåsar på Næstved.",
    "Bát Xát", "Công khai ngân sách và báo cáo tài chính", "## Các báo cáo", "Thủ tục đăng ký khai sinh",
    "“Sở Tư pháp” – 01 bản chính…", "375×740 px · JSON · CSV", "Ủy ban nhân dân tỉnh Yên Bái",
]


@pytest.mark.parametrize("encoding,pasted,meant", REAL, ids=[r[2][:30] for r in REAL])
def test_real_legacy_text_is_found_and_converted(encoding, pasted, meant):
    assert legacy.detect_line(pasted) == encoding
    # TCVN3 has no capital with a tone mark: old documents wrote the lowercase letter in a capital font.
    assert legacy.convert_line(pasted, encoding).lower() == meant.lower()


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_text_that_only_looks_like_legacy_bytes_is_left_alone(text):
    assert legacy.detect_line(text) is None


def _tables():
    data = json.loads((legacy.Path(legacy.__file__).with_name("legacy_encodings.json")).read_text(encoding="utf-8"))
    return data["tcvn3"], data["vni"]


LETTERS = sorted(set(unicodedata.normalize("NFC", c + m) for c in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
                     for m in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")) | {"đ", "Đ"})


def test_every_letter_round_trips_through_vni():
    _, vni = _tables()
    encode = {}
    for pasted, letter in vni.items():
        encode.setdefault(letter, pasted)
    missing = [c for c in LETTERS if c not in encode and not c.isascii()]
    assert not missing, missing                               # VNI writes all 134 letters in both cases
    for letter, pasted in encode.items():
        assert legacy.decode(pasted, "vni") == letter


def test_every_lowercase_letter_round_trips_through_tcvn3():
    tcvn3, _ = _tables()
    encode = {letter: pasted for pasted, letter in tcvn3.items() if letter != "\xa0"}
    encode["ý"] = "ý"                    # byte 0xFD shows as itself: the table lists only what changes
    lower = [c for c in LETTERS if c == c.lower() and not c.isascii()]
    assert [c for c in lower if c not in encode] == []        # 67 lowercase letters
    assert sorted(c for c in encode if c != c.lower()) == sorted("ĂÂÊÔƠƯĐ")   # and only these capitals
    for letter, pasted in encode.items():
        assert legacy.decode(pasted, "tcvn3") == letter


def test_a_whole_sentence_round_trips():
    tcvn3, vni = _tables()
    sentence = "Người dân được hướng dẫn nộp hồ sơ, lệ phí bằng tiền mặt; cán bộ ký xác nhận và trả kết quả đúng hẹn."
    to_tcvn3 = {letter: pasted for pasted, letter in tcvn3.items()}
    pasted = "".join(to_tcvn3.get(c, c) for c in sentence)
    assert legacy.detect_line(pasted) == "tcvn3" and legacy.convert_line(pasted, "tcvn3") == sentence
    to_vni = {}
    for seq, letter in vni.items():
        to_vni.setdefault(letter, seq)
    pasted = "".join(to_vni.get(c, c) for c in sentence)
    assert legacy.detect_line(pasted) == "vni" and legacy.convert_line(pasted, "vni") == sentence
