"""Language knowledge lives in analysis/rules, not in the reading code: adding a language is adding files.

A Russian word inside a string literal under analysis/reading or analysis/extraction is language knowledge
that a new language could not override: there is none, and this keeps it so.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
CODE = ("reading", "extraction")
_WORD = re.compile(r"[А-Яа-яЁё]{2,}")


def _language_literals() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in CODE:
        for path in sorted((PACKAGE / part).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = {id(n.body[0].value) for n in ast.walk(tree)
                    if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                    and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
            found = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                     and id(n) not in docs and _WORD.search(n.value)]
            if found:
                out[f"{part}/{path.name}"] = found
    return out


def test_reading_code_holds_no_language_words():
    found = _language_literals()
    assert found == {}, f"move these words to analysis/rules/<lang>.toml: {found}"
