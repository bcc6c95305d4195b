"""Run every benchmark and rewrite BENCHMARKS.md with the figures, the machine and the date.

Run: ``uv run python benchmarks/run_all.py [--only planner,cli,pdf,import,http,scale] [--quick]``

Order: the planner (pure CPU), the CLI's cold start, the PDF handouts, run imports at their
limits, the HTTP API on
SQLite and PostgreSQL, then the data at scale on PostgreSQL (the longest: generating 10,000
athletes' year takes a few minutes). Each benchmark writes its own section;
``benchmarks/findings.md`` (profiles, fixes with before/after figures, proposals; written by
hand) is appended as it is. With ``--only`` the sections not run are kept from the current
BENCHMARKS.md. ``--quick`` uses small sizes to try the machinery (its figures are not for
the record: ``--output`` another file).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import bench_cli
import bench_http
import bench_import
import bench_pdf
import bench_planner
import bench_scale
from benchlib import BENCH_DIR, ROOT, Machine

BENCHES = ("planner", "cli", "pdf", "import", "http", "scale")
HEADINGS = {
    "planner": "## Programme generator",
    "cli": "## CLI cold start",
    "pdf": "## PDF handouts",
    "import": "## Run imports",
    "http": "## HTTP API",
    "scale": "## Data at scale",
}
FINDINGS = BENCH_DIR / "findings.md"

HEADER = """# Benchmarks

Speed targets are checked here, never by timed assertions in tests. One command runs every
benchmark and rewrites this file with the figures, the machine and the date:

```sh
uv run python benchmarks/run_all.py   # about 25 minutes; --only planner,cli,pdf,import,http,scale
```

It needs wrk and hyperfine (Debian: `apt-get install wrk hyperfine`) and a PostgreSQL server
where the user may create databases (`FOOTCORE_BENCH_POSTGRES_URL`, default
`postgresql+psycopg://postgres@127.0.0.1:5432/postgres`); every database it makes is
dropped at the end. Each benchmark also runs alone (`uv run python benchmarks/bench_X.py
--help`). The machine is shared: the load average before and after each benchmark is given
with its figures, and p99 latencies in particular move with it.
"""


def _sections(text: str) -> dict[str, str]:
    """The benchmark sections of an existing BENCHMARKS.md, by key."""
    found: dict[str, str] = {}
    parts = re.split(r"(?m)^(?=## )", text)
    for part in parts:
        for key, heading in HEADINGS.items():
            if part.startswith(heading):
                found[key] = part.rstrip() + "\n"
    return found


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--only",
        default=",".join(BENCHES),
        type=lambda s: [b for b in s.split(",") if b],
        help="benchmarks to run (the others' sections are kept)",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, to try it out")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    for name in args.only:
        if name not in BENCHES:
            parser.error(f"unknown benchmark {name!r}: use {', '.join(BENCHES)}")
    return args


def runners(quick: bool) -> dict[str, Callable[[], str]]:
    def planner() -> str:
        argv = ["--runs", "20", "--profiles", "50"] if quick else []
        return bench_planner.run(bench_planner.parse_args(argv))

    def cli() -> str:
        return bench_cli.run(bench_cli.parse_args(["--runs", "5"] if quick else []))

    def pdf() -> str:
        return bench_pdf.run(bench_pdf.parse_args(["--runs", "2"] if quick else []))

    def imports() -> str:
        return bench_import.run(bench_import.parse_args(["--runs", "1"] if quick else []))

    def http() -> str:
        return bench_http.run(bench_http.parse_args(["--duration", "2"] if quick else []))

    def scale() -> str:
        argv = ["--athletes", "300", "--group", "50", "--sample", "20", "--rounds", "2"]
        argv += ["--http-duration", "2"]
        return bench_scale.run(bench_scale.parse_args(argv if quick else []))

    return {
        "planner": planner,
        "cli": cli,
        "pdf": pdf,
        "import": imports,
        "http": http,
        "scale": scale,
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    kept = _sections(args.output.read_text()) if args.output.exists() else {}
    run = runners(args.quick)
    sections = dict(kept)
    overall = Machine()
    for name in BENCHES:
        if name not in args.only:
            continue
        print(f"=== {name}", file=sys.stderr, flush=True)
        t = time.perf_counter()
        sections[name] = run[name]()
        print(f"=== {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    overall.finish()
    body = [HEADER]
    body += [sections[name] for name in BENCHES if name in sections]
    if FINDINGS.exists():
        body.append(FINDINGS.read_text())
    args.output.write_text("\n".join(part.rstrip() + "\n" for part in body))
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
