"""The package as users get it: the built wheel, the data inside it, a light import."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

QUERY = """
import datetime as dt, json, sys, sistercities
brussels = sistercities.get_city("Brussels")
print(json.dumps({
    "file": sistercities.__file__,
    "bruxelles": sistercities.get_city("bruxelles").id,
    "since": [r.id for r in sistercities.relations_since(dt.date(1994, 1, 1))],
    "anniversaries": [
        [a.relation.id, a.date.isoformat(), a.years]
        for a in sistercities.anniversaries(dt.date(2024, 9, 1), dt.date(2024, 9, 30))
    ],
    "name": brussels.name,
    "parsers": sorted(m for m in sys.modules if m.split(".")[0] in {"tomllib", "cattrs"}),
}))
"""


def shipped_data_files() -> set[str]:
    data = ROOT / "data"
    return {
        path.relative_to(data).as_posix()
        for path in data.rglob("*")
        if path.is_file() and path.suffix in {".toml", ".md", ".py"}
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel freshly built from the checkout, without network access."""
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs the source checkout")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("sistercities-*.whl")
    return built


def test_the_wheel_carries_every_data_file(wheel: Path) -> None:
    """Every file of data/ is in the wheel under sistercities/data/, and so is py.typed."""
    names = set(zipfile.ZipFile(wheel).namelist())
    packed = {
        n.removeprefix("sistercities/data/") for n in names if n.startswith("sistercities/data/")
    }
    assert shipped_data_files() <= packed
    assert "sistercities/py.typed" in names


def answers(site: Path, tmp_path: Path) -> dict[str, Any]:
    """Run the queries with ``site`` on the path, from an empty folder with an empty home."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", QUERY],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
        env={
            "PYTHONPATH": str(site),
            "PATH": "",
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "TMPDIR": str(work),
            # No bytecode is written either, so that any file left behind is the library's.
            "PYTHONDONTWRITEBYTECODE": "1",
        },
    )
    answer: dict[str, Any] = json.loads(result.stdout)
    assert Path(answer["file"]).is_relative_to(site)
    assert answer["name"] == "Brussels-Capital Region"
    assert answer["bruxelles"] == "brussels-capital-region"
    assert "beijing--brussels-capital-region" in answer["since"]
    assert ["beijing--brussels-capital-region", "2024-09-22", 30] in answer["anniversaries"]
    # The shipped data comes from its snapshot: no TOML is parsed and nothing is written.
    assert answer["parsers"] == []
    assert list(home.iterdir()) == []
    assert list(work.iterdir()) == []
    return answer


def pip_install(*args: str | Path) -> None:
    """Install without the network or build isolation, as the tests' environment allows."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *map(str, args)],
        check=True,
    )


def test_the_installed_wheel_answers_queries(wheel: Path, tmp_path: Path) -> None:
    """The wheel, installed into a fresh folder and used from elsewhere, answers the queries."""
    target = tmp_path / "site"
    pip_install("--target", target, wheel)
    answers(target, tmp_path)


def test_an_install_from_the_sdist_answers_queries(tmp_path: Path) -> None:
    """The source distribution builds and installs a package with the same shipped data."""
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs the source checkout")
    out = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", out, ROOT],
        check=True,
        capture_output=True,
    )
    (sdist,) = out.glob("sistercities-*.tar.gz")
    target = tmp_path / "site"
    pip_install("--no-build-isolation", "--target", target, sdist)
    answers(target, tmp_path)


def test_the_source_tree_answers_queries(tmp_path: Path) -> None:
    """An editable install puts src/ on the path; the package works from there unchanged."""
    if not (ROOT / "src" / "sistercities").is_dir():
        pytest.skip("needs the source checkout")
    answers(ROOT / "src", tmp_path)


def test_the_installed_package_holds_the_data() -> None:
    """The package in use reads its data through importlib.resources, every file present."""
    data = files("sistercities.data")
    for name in shipped_data_files():
        assert (data / name).is_file(), name


def test_import_is_light() -> None:
    """Importing sistercities loads no data and imports neither cattrs nor the export machinery."""
    code = (
        "import sys, sistercities; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'cattrs', 'tomllib', 'json'} "
        "or m.startswith(('sistercities.export', 'sistercities.loader', 'sistercities.cli'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == "[]"
