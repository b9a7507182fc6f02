"""Property-based tests (hypothesis): whatever bytes or text arrive, the loader, the
number and format parsers and the search query planner answer with a value or the
project's own problem reports, and never raise anything else."""

from __future__ import annotations

import string
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from search.query import QueryError, plan
from site_builder.content import model as m
from site_builder.content.loading import load_markdown_entry, load_yaml_entry
from site_builder.content.sources import parse_yaml
from site_builder.numbers import key, normalise, parse
from site_builder.problems import Report
from site_builder.text import fold, nfc, slugify

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐĂÂÊÔƠƯ"
YAMLISH = st.text(alphabet=st.sampled_from(list(VIETNAMESE + string.printable + "\t\u00a0\u200b\ufeff"
                                                     + ":-[]{}&*!|>'\"#%@`,?")), max_size=400)
FIELDS = ["name", "level", "sector", "agency", "steps", "methods", "dossier", "national_code", "updated",
          "number", "type", "issuer", "issued", "status", "relations", "title", "section"]


def _only_own_problems(report: Report) -> None:
    for p in report.problems:
        assert p.code and p.message and p.severity in ("error", "warning")


@SETTINGS
@given(st.binary(max_size=2000))
def test_loader_takes_any_bytes(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("p")
    path = root / "procedures" / "ho-tich" / "x.yml"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    report = Report()
    entry = load_yaml_entry(root, path, m.Procedure, report)
    assert entry is not None or report.errors
    _only_own_problems(report)


@SETTINGS
@given(YAMLISH)
def test_loader_takes_any_yaml_like_text(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("p")
    for rel, model, loader in (("procedures/ho-tich/x.yml", m.Procedure, load_yaml_entry),
                               ("policies/2020/x.md", m.LegalDocument, load_markdown_entry)):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(("---\n" + text + "\n---\nNội dung\n") if rel.endswith(".md") else text, encoding="utf-8")
        report = Report()
        entry = loader(root, path, model, report)
        assert entry is not None or report.errors
        _only_own_problems(report)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS),
                       st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                                    | st.text(max_size=30) | st.dates().map(str),
                                    lambda children: st.lists(children, max_size=3)
                                    | st.dictionaries(st.sampled_from(FIELDS), children, max_size=3), max_leaves=8),
                       max_size=8))
def test_loader_takes_any_structure(tmp_path_factory, data):
    import yaml
    root = tmp_path_factory.mktemp("p")
    path = root / "procedures" / "ho-tich" / "x.yml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = Report()
    load_yaml_entry(root, path, m.Procedure, report)
    _only_own_problems(report)


@SETTINGS
@given(st.text(max_size=200))
def test_yaml_parser_never_raises(text):
    report = Report()
    doc = parse_yaml(text, "x.yml", report)
    assert doc is not None or report.errors


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list(VIETNAMESE + "0123456789/-–.QĐNĐCPUBNDTTBTC số: \u00a0")), max_size=40)
       | st.text(max_size=60))
def test_number_parsers_never_raise(text):
    parsed = parse(text)
    assert parsed is None or parsed.text == normalise(parsed.text)
    assert isinstance(key(text), str) and isinstance(normalise(text), str)


@SETTINGS
@given(st.text(max_size=300))
def test_text_helpers_never_raise_and_fold_is_ascii_for_vietnamese(text):
    assert isinstance(nfc(text), str)
    slug = slugify(text)
    assert all(c in string.ascii_lowercase + string.digits + "-" for c in slug)
    folded = fold("".join(ch for ch in text if ch in VIETNAMESE))
    assert folded.isascii()


@SETTINGS
@given(st.text(max_size=400))
def test_query_planner_answers_or_refuses_clearly(text):
    try:
        p = plan(text)
    except QueryError as exc:
        assert str(exc)              # a Vietnamese message the service returns with 400
    else:
        assert isinstance(p.text, str) and len(p.text) <= 256


# ------------------------------------------------------------------ one fold for index and query
# Text as people and office files produce it: Vietnamese in NFC and NFD, bare combining marks,
# letters Unicode does not decompose (đ, Ø, ß, Ł), full-width digits, punctuation and any other character.
_TRICKY = list(VIETNAMESE + "ØøßẞŁłÆæŒœıİ" + "０１２３４５６７８９ＡＢｃ"
               + "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b" + " .,/-_:;()\"'!?\n\t\u00a0\u200b\u200d")
_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(_TRICKY), max_size=120),
    st.text(alphabet=st.sampled_from(_TRICKY), max_size=120).map(lambda s: unicodedata.normalize("NFD", s)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
)


def _index_terms(text: str) -> list[str]:
    """What the index stores for a unit body: through the real schema's analyser of t_body."""
    from search.index import schema, unit_document
    doc = unit_document({"id": "x", "parent": "x", "kind": "trang", "url": "/x/", "title": "", "body": text})
    return [t.text for t in schema()["t_body"].analyzer(doc["t_body"])]


@SETTINGS
@given(_TEXT)
def test_index_and_query_fold_any_text_to_the_same_terms(text):
    try:
        p = plan(text)
    except QueryError:
        return           # over the query length limit: refused with a message, not searched
    query_terms = p.words
    # The query side normalises control characters to spaces first; so does what it compares with.
    assert query_terms == _index_terms(p.text)
    assert query_terms == _index_terms(text)


def test_the_fold_covers_what_people_type():
    cases = {"Đăng ký": "dang ky", unicodedata.normalize("NFD", "Thủ tục đăng ký"): "thu tuc dang ky",
             "ĐĂNG KÝ": "dang ky", "Øresund ß Łódź": "oresund ss lodz", "Nghị định １２３": "nghi dinh 123",
             "e\u0301 \u0301x": "e x", "a_b": "a b"}
    for typed, expected in cases.items():
        assert " ".join(plan(typed).words) == expected, typed
        assert " ".join(_index_terms(typed)) == expected, typed


# ------------------------------------------------------------------ nesting depth
_DEPTH_LOADER = r"""
import json, sys
from pathlib import Path
from site_builder.content import model as m
from site_builder.content.loading import load_markdown_entry, load_yaml_entry
from site_builder.problems import Report
root = Path(sys.argv[1])
for rel in json.loads(sys.stdin.read()):
    report = Report()
    loader, model = (load_markdown_entry, m.LegalDocument) if rel.endswith(".md") else (load_yaml_entry, m.Procedure)
    loader(root, root / rel, model, report)
    print(rel, ",".join(sorted({p.code for p in report.problems})))
"""
_NESTINGS = {
    "flow": lambda n: "name: " + "[" * n + "]" * n + "\n",
    "flow-mapping": lambda n: "name: " + "{a: " * n + "}" * n + "\n",
    "block": lambda n: "".join(" " * i + "k:\n" for i in range(min(n, 2000))),
    "dashes": lambda n: "- " * n + "x\n",
    "front-matter": lambda n: "---\ntype: nghi-dinh\nsectors: " + "[" * n + "]" * n + "\n---\nx\n",
    "quotes": lambda n: "---\ntype: nghi-dinh\n---\n" + ">" * n + " x\n",
    "lists": lambda n: "---\ntype: nghi-dinh\n---\n" + "- " * n + "x\n",
    "emphasis": lambda n: "---\ntype: nghi-dinh\n---\n" + "*" * n + "x" + "*" * n + "\n",
}
_MARKDOWN = ("front-matter", "quotes", "lists", "emphasis")
_CASES = st.lists(st.tuples(st.sampled_from(sorted(_NESTINGS)), st.integers(min_value=1, max_value=100_000)),
                  min_size=1, max_size=12)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_CASES)
@example([(kind, 100_000) for kind in sorted(_NESTINGS)])
def test_any_nesting_up_to_100000_levels_is_refused_cleanly(tmp_path_factory, cases):
    """The loader in a separate process: a crash would be a signal there, not a failed assertion here."""
    import json
    import subprocess
    import sys
    root = tmp_path_factory.mktemp("deep")
    files = []
    for i, (kind, depth) in enumerate(cases):
        rel = f"policies/2020/x{i}.md" if kind in _MARKDOWN else f"procedures/ho-tich/x{i}.yml"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(_NESTINGS[kind](depth), encoding="utf-8")
        files.append(rel)
    result = subprocess.run([sys.executable, "-c", _DEPTH_LOADER, str(root)], input=json.dumps(files),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (cases, result.returncode, result.stderr[-1500:])    # no signal, no exception
    assert "Traceback" not in result.stderr
    answers = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    for rel, (kind, depth) in zip(files, cases, strict=True):
        if depth > 200:
            assert "TOO-DEEP" in answers[rel] or "FILE-TOO-LARGE" in answers[rel], (kind, depth, answers[rel])
