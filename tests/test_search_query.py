"""The query planner: normalisation, folding, abbreviations, numbers, refusals."""

import unicodedata

import pytest

from search.query import MAX_QUERY_CHARS, QueryError, plan


def test_folding_and_exact_forms():
    p = plan("Đăng ký KHAI SINH")
    assert [g.words for g in p.groups] == [["dang"], ["ky"], ["khai"], ["sinh"]]
    assert p.exact == ["đăng", "ký"]
    assert p.bigrams == ["dang_ky", "ky_khai", "khai_sinh"]


def test_decomposed_input_is_one_word():
    p = plan(unicodedata.normalize("NFD", "Đường thủy"))
    assert [g.words for g in p.groups] == [["duong"], ["thuy"]]


@pytest.mark.parametrize("typed, keys", [
    ("64/2007/NĐ-CP", ["64/2007", "nd:64"]), ("nd 64 2007", ["64/2007", "nd:64"]),
    ("nghị định 64", ["nd:64"]), ("64/2007", ["64/2007"]), ("luật 67/2006", ["67/2006", "qh:67"]),
])
def test_document_numbers_however_typed(typed, keys):
    assert sorted(plan(typed).numkeys) == sorted(keys)


def test_procedure_code():
    assert plan("thủ tục 1.001193").code == "1.001193"


def test_abbreviations_expand_as_alternatives():
    p = plan("gplx")
    assert [g.phrases for g in p.groups] == [[["gplx"], ["giay", "phep", "lai", "xe"]]]
    assert plan("UBND tỉnh").groups[0].phrases == [["ubnd"], ["uy", "ban", "nhan", "dan"]]


def _roles(text):
    return {g.label: g.role for g in plan(text).groups}


def test_colloquial_words_are_fillers_and_reported():
    p = plan("làm giấy khai sinh cho con ở đâu")
    assert [g.label for g in p.content] == ["giấy", "khai", "sinh"]
    assert p.fillers == ["làm", "cho", "con", "ở đâu"]
    assert not p.events            # "khai sinh" is already named: no life event on top
    assert _roles("lam giay khai sinh")["lam"] == "filler"       # typed without diacritics too
    # … but only the spellings listed as safe: "ban" is also bản, bán
    assert _roles("chung thuc ban sao")["ban"] == "content"
    assert _roles("khai sinh muon")["muon"] == "content"          # muộn (late), not muốn


def test_life_events_add_their_procedure_and_soften_their_words():
    p = plan("bố em mất rồi giờ phải làm giấy tờ gì")
    assert p.events == ["người thân qua đời"]
    event = [g for g in p.groups if g.role == "event"]
    assert event[0].alternatives == [["khai", "tu"]]
    assert _roles("bố em mất rồi")["mất"] == "context"
    assert not plan("mất giấy khai sinh").events or "người thân qua đời" not in plan("mất giấy khai sinh").events


def test_relation_intents_and_articles():
    p = plan("văn bản sửa đổi nghị định 63/2010")
    assert p.relations == ["amends"] and "63/2010" in p.numkeys
    assert _roles("văn bản sửa đổi nghị định 63/2010")["sửa đổi"] == "intent"
    assert plan("nghị định thay thế nghị định 43/2011").relations == ["replaces"]
    assert plan("điều 28 luật công nghệ thông tin").article == "28"
    assert plan("lệ phí đăng ký kết hôn").wants_procedure
    assert plan("sở tư pháp số điện thoại").wants_agency
    assert not plan("so do").wants_agency      # "so" typed bare is sổ as often as sở


@pytest.mark.parametrize("hostile", ['"đăng ký', "khai AND sinh OR", "kh*i s?nh", "((()))", "\x00\x07khai\u200bsinh",
                                     "title:khai", "~~~", "🚀🚀", "%", "\\"])
def test_operators_and_garbage_are_plain_text(hostile):
    plan(hostile)   # never raises


def test_too_long_is_refused_in_vietnamese():
    with pytest.raises(QueryError, match="quá dài"):
        plan("a" * (MAX_QUERY_CHARS + 1))
