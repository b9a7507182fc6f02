"""The reviewed word lists (search/*.yml, stopwords.txt): every entry changes a result.

An entry that changes nothing on the sample is either dead weight or shadowed by another one;
either way a reviewer should look at it. Each test searches the sample with the full lexicon and
with the lexicon lacking that one entry, and compares the first results.
"""

from __future__ import annotations

import json

import pytest

from search.generation import IndexHandle
from search.lexicon import lexicon
from search.query import plan
from search.rank import run_search

LEX = lexicon()


@pytest.fixture(scope="module")
def generation(sample_index):
    return IndexHandle(sample_index).get()


def _top(gen, text, lex, n=10):
    found = run_search(gen, plan(text, lex), {}, "relevance", 1)
    return [h["id"] for h in found["results"][:n]], found["total"], found["no_answer"]


def _changes(gen, text, kind, key):
    return _top(gen, text, LEX) != _top(gen, text, LEX.without(kind, key))


def _typed(phrase):
    return " ".join(phrase)


def test_every_synonym_changes_a_result(generation):
    dead = [_typed(k) for k in LEX.synonyms if not _changes(generation, _typed(k), "synonym", _typed(k))]
    assert dead == []


def test_every_life_event_changes_a_result(generation):
    dead = []
    for event in LEX.events:
        if not any(_changes(generation, _typed(w), "event", event.name) for w in event.when[:3]):
            dead.append(event.name)
    assert dead == []


def test_every_relation_word_changes_a_result(generation, sample_index):
    units = [json.loads(line) for line in (sample_index.parent / "search-documents.jsonl").open(encoding="utf-8")] \
        if (sample_index.parent / "search-documents.jsonl").exists() else None
    targets = {}
    for unit in units or _exported_units():
        for r in unit.get("relations") or []:
            targets.setdefault(r["type"], r["target"])
    dead = [_typed(k) for k, kind in LEX.relations.items()
            if kind in targets and not _changes(generation, f"{_typed(k)} {targets[kind]}", "relation", _typed(k))]
    assert dead == []


def _exported_units():
    from site_builder.check import check
    from site_builder.publish.search_units import search_units

    from conftest import REPO
    return search_units(check(REPO))
