# ruff: noqa: INP001 - pytest finds this file by its folder; docs/ is not a package
"""Run every example in the documentation as a test.

``pytest --doctest-glob="*.rst" docs`` runs the ``>>>`` examples of each page. This file adds
the terminal examples: every ``.. code-block:: console`` block whose commands all start with
``$ sistercities`` runs through :func:`sistercities.cli.main`, and its output must match the page
(``...`` stands for any text, as in doctests). Both kinds run in a fresh folder holding a copy of
``docs/examples/`` and of the repository's ``data/``, so that the pages can read and write files
by plain names, as a reader would in a folder of their own.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

# Not pages: the build output, generated fragments, the Sphinx configuration and extensions.
collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*", "_generated/*", "_ext/*", "examples/*"]

_CONSOLE = re.compile(r"^( *)\.\. code-block:: console\n((?:\1 {3}.*\n|\n)+)", re.MULTILINE)
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def examples_copy(folder: Path) -> Path:
    """Fill ``folder`` with the example files, and the repository's data/ as ``data``."""
    shutil.copytree(HERE / "examples", folder, dirs_exist_ok=True)
    data = HERE.parent / "data"
    if data.is_dir():
        shutil.copytree(data, folder / "data")
    return folder


@pytest.fixture(autouse=True)
def _in_examples_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each doctest in a temporary copy of the examples (console examples do it alone)."""
    monkeypatch.chdir(examples_copy(tmp_path))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect the terminal examples of each page."""
    if file_path.suffix == ".rst" and HERE in file_path.parents:
        return ConsolePage.from_parent(parent, path=file_path)
    return None


class ConsolePage(pytest.File):
    """The ``sistercities`` terminal examples of one page."""

    def collect(self) -> Iterator[pytest.Item]:
        """One item per console block that runs only ``sistercities`` commands."""
        text = self.path.read_text(encoding="utf-8")
        for match in _CONSOLE.finditer(text):
            indent = len(match.group(1)) + 3
            lines = [line[indent:] for line in match.group(2).rstrip("\n").split("\n")]
            commands = [line for line in lines if line.startswith("$ ")]
            if commands and all(c.startswith("$ sistercities ") for c in commands):
                number = text.count("\n", 0, match.start()) + 1
                yield ConsoleExample.from_parent(self, name=f"line {number}", lines=lines)


class ConsoleExample(pytest.Item):
    """Commands and the output the page shows for them."""

    def __init__(self, *, lines: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines = lines

    def runtest(self) -> None:
        """Run each command in turn and compare what it prints with the page."""
        steps: list[tuple[str, list[str]]] = []
        for line in self.lines:
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        checker = doctest.OutputChecker()
        with tempfile.TemporaryDirectory() as folder, contextlib.chdir(examples_copy(Path(folder))):
            outputs = [run(command) for command, _ in steps]
        for (command, expected), got in zip(steps, outputs, strict=True):
            want = "\n".join(expected).strip("\n") + "\n"
            if not checker.check_output(want, got or "\n", _FLAGS):
                msg = f"$ {command}\n--- the page shows:\n{want}--- the command printed:\n{got}"
                raise AssertionError(msg)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the example is, for pytest's report."""
        return self.path, 0, f"console example, {self.name}"


def run(command: str) -> str:
    """What ``command`` (a ``sistercities`` command line) prints, stdout and stderr together.

    A final ``> FILE`` sends standard output to that file, as a shell would.
    """
    from sistercities.cli import main  # noqa: PLC0415 - imported when the examples run

    argv = shlex.split(command)[1:]
    target = None
    if len(argv) >= 2 and argv[-2] == ">":
        *argv, _, target = argv
    raw, errors = io.BytesIO(), io.BytesIO()
    terminal = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
    stderr = terminal if target is None else io.TextIOWrapper(errors, write_through=True)
    with (
        contextlib.redirect_stdout(terminal),
        contextlib.redirect_stderr(stderr),
        contextlib.suppress(SystemExit),
    ):
        main(argv)
    if target is not None:
        Path(target).write_bytes(raw.getvalue())
        raw = errors
    return raw.getvalue().decode("utf-8").replace("\r\n", "\n")
