"""Shared terminal output helpers for the CLI."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def error(message: str) -> None:
    """Print a user error on stderr, without a traceback."""
    first, _, rest = message.partition("\n")
    err.print(f"[bold red]error:[/] {first}", markup=True, highlight=False)
    if rest:
        err.print(rest, markup=False, highlight=False)


def print_json(data: Any) -> None:
    """Write JSON to stdout exactly (no Rich wrapping), for scripts to read."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()
