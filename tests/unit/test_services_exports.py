"""``footcore.services`` exports its names lazily; each one is the object from its module
(that importing the package loads no service: tests/integration/test_lazy_imports.py)."""

from __future__ import annotations

import importlib

import pytest

import footcore.services as services
from footcore.services import _EXPORTS


@pytest.mark.parametrize("name", sorted(set(services.__all__) - {"Services"}))
def test_every_exported_name_is_the_object_its_module_defines(name: str) -> None:
    module = importlib.import_module(f"footcore.services.{_EXPORTS[name]}")
    assert getattr(services, name) is getattr(module, name)
    assert name in dir(services)


def test_every_lazy_name_is_exported() -> None:
    assert set(_EXPORTS) | {"Services"} == set(services.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = services.Nothing
    with pytest.raises(ImportError):
        exec("from footcore.services import Nothing", {})
