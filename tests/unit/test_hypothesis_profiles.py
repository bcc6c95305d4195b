"""The hypothesis profiles decide how many examples every property test tries: "dev" (the
default, sized for a fast unit suite) and "deep" (many more), which `./dev test` runs after
the whole suite, and so CI too (tests/conftest.py registers them)."""

from __future__ import annotations

import shlex
from pathlib import Path

from hypothesis import settings

from tests.support import sources

ROOT = Path(__file__).resolve().parents[2]


def test_dev_is_the_default_profile_and_deep_tries_many_more_examples() -> None:
    dev, deep = settings.get_profile("dev"), settings.get_profile("deep")
    assert deep.max_examples >= 5 * dev.max_examples
    # The profile in force: dev, unless this run asked for another with --hypothesis-profile.
    assert settings.get_current_profile_name() in ("dev", "deep")


def test_no_property_test_sets_its_own_example_count() -> None:
    """An explicit max_examples would silently ignore both profiles."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for call in sources.calls(path):
            if call.name == "settings" and "max_examples" in call.keywords:
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert found == []


def _deep_pass() -> list[str]:
    """The words of the deep pass in ./dev (its command may run over several lines)."""
    script = (ROOT / "dev").read_text(encoding="utf-8").replace("\\\n", " ")
    (line,) = [line for line in script.splitlines() if "--hypothesis-profile=deep" in line]
    return shlex.split(line)


def _uses_given(path: Path) -> bool:
    return any(
        statement.is_from and statement.module == "hypothesis" and "given" in statement.names
        for statement in sources.imports(path)
    )


def test_dev_test_runs_the_property_tests_again_with_the_deep_profile() -> None:
    words = _deep_pass()
    assert words[words.index("-m") + 1] == "hypothesis"


def test_the_deep_pass_covers_every_file_with_property_tests() -> None:
    paths = [ROOT / w for w in _deep_pass() if w.startswith("tests/")]
    with_properties = [p for p in sorted((ROOT / "tests").rglob("test_*.py")) if _uses_given(p)]
    assert len(with_properties) >= 5
    left_out = [
        str(p.relative_to(ROOT))
        for p in with_properties
        if not any(p == d or d in p.parents for d in paths)
    ]
    assert left_out == []
