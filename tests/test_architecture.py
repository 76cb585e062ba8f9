"""The house: imports run one way (import-linter's layers contract, function-level imports included), no
circle of modules anywhere, and no module grown past the size where it should be split."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"


def test_the_layers_contract_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    assert lint.exists(), "lint-imports is missing: pip install -e '.[dev]'"
    done = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 kept, 0 broken" in done.stdout


def _module_graph() -> dict[str, set[str]]:
    grimp = pytest.importorskip("grimp")   # installed with import-linter
    graph = grimp.build_graph("analysis")
    # the root __init__ only re-exports lazily; sub-package __init__ files are modules like the rest
    modules = {m for m in graph.modules if m != "analysis"}
    return {m: {d for d in graph.find_modules_directly_imported_by(m) if d in modules} for m in modules}


def test_no_circle_of_modules_counting_imports_inside_functions():
    edges = _module_graph()
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(v):   # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.add(w)
                if w == v:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    assert circles == []


def test_no_module_over_six_hundred_lines():
    big = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert big == {}
