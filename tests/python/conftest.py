"""Shared pytest setup. In CI a skipped test is a failure: nothing may pass by
not running."""
import os

import pytest


def pytest_collection_modifyitems(config, items):
    if not items:
        raise pytest.UsageError("no tests collected")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI: {report.longrepr}"
