"""Tasks: ``nox -s tests lint typecheck docs bench fuzz build`` (``nox -l`` lists them)."""

from __future__ import annotations

import os

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite and the doctests against the installed package, not the checkout."""
    # A plain (non-editable) install builds the wheel, so a file missing from it fails here.
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run(
        "pytest",
        "tests",
        "README.md",
        "--doctest-glob=README.md",
        "--pyargs",
        "sistercities",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "ci" if os.environ.get("CI") else "dev"},
    )
    # Every example in the documentation is a doctest, so none can go stale.
    session.run("pytest", "--doctest-glob=*.rst", "docs")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Check types with mypy --strict."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "typecheck"))
    session.run("mypy")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the HTML documentation into docs/_build/html, treating every warning as an error."""
    # A plain install, as in `tests`, so that the pages are made from the data the wheel ships.
    session.install(".[hypothesis]", *nox.project.dependency_groups(PYPROJECT, "docs"))
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Run the benchmarks and print their table; ``-- --quick`` for fewer repetitions."""
    # A plain install, so that start-up is measured as users get it, not from a checkout.
    session.install(".", "pycountry", "msgspec")
    session.run("python", "bench/run.py", *session.posargs)


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Fuzz the loader and the exports with atheris for a bounded time (default 120 s)."""
    session.install(".", "atheris")
    seconds = session.posargs[0] if session.posargs else "120"
    corpus = "fuzz/_corpus"  # grows across runs; the committed seeds stay as they are
    session.run("python", "-c", f"import pathlib; pathlib.Path('{corpus}').mkdir(exist_ok=True)")
    session.run(
        "python",
        "fuzz/fuzz_loader.py",
        corpus,
        "fuzz/seeds",
        f"-max_total_time={seconds}",
        "-print_final_stats=1",
    )


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/."""
    session.install("build")
    session.run("python", "-m", "build")
