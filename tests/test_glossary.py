"""Glossary terms are explained in place: first occurrence only, never inside
links, headings, raw HTML, notices or phrases the term must not explain."""

from site_builder.content.taxonomy import GlossaryTerm
from site_builder.render.glossary import Explainer

TERMS = {t.id: t for t in [
    GlossaryTerm(term="bản chính", definition='Giấy tờ gốc "do cơ quan" cấp.', not_in=["văn bản chính thức"]),
    GlossaryTerm(term="bản sao chứng thực", aliases=["bản sao có chứng thực"], definition="Bản sao được đối chiếu."),
    GlossaryTerm(term="lệ phí", definition="Khoản tiền | cố định."),
]}
LINK = "../thuat-ngu/index.md"


def explain(text: str) -> str:
    return Explainer(TERMS).explain(text, LINK)


def test_first_occurrence_becomes_a_link_with_the_definition_as_title():
    out = explain("Nộp 01 bản chính và 02 bản chính khác.")
    assert out == ('Nộp 01 [bản chính](../thuat-ngu/index.md#ban-chinh "Giấy tờ gốc ”do cơ quan” cấp."){ '
                   '.glossary-term }'
                   " và 02 bản chính khác.")


def test_aliases_case_and_longest_match():
    out = explain("Bản sao có chứng thực giấy khai sinh")
    assert out.startswith("[Bản sao có chứng thực](../thuat-ngu/index.md#ban-sao-chung-thuc ")


def test_protected_places_are_left_alone():
    text = "\n".join(["## Lệ phí", "[lệ phí](../x.md)", "<td>lệ phí</td>", "`lệ phí`",
                      '!!! warning "Dữ liệu mẫu"', "    mức lệ phí chưa xác minh", "", "Lệ phí: 8.000 đồng."])
    out = explain(text).split("\n")
    assert out[:7] == text.split("\n")[:7]
    assert out[7].startswith('[Lệ phí](../thuat-ngu/index.md#le-phi "Khoản tiền / cố định.")')  # | would split a table


def test_not_in_phrases_and_word_boundaries():
    assert explain("Theo văn bản chính thức của tỉnh.") == "Theo văn bản chính thức của tỉnh."
    assert explain("lệ phíx") == "lệ phíx"


def test_sample_procedure_page_links_terms_to_the_glossary(sample_site):
    page = (sample_site / "thu-tuc/dang-ky-khai-sinh/index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term" href="../../thuat-ngu/#' in page
    glossary = (sample_site / "thuat-ngu/index.html").read_text(encoding="utf-8")
    assert 'id="ban-sao-co-chung-thuc"' in glossary or 'id="ban-sao-chung-thuc"' in glossary
