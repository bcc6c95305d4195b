"""The compiled catalogues kept between processes (footcore.i18n.keep_in): read back when they
were compiled from exactly the ``.po`` file and Babel at hand, compiled anew when either
changed or the kept copy is damaged, written whole, and never in the way when they cannot be
written."""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator
from pathlib import Path

import babel
import pytest
from babel.messages import pofile

from footcore import i18n

SPANISH_PO = i18n.catalogue_path("es")


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts as a new process would: nothing compiled, no directory named."""
    monkeypatch.setattr(i18n, "_WHERE", {})
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


def _new_process() -> None:
    i18n.translations.cache_clear()


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("compiled the .po file again")

    monkeypatch.setattr(pofile, "read_po", refuse)


def _copy_of_the_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    po = tmp_path / "messages.po"
    po.write_bytes(SPANISH_PO.read_bytes())
    monkeypatch.setattr(i18n, "catalogue_path", lambda language: po)
    return po


def test_the_second_process_reads_the_kept_copy_and_compiles_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n.keep_in(lambda: tmp_path)
    assert i18n.translations("es").gettext("Language") == "Idioma"
    assert [p.name for p in tmp_path.iterdir()] == ["messages-es.marshal"]
    _new_process()
    _no_compiling(monkeypatch)
    assert i18n.translations("es").gettext("Language") == "Idioma"


def test_the_kept_copy_says_what_the_compiled_one_says(tmp_path: Path) -> None:
    fresh = i18n.translations("es")
    i18n.keep_in(lambda: tmp_path)
    _new_process()
    i18n.translations("es")
    _new_process()
    kept = i18n.translations("es")
    assert kept is not fresh
    assert dict(kept._catalog) == dict(fresh._catalog)
    assert kept.ngettext("%(n)s day", "%(n)s days", 2) == fresh.ngettext(
        "%(n)s day", "%(n)s days", 2
    )


def test_an_edited_po_file_is_compiled_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = _copy_of_the_po(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    i18n.keep_in(lambda: cache)
    assert i18n.translations("es").gettext("Language") == "Idioma"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('msgid "Language"\nmsgstr "Idioma"', 'msgid "Language"\nmsgstr "Lengua"'),
        encoding="utf-8",
    )
    _new_process()
    assert i18n.translations("es").gettext("Language") == "Lengua"
    _new_process()
    _no_compiling(monkeypatch)
    assert i18n.translations("es").gettext("Language") == "Lengua"


def test_another_babel_compiles_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    i18n.keep_in(lambda: tmp_path)
    i18n.translations("es")
    _new_process()
    monkeypatch.setattr(babel, "__version__", "0.0.0")
    calls: list[object] = []
    read_po = pofile.read_po

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return read_po(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pofile, "read_po", counted)
    assert i18n.translations("es").gettext("Language") == "Idioma"
    assert len(calls) == 1


def _real_copy() -> bytes:
    """The kept file's bytes for the shipped Spanish catalogue."""
    po = SPANISH_PO.read_bytes()
    return marshal.dumps([[babel.__version__, po], i18n._compile(po, "es")])


def _kept(where: Path) -> object:
    """What the kept file holds (marshal's bytes for the same values may differ)."""
    return marshal.loads(where.read_bytes())


@pytest.mark.parametrize(
    "damage",
    [
        lambda: b"",
        lambda: b"\x00garbage",
        lambda: _real_copy()[: len(_real_copy()) // 2],  # a partial file
        lambda: marshal.dumps([{"forged": 1}]),
        lambda: marshal.dumps([[babel.__version__, SPANISH_PO.read_bytes()], "not bytes"]),
        # compiled from the same .po, but not a catalogue at all: gettext refuses the bytes
        lambda: marshal.dumps([[babel.__version__, SPANISH_PO.read_bytes()], b"\xde\x12\x04"]),
        lambda: marshal.dumps([[babel.__version__, SPANISH_PO.read_bytes()], b"x" * 64]),
    ],
)
def test_a_damaged_copy_is_compiled_anew_and_replaced(tmp_path: Path, damage: object) -> None:
    assert callable(damage)
    bad = damage()
    where = i18n.compiled_file("es", tmp_path)
    where.write_bytes(bad)
    i18n.keep_in(lambda: tmp_path)
    assert i18n.translations("es").gettext("Language") == "Idioma"
    assert _kept(where) == marshal.loads(_real_copy())


def test_the_copy_is_written_whole_then_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moves: list[tuple[str, str]] = []
    replace = os.replace

    def watched(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        moves.append((Path(src).name, Path(dst).name))
        assert _kept(Path(src)) == marshal.loads(_real_copy())  # whole before it is in place
        replace(src, dst)

    monkeypatch.setattr(os, "replace", watched)
    i18n.keep_in(lambda: tmp_path)
    i18n.translations("es")
    assert moves == [(f"messages-es.marshal.{os.getpid()}.tmp", "messages-es.marshal")]
    assert [p.name for p in tmp_path.iterdir()] == ["messages-es.marshal"]


def test_a_cache_directory_that_cannot_be_made_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the directory would go", encoding="utf-8")
    i18n.keep_in(lambda: blocked / "cache")
    assert i18n.translations("es").gettext("Language") == "Idioma"
    assert list(tmp_path.iterdir()) == [blocked]


def test_a_process_that_names_no_directory_keeps_nothing(tmp_path: Path) -> None:
    assert i18n.translations("es").gettext("Language") == "Idioma"
    i18n.keep_in(lambda: tmp_path)
    i18n.keep_in(None)
    _new_process()
    i18n.translations("es")
    assert list(tmp_path.iterdir()) == []
