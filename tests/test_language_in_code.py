"""Language knowledge lives in analysis/rules, not in the reading code: adding a language is adding files.

A Russian word inside a string literal under analysis/reading or analysis/extraction is language knowledge
that a new language could not override: there is none, and this keeps it so. English is checked by its function
words (articles, prepositions, conjunctions) and the month and fraction words that double as other words, inside a
regular expression or as a literal of their own; the names of roles ("with", "between") and kinds ("percent") are
the code's own vocabulary, not English read from text.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
CODE = ("reading", "extraction")
_WORD = re.compile(r"[А-Яа-яЁё]{2,}")
_ENGLISH = ("the", "of", "on", "in", "to", "from", "and", "or", "by", "for", "over", "than", "a", "an", "half", "quarter",
            "may", "march")
_ENGLISH_WORD = re.compile(rf"(?<![\w\\<])(?:{'|'.join(_ENGLISH)})(?![\w>])", re.I)
_REGEX_NAMES = re.compile(r"\\[a-zA-Z]|\(\?P<\w+>|\(\?P=\w+\)|\(\?[a-zA-Z-]+:|\{\w+\}|\[[^\]]*\]")


def _language_literals() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in CODE:
        for path in sorted((PACKAGE / part).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = {id(n.body[0].value) for n in ast.walk(tree)
                    if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                    and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
            # messages to the user (f-strings) are prose, not words read from text
            docs |= {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
            found = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                     and id(n) not in docs and (_WORD.search(n.value) or _english(n.value))]
            if found:
                out[f"{part}/{path.name}"] = found
    return out


def _english(literal: str) -> bool:
    """An English word read from text: a whole literal ("and"), or a word inside a regular expression ("of\\s+")."""
    if literal.strip().lower() in _ENGLISH:
        return True
    return ("\\" in literal or "(?" in literal) and bool(_ENGLISH_WORD.search(_REGEX_NAMES.sub(" ", literal)))


def test_the_check_sees_both_languages():
    assert _WORD.search("экспорт") and _english(r"(?:of\s+)?") and _english("and")
    assert not _english(r"(?P<year>\d{4})") and not _english("with") and not _english(r"\s+(?:{art})")


def test_reading_code_holds_no_language_words():
    found = _language_literals()
    assert found == {}, f"move these words to analysis/rules/<lang>.toml: {found}"
