"""The README's examples are true: the document example validates against the article."""

from __future__ import annotations

import yaml

from vectorgraph.validate import problems


def test_readme_document_example_validates(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    data = yaml.safe_load(block)
    # The excerpt leaves out the other actors; everything else, quote and sentence included, holds.
    assert problems(data, "README.md", root / "graphs") == [
        "README.md: actors[1].members[0]: unknown actor 'USA'",
        "README.md: actors[1].members[1]: unknown actor 'EU'",
        "README.md: relations[0].source: unknown actor 'CSTO'",
    ]
    assert data["relations"][0]["evidence"][0]["sentence"] == 13
