"""The generator's version and its longest plan, without the generator.

Code that reads a stored plan compares its version with the generator's and checks its length
(is the stored programme still current?); importing :mod:`.generator` for two constants loads
the whole planner, about a tenth of a cold ``footcore today`` (benchmarks/findings.md, "CLI
cold start"). The package exports these two names from here. The generator stamps every plan
with its own ``GENERATOR_VERSION``; tests/unit/test_planning_version.py holds the two equal,
so a new generator version changes both.
"""

from __future__ import annotations

GENERATOR_VERSION = "2.0.0"
MAX_WEEKS = 104
