"""`footcore export ics --feed / --revoke-feed`, and `footcore runs add` without --felt,
through the CLI runner on SQLite."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from footcore.bootstrap import bootstrap
from footcore.cli.app import app as cli
from footcore.config import Settings
from footcore.domain.errors import NotFoundError
from footcore.services.exports import ExportService
from tests.e2e.test_cli_export import invoke, ready, runner

__all__ = ["ready", "runner"]  # the fixtures this module uses

FEED_PATH = re.compile(r"^/calendar/([A-Za-z0-9_-]{43,})\.ics$")


def feed_token(runner: CliRunner) -> str:
    result = invoke(runner, "export", "ics", "--feed")
    assert result.exit_code == 0, result.output
    found = FEED_PATH.match(result.stdout.strip())
    assert found, result.stdout
    assert "server" in result.stderr
    return found.group(1)


def served(token: str) -> bool:
    with bootstrap(Settings.from_env()) as app:
        try:
            ExportService(app.services.ctx).calendar_for_feed(token)
        except NotFoundError:
            return False
        return True


def test_export_ics_feed_prints_a_path_that_serves_the_calendar(
    ready: Path, runner: CliRunner
) -> None:
    token = feed_token(runner)
    assert served(token)


def test_a_second_feed_replaces_the_first(ready: Path, runner: CliRunner) -> None:
    first = feed_token(runner)
    second = feed_token(runner)
    assert first != second
    assert (served(first), served(second)) == (False, True)


def test_export_ics_revoke_feed_stops_the_feed(ready: Path, runner: CliRunner) -> None:
    token = feed_token(runner)
    result = invoke(runner, "export", "ics", "--revoke-feed")
    assert result.exit_code == 0, result.output
    assert "Stopped 1 calendar feed address." in result.stdout
    assert not served(token)
    again = invoke(runner, "export", "ics", "--revoke-feed")
    assert "no working calendar feed address" in again.stdout


def test_export_ics_needs_output_without_feed_and_refuses_both_feed_options(
    ready: Path, runner: CliRunner
) -> None:
    missing = runner.invoke(cli, ["export", "ics"])
    assert missing.exit_code == 2
    assert "--output" in missing.output
    both = runner.invoke(cli, ["export", "ics", "--feed", "--revoke-feed"])
    assert both.exit_code == 2
    assert "choose one" in both.output


def test_runs_add_without_felt_stores_no_score_and_lists_a_dash(
    ready: Path, runner: CliRunner
) -> None:
    args = ["runs", "add", "--date", "2027-01-05", "--km", "6", "--minutes", "35"]
    added = invoke(runner, *args)
    assert added.exit_code == 0, added.output
    assert "no felt score" in added.stdout
    runs = json.loads(invoke(runner, "runs", "list", "--json").stdout)
    assert [r["felt"] for r in runs] == [None]
    table = invoke(runner, "runs", "list").stdout
    row = next(line for line in table.splitlines() if "2027-01-05" in line)
    assert re.search(r"\s-\s", row), row
