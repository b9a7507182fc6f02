"""The JSON Schemas shipped for editors are current and the sample uses them."""

from site_builder.content.schemas import CONTENT_MODELS, render_schema

from conftest import REPO


def test_committed_schemas_are_fresh():
    for name in CONTENT_MODELS:
        path = REPO / "schemas" / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == render_schema(name), f"run `portal schemas` ({name})"


def test_sample_yaml_files_point_at_their_schema():
    for path in list((REPO / "procedures").rglob("*.yml")) + list((REPO / "content" / "agencies").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
