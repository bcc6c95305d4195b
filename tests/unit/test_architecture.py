"""The layering rules of DESIGN.md and README.md's "may import" table, enforced.

Every module of ``footcore`` is read (not imported) and every import in it counts, the ones
inside functions and under ``TYPE_CHECKING`` too: a deferred import is a dependency all the
same. ``from package import name`` counts as an import of ``package.name`` when that is a
module. Known departures from the table are listed by name in ``EXCEPTIONS`` and
``KNOWN_CYCLES``, each with its reason; a new forbidden import or a new cycle fails here, and so
does an exception that no longer happens (delete it: the lists only shrink).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import footcore
from tests.support import sources

PACKAGE = Path(footcore.__file__).parent
ROOT = "footcore"

# README.md's architecture table: each layer (a subpackage or top-level module of footcore)
# and the other layers it may import. ``footcore`` itself (the root package: the version
# only) may be imported by any layer, and every layer may import itself.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "catalogue": frozenset({"domain"}),
    # The drawings' words (the foot map's) go through the translation layer.
    "drawing": frozenset({"domain", "i18n"}),
    "store": frozenset({"domain"}),
    "services": frozenset({"domain", "store", "catalogue"}),
    # The calendar's and the handouts' words go through the translation layer.
    "io": frozenset({"domain", "drawing", "i18n"}),
    "config": frozenset({"domain"}),
    # The translation layer (Babel's gettext catalogues); the planner's texts are said again
    # with the catalogue's words (exercise names, the planning data's sentences), read from
    # the catalogue when a text is said in another language or the messages are extracted.
    "i18n": frozenset({"domain", "catalogue"}),
    # The composition root: it wires the adapters (the store's unit of work and data
    # versions, io's file formats, config's loopback rule) to the services' ports.
    "bootstrap": frozenset({"config", "domain", "store", "services", "io"}),
    # The adapters.
    "web": frozenset({"services", "domain", "drawing", "catalogue", "bootstrap", "config", "i18n"}),
    # The command line's words go through the translation layer (loaded for another
    # language than English only). `footcore serve` starts the web app (ONLY_FROM).
    "cli": frozenset(
        {"services", "domain", "drawing", "catalogue", "io", "bootstrap", "config", "i18n", "web"}
    ),
}

# Rows of MAY_IMPORT that hold for some modules of a layer only: (layer, layer it imports)
# -> the modules that may.
ONLY_FROM: dict[tuple[str, str], frozenset[str]] = {
    # One adapter starts the other; no other command touches the web app.
    ("cli", "web"): frozenset({"footcore.cli.commands.serve"}),
}

# Third-party packages a layer may import besides the standard library (None: any).
THIRD_PARTY: dict[str, frozenset[str] | None] = {
    "domain": frozenset(),
    "drawing": frozenset(),
    "catalogue": frozenset({"pydantic"}),
    # README.md's table: "domain, Babel".
    "i18n": frozenset({"babel"}),
}
# The adapters' frameworks stay in the adapters.
ADAPTER_FRAMEWORKS = frozenset(
    {"fastapi", "starlette", "jinja2", "markupsafe", "uvicorn", "anyio", "typer", "rich"}
)
ADAPTERS = frozenset({"web", "cli"})

# Forbidden imports that exist today, (importer, imported module): why each is still there.
EXCEPTIONS: dict[tuple[str, str], str] = {}

# The services reach the database only through the abstract unit of work
# (footcore.services.unit_of_work): none of them imports SQLAlchemy, a table module, a
# repository module or the SQLAlchemy unit of work. Name prefixes (``footcore.store.tables``
# covers tables.accounts and tables.outcomes too), with no exception.
SERVICES_NEVER_IMPORT = (
    "sqlalchemy",
    "footcore.store.tables",
    "footcore.store.repositories",
    "footcore.store.uow",
)

# Import cycles that exist today (each a strongly connected set of modules): why.
KNOWN_CYCLES: dict[frozenset[str], str] = {}


@dataclass(frozen=True)
class Import:
    importer: str
    module: str  # the footcore module (or the third-party package's dotted name)
    lineno: int


def _module_name(path: Path, base: Path = PACKAGE, root: str = ROOT) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([root, *parts])


def modules(base: Path = PACKAGE, root: str = ROOT) -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {_module_name(p, base, root): p for p in sorted(base.rglob("*.py"))}


def _imports(path: Path) -> list[tuple[int, str]]:
    """Absolute imports as written (``from x import y`` gives ``x``), nested ones too."""
    found: list[tuple[int, str]] = []
    for statement in sources.imports(path):
        if not statement.is_from:
            found.extend((statement.lineno, module) for module in statement.names)
        elif statement.level == 0 and statement.module:
            found.append((statement.lineno, statement.module))
    return found


def imports_of(name: str, path: Path, known: Mapping[str, Path]) -> list[Import]:
    """Every import in one module, relative ones resolved, submodules named in full."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []
    for statement in sources.imports(path):
        if not statement.is_from:
            found.extend(Import(name, module, statement.lineno) for module in statement.names)
            continue
        if statement.level:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - statement.level + 1])
            source = f"{base}.{statement.module}" if statement.module else base
        else:
            source = statement.module or ""
        for imported in statement.names:
            sub = f"{source}.{imported}"
            found.append(Import(name, sub if sub in known else source, statement.lineno))
    return found


def _owner(module: str, known: Mapping[str, Path]) -> str:
    """The module of ``known`` that an import of ``module`` loads last."""
    while module not in known and "." in module:
        module = module.rpartition(".")[0]
    return module


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def graph(known: Mapping[str, Path]) -> dict[str, list[Import]]:
    """Each module's imports of other footcore modules."""
    edges: dict[str, list[Import]] = {}
    for name, path in known.items():
        own = []
        for imp in imports_of(name, path, known):
            if imp.module == ROOT or imp.module.startswith(ROOT + "."):
                target = _owner(imp.module, known)
                if target != name:
                    own.append(Import(name, target, imp.lineno))
        edges[name] = own
    return edges


def forbidden(edges: Mapping[str, Iterable[Import]]) -> dict[tuple[str, str], list[int]]:
    """Imports across layers that MAY_IMPORT does not allow: (importer, module) -> lines."""
    found: dict[tuple[str, str], list[int]] = {}
    for importer, imports in edges.items():
        mine = layer_of(importer)
        for imp in imports:
            theirs = layer_of(imp.module)
            if theirs in (mine, ROOT) or (
                theirs in MAY_IMPORT.get(mine, frozenset())
                and importer in ONLY_FROM.get((mine, theirs), {importer})
            ):
                continue
            found.setdefault((importer, imp.module), []).append(imp.lineno)
    return found


def cycles(edges: Mapping[str, Iterable[Import]]) -> list[frozenset[str]]:
    """The strongly connected sets of more than one module (Tarjan, iterative)."""
    succ = {m: sorted({i.module for i in imps if i.module in edges}) for m, imps in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in succ:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(succ[node]):
                work.append((node, i + 1))
                nxt = succ[node][i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(frozenset(group))
    return found


def database_imports(
    known: Mapping[str, Path], layer: str = "services"
) -> dict[tuple[str, str], list[int]]:
    """Imports of ``SERVICES_NEVER_IMPORT`` by the modules of ``layer``: (importer, module)
    -> lines. Imports inside functions and under ``TYPE_CHECKING`` count."""
    found: dict[tuple[str, str], list[int]] = {}
    for name, path in known.items():
        if layer_of(name) != layer:
            continue
        for imp in imports_of(name, path, known):
            if imp.module.startswith(SERVICES_NEVER_IMPORT):
                found.setdefault((name, imp.module), []).append(imp.lineno)
    return found


def store_imports_loading_sqlalchemy(known: Mapping[str, Path]) -> list[str]:
    """The store modules a service imports that load SQLAlchemy themselves or through any
    footcore module they import (deferred imports count): none may, so that the services
    stand on the abstract unit of work alone (footcore.store.migrate, .backup and .tables
    do; .rows, .revisions and .backup_format do not)."""
    edges = graph(known)
    loads = {
        n
        for n, path in known.items()
        if any(m.split(".")[0] == "sqlalchemy" for _, m in _imports(path))
    }
    found = []
    for name in sorted(known):
        if layer_of(name) != "services":
            continue
        for module, lineno in sorted({(i.module, i.lineno) for i in edges[name]}):
            if layer_of(module) != "store":
                continue
            seen, todo = {module}, [module]
            while todo:
                for nxt in edges.get(todo.pop(), []):
                    if nxt.module not in seen:
                        seen.add(nxt.module)
                        todo.append(nxt.module)
            if seen & loads:
                first = sorted(seen & loads)[0]
                found.append(f"{name}:{lineno} imports {module}, which loads {first}")
    return found


def _report(found: Mapping[tuple[str, str], list[int]]) -> list[str]:
    return [f"{a} imports {b} (line {', '.join(map(str, found[a, b]))})" for a, b in sorted(found)]


# The contracts ------------------------------------------------------------------------------


def test_every_layer_has_a_row_in_the_table() -> None:
    """A new subpackage or top-level module needs its row (here and in README.md)."""
    layers = {layer_of(m) for m in modules()} - {ROOT}
    assert sorted(layers - MAY_IMPORT.keys()) == []


def test_layers_import_only_what_the_table_allows() -> None:
    found = forbidden(graph(modules()))
    new = {k: v for k, v in found.items() if k not in EXCEPTIONS}
    assert _report(new) == [], "a forbidden import: see README.md's architecture table"


def test_services_reach_the_database_only_through_the_abstract_unit_of_work() -> None:
    """No service imports SQLAlchemy, a table class, a repository module or the SQLAlchemy
    unit of work: they talk to ``footcore.services.unit_of_work``'s Protocols, so that a
    fake unit of work can stand in for the database (``tests/support/fake_uow.py``)."""
    assert _report(database_imports(modules())) == []


def test_the_store_modules_services_import_load_no_sqlalchemy() -> None:
    """Not even through another module: a service may take plain rows and constants from the
    store (rows, revisions, backup_format), nothing that brings SQLAlchemy with it."""
    assert store_imports_loading_sqlalchemy(modules()) == []


def test_every_listed_exception_still_happens() -> None:
    """Fixed departures leave the list, so that it only shrinks."""
    found = forbidden(graph(modules()))
    assert sorted(k for k in EXCEPTIONS if k not in found) == []


def test_no_new_import_cycles() -> None:
    found = set(cycles(graph(modules())))
    assert sorted(sorted(c) for c in found - KNOWN_CYCLES.keys()) == []
    assert sorted(sorted(c) for c in KNOWN_CYCLES.keys() - found) == [], "cycle gone: delete it"


def _third_party(layer: str) -> list[str]:
    offenders = []
    for name, path in modules().items():
        if layer_of(name) != layer:
            continue
        for lineno, module in _imports(path):
            top = module.split(".")[0]
            if top in (ROOT, "__future__") or top in sys.stdlib_module_names:
                continue
            allowed = THIRD_PARTY.get(layer)
            if layer in THIRD_PARTY and (allowed is None or top in allowed):
                continue
            if layer not in THIRD_PARTY and (layer in ADAPTERS or top not in ADAPTER_FRAMEWORKS):
                continue
            offenders.append(f"{path.relative_to(PACKAGE)}:{lineno} imports {module}")
    return offenders


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    assert _third_party("domain") == []


def test_drawing_imports_only_the_standard_library_the_domain_and_itself() -> None:
    """The drawings serve the web pages and the PDF handouts alike, so they live below both
    (README's architecture table)."""
    assert _third_party("drawing") == []


def test_catalogue_imports_only_pydantic_besides_the_standard_library() -> None:
    assert _third_party("catalogue") == []


def test_the_translation_layer_imports_only_babel_besides_the_standard_library() -> None:
    assert _third_party("i18n") == []


def test_the_adapters_frameworks_stay_in_the_adapters() -> None:
    offenders = [o for layer in MAY_IMPORT if layer not in THIRD_PARTY for o in _third_party(layer)]
    assert offenders == []


# The checker itself -------------------------------------------------------------------------


def test_the_import_rule_catches_a_third_party_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom footcore.store import x\nimport json\n")
    tops = [m for _, m in _imports(bad) if m.split(".")[0] not in sys.stdlib_module_names]
    assert tops == ["sqlalchemy", "footcore.store"]


def _fake_package(tmp_path: Path, files: Mapping[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = tmp_path / "footcore" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return modules(tmp_path / "footcore")


def test_the_contracts_catch_a_forbidden_import_even_inside_a_function(tmp_path: Path) -> None:
    known = _fake_package(
        tmp_path,
        {
            "__init__.py": "",
            "web/__init__.py": "",
            "web/app.py": "",
            "services/__init__.py": "",
            "services/logs.py": (
                "from . import util\n\ndef f():\n    from footcore.web import app\n"
            ),
            "services/util.py": "from ..domain import errors\n",
            "domain/__init__.py": "",
            "domain/errors.py": "",
        },
    )
    assert forbidden(graph(known)) == {("footcore.services.logs", "footcore.web.app"): [4]}


def test_the_database_contract_catches_a_table_import_in_a_service(tmp_path: Path) -> None:
    known = _fake_package(
        tmp_path,
        {
            "__init__.py": "",
            "store/__init__.py": "",
            "store/tables/accounts.py": "",
            "store/rows.py": "",
            "services/__init__.py": "",
            "services/ok.py": "from footcore.store.rows import CheckinRow\n",
            "services/bad.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from footcore.store.tables.accounts import User\n"
                "def f():\n"
                "    from sqlalchemy import select\n"
            ),
        },
    )
    assert database_imports(known) == {
        ("footcore.services.bad", "footcore.store.tables.accounts"): [3],
        ("footcore.services.bad", "sqlalchemy"): [5],
    }


def test_the_database_contract_follows_a_store_import_to_sqlalchemy(tmp_path: Path) -> None:
    known = _fake_package(
        tmp_path,
        {
            "__init__.py": "",
            "store/__init__.py": "",
            "store/rows.py": "",
            "store/revisions.py": "",
            "store/migrate.py": "def f():\n    import sqlalchemy\n",
            "store/backup.py": "from footcore.store import migrate\n",
            "services/__init__.py": "",
            "services/ok.py": (
                "from footcore.store.rows import x\nfrom footcore.store import revisions\n"
            ),
            "services/bad.py": "from footcore.store.backup import check\n",
        },
    )
    assert store_imports_loading_sqlalchemy(known) == [
        "footcore.services.bad:1 imports footcore.store.backup, which loads footcore.store.migrate"
    ]


def test_the_cycle_check_finds_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    known = _fake_package(
        tmp_path,
        {
            "__init__.py": "",
            "cli/__init__.py": "",
            "cli/a.py": "from footcore.cli.b import x\n",
            "cli/b.py": "def g():\n    from footcore.cli import a\n",
            "cli/c.py": "from footcore.cli import a\n",
        },
    )
    assert cycles(graph(known)) == [frozenset({"footcore.cli.a", "footcore.cli.b"})]


def test_only_the_serve_command_may_import_the_web_app(tmp_path: Path) -> None:
    """ONLY_FROM narrows a row of the table: the CLI may import the web app to start it
    (`footcore serve`), and from no other module."""
    known = _fake_package(
        tmp_path,
        {
            "__init__.py": "",
            "web/__init__.py": "",
            "web/app.py": "",
            "cli/__init__.py": "",
            "cli/commands/__init__.py": "",
            "cli/commands/serve.py": "def f():\n    from footcore.web.app import create_app\n",
            "cli/commands/plan.py": "from footcore.web import app\n",
        },
    )
    assert forbidden(graph(known)) == {("footcore.cli.commands.plan", "footcore.web.app"): [1]}
