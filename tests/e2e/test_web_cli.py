"""`footcore serve` builds the app for the host asked for (beyond loopback: multi-user mode)
and hands it to uvicorn with the host and port."""

from __future__ import annotations

import socket
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from footcore.cli.app import app
from footcore.cli.commands import serve as serve_command
from footcore.web.app import make_app


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    seen: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def fake_run(*args: Any, **kwargs: Any) -> None:
        seen.append((args, kwargs))

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setattr(serve_command, "check_port", lambda host, port: None)  # not really bound
    return seen


def test_serve_defaults_to_localhost_port_8000(calls: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    (args, kwargs) = calls[0]
    (web,) = args
    assert isinstance(web, FastAPI)
    assert web.state.host == "127.0.0.1"
    assert web.state.multi_user_forced is False
    assert (kwargs["host"], kwargs["port"]) == ("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000 in one-person mode" in result.output


def test_serve_takes_host_and_port(calls: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert (calls[0][1]["host"], calls[0][1]["port"]) == ("0.0.0.0", 9001)


def test_serve_beyond_loopback_switches_multi_user_mode_on(calls: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    web = calls[0][0][0]
    assert web.state.host == "0.0.0.0"
    assert web.state.multi_user_forced is True
    assert "in multi-user mode" in result.output


def test_serve_refuses_a_port_out_of_range(calls: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert calls == []


def test_the_factory_uvicorn_imports_exists() -> None:
    module, _, name = "footcore.web.app:make_app".partition(":")
    assert module == make_app.__module__
    assert name == make_app.__name__


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_on_a_port_in_use_says_so_in_one_line_and_exits_2(
    workers: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16 item 14: not a raw uvicorn error after a "serving on" line."""
    started: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(a))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port), "--workers", workers])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in lines[0]
    assert "--port" in lines[0]
    assert "serving on" not in result.output
    assert started == []
