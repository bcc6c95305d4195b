"""Form errors in the page's language: the shapes and :func:`problem_text` live in the
translation layer (:mod:`footcore.i18n.problems`), shared with the command line."""

from __future__ import annotations

from footcore.i18n.problems import SHAPES, problem_text

__all__ = ["SHAPES", "problem_text"]
