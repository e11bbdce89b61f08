"""The Python examples in docs/ run as written (a renamed function fails here, not in a reader's session)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
PAGES = sorted(path for path in DOCS.glob("*.md") if BLOCK.search(path.read_text(encoding="utf-8")))


def test_the_api_page_has_examples():
    assert DOCS / "api.md" in PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_the_examples_of_a_page_run(page):
    namespace: dict = {}
    for block in BLOCK.findall(page.read_text(encoding="utf-8")):  # one namespace: later blocks use earlier ones
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102 - our own docs, run on purpose
