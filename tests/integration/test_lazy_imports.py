"""What importing a package loads, seen in a fresh interpreter (a child process, so that
nothing the test run imported before counts): the planning package and ``footcore.services``
load each of their modules on first use (PEP 562). Their exports are checked in
tests/unit/test_planning_package.py and tests/unit/test_services_exports.py."""

from __future__ import annotations

import json
import subprocess
import sys

_LIST_PLANNING_MODULES = """
import json, sys
import footcore.domain.planning.{module}
print(json.dumps(sorted(m for m in sys.modules if m.startswith("footcore.domain.planning."))))
"""


def _planning_modules_after_importing(module: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", _LIST_PLANNING_MODULES.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return {name.rsplit(".", 1)[1] for name in json.loads(proc.stdout)}


def test_reading_the_plan_model_does_not_load_the_generator_or_its_checks() -> None:
    assert _planning_modules_after_importing("model") == {"model", "rules"}
    assert _planning_modules_after_importing("version") == {"version"}


def test_the_generator_still_loads_everything_it_plans_with() -> None:
    # The control for the test above: the listing does show the planner when it is used.
    loaded = _planning_modules_after_importing("generator")
    assert {"generator", "context", "day", "place", "texts", "model"} <= loaded


def test_importing_the_package_loads_no_service_and_no_database_code() -> None:
    code = (
        "import sys, footcore.services as s\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'footcore.'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['footcore.services']"
