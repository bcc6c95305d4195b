"""The planning package loads each of its modules on first use (PEP 562; what a fresh
interpreter loads is checked in tests/integration/test_lazy_imports.py), and the generator
version it exports without loading the generator is the one the generator stamps."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

import footcore.domain.planning as planning
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.planning import generator
from footcore.domain.profile import parse_profile
from tests.support.profiles import ana


@pytest.mark.parametrize("name", planning.__all__)
def test_every_public_name_is_the_object_its_module_defines(name: str) -> None:
    home = importlib.import_module(f"footcore.domain.planning.{planning._HOME[name]}")
    assert getattr(planning, name) is getattr(home, name)


def test_the_public_names_and_their_modules_are_the_same_list() -> None:
    assert sorted(planning.__all__) == sorted(planning._HOME)
    assert set(planning.__all__) <= set(dir(planning))


def test_a_name_the_package_does_not_have_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'generate_plans'"):
        _ = planning.generate_plans
    with pytest.raises(ImportError):
        exec("from footcore.domain.planning import generate_plans", {})


def test_plans_carry_the_generator_version_and_limit_the_package_exports() -> None:
    assert generator.GENERATOR_VERSION == planning.GENERATOR_VERSION
    assert generator.MAX_WEEKS == planning.MAX_WEEKS
    plan = planning.generate_plan(parse_profile(ana()), builtin_catalogue(), dt.date(2027, 1, 4), 1)
    assert plan.generator_version == planning.GENERATOR_VERSION
