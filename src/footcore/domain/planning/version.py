"""The generator's version and its longest plan, without the generator.

Code that reads a stored plan compares its version with the generator's and checks its length
(is the stored programme still current?); importing :mod:`.generator` for two constants loads
the whole planner, about a tenth of a cold ``footcore today`` (benchmarks/findings.md, "CLI
cold start"). The package exports these two names from here, and the generator stamps every
plan with this ``GENERATOR_VERSION``. A change that makes different plans from the same
inputs raises it, so stored programmes are made again from today on (history stays).
"""

from __future__ import annotations

GENERATOR_VERSION = "2.7.0"
MAX_WEEKS = 104
