"""The query planner: normalisation, folding, abbreviations, numbers, refusals."""

import unicodedata

import pytest

from search.query import MAX_QUERY_CHARS, QueryError, plan


def test_folding_and_exact_forms():
    p = plan("Đăng ký KHAI SINH")
    assert [g[0] for g in p.groups] == [["dang"], ["ky"], ["khai"], ["sinh"]]
    assert p.exact == ["đăng", "ký"]
    assert p.bigrams == ["dang_ky", "ky_khai", "khai_sinh"]


def test_decomposed_input_is_one_word():
    p = plan(unicodedata.normalize("NFD", "Đường thủy"))
    assert [g[0] for g in p.groups] == [["duong"], ["thuy"]]


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
    assert p.groups == [[["gplx"], ["giay", "phep", "lai", "xe"]]]
    assert plan("UBND tỉnh").groups[0] == [["ubnd"], ["uy", "ban", "nhan", "dan"]]


def test_colloquial_words_are_not_required():
    p = plan("làm giấy khai sinh cho con ở đâu")
    required = [p.groups[i][0][0] for i in p.required]
    assert "lam" not in required and "cho" not in required and "con" not in required
    assert {"giay", "khai", "sinh"} <= set(required)
    assert plan("lam giay khai sinh").required == [1, 2, 3]   # typed without diacritics too


@pytest.mark.parametrize("hostile", ['"đăng ký', "khai AND sinh OR", "kh*i s?nh", "((()))", "\x00\x07khai\u200bsinh",
                                     "title:khai", "~~~", "🚀🚀", "%", "\\"])
def test_operators_and_garbage_are_plain_text(hostile):
    plan(hostile)   # never raises


def test_too_long_is_refused_in_vietnamese():
    with pytest.raises(QueryError, match="quá dài"):
        plan("a" * (MAX_QUERY_CHARS + 1))
