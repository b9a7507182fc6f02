"""Search service (Whoosh index + HTTP API): arrives with issue 4.

Boundary kept from the start: this package may import `site_builder.text` and
`site_builder.model` (shared vocabulary), never the page generator or mkdocs
(tests/test_architecture.py enforces it).
"""
