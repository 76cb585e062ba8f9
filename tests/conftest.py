"""Shared test setup: tests marked ``browser`` need a Chrome/Chromium for static export.

On a machine without one they are skipped with the install command; with ``CI=true`` (as `.ci/run` sets)
they run and a missing browser is a failure, never a skip.
"""
from __future__ import annotations

import os

import pytest

INSTALL = "apt-get install -y chromium"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def browser_path() -> str | None:
    from analysis.views.export import find_browser

    return find_browser()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # before any fixture: the module-scoped export fixtures would otherwise fail in setup
    if item.get_closest_marker("browser") is None or browser_path():
        return
    if in_ci():
        pytest.fail(f"CI=true and no Chromium found (install it with `{INSTALL}`, or set BROWSER_PATH)",
                    pytrace=False)
    pytest.skip(f"needs Chromium for static export: `{INSTALL}` (or set BROWSER_PATH)")
