"""Search: a Whoosh index of the portal's content and the HTTP service that answers from it.

    analysis.py    the one analyser (fold, words, pairs, number keys) for index and queries
    index.py       schema, one document per search unit, immutable generations
    generation.py  the open generation of a worker, following `current`
    query.py       what a citizen typed → a search plan (never query syntax)
    rank.py        retrieval stages and re-ranking
    suggest.py     "did you mean" and title completions
    snippets.py    highlighted titles and snippets
    service.py     the JSON API and the server-rendered results page
    rating.py      the satisfaction form's endpoint

From site_builder it takes only the shared vocabulary (text, numbers); the import contracts in
pyproject.toml keep it away from the page generator, publishing and mkdocs.
"""
