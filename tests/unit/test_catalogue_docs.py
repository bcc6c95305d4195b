"""docs/catalogue.md stays true: its example loads and it names every key and term."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from footcore.catalogue.loader import load_catalogue
from footcore.catalogue.schema import (
    DemoModel,
    DoseModel,
    ExerciseModel,
    PoseModel,
    PropModel,
    SourceModel,
    TempoModel,
)
from footcore.domain.demonstration import FRONT_POINTS, Base, PropKind, View
from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    Position,
    Slot,
    StretchDepth,
    Target,
    Term,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "catalogue.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_example_in_the_format_reference_loads(doc: str, tmp_path: Path) -> None:
    example = re.search(r"```toml\n(.*?)```", doc, re.DOTALL)
    assert example is not None
    (tmp_path / "balance.toml").write_text(example.group(1), encoding="utf-8")
    cat = load_catalogue([tmp_path])
    ex = cat.get("cushion-balance")
    assert ex.regressions == ("single-leg-balance",)
    assert cat.sources["club-clinic"].kind == "article"


@pytest.mark.parametrize(
    "model", [ExerciseModel, DoseModel, TempoModel, SourceModel, DemoModel, PoseModel, PropModel]
)
def test_every_key_of_a_catalogue_file_is_documented(doc: str, model: type[BaseModel]) -> None:
    for key in model.model_fields:
        assert f"`{key}`" in doc, key


@pytest.mark.parametrize(
    "vocab",
    [Category, Position, Equipment, Slot, Target, Goal, Load, StretchDepth, View, Base, PropKind],
)
def test_every_allowed_term_is_documented(doc: str, vocab: type[Term]) -> None:
    for term in vocab.slugs():
        assert f"`{term}`" in doc, term


def test_every_point_of_the_front_view_is_documented(doc: str) -> None:
    for point in FRONT_POINTS:
        assert f"`{point}`" in doc, point


def test_the_example_exercise_in_the_docs_is_drawn_like_the_builtin_it_names(
    doc: str, tmp_path: Path
) -> None:
    example = re.search(r"```toml\n(.*?)```", doc, re.DOTALL)
    assert example is not None
    (tmp_path / "balance.toml").write_text(example.group(1), encoding="utf-8")
    cat = load_catalogue([tmp_path])
    assert cat.get("cushion-balance").demo == cat.get("single-leg-balance").demo is not None
