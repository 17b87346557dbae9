from __future__ import annotations

import os
import stat
import threading
from importlib.resources import files
from pathlib import Path

import pytest

import sistercities
from sistercities import _cache, _default
from sistercities.loader import load_shipped


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SISTERCITIES_CACHE_DIR", str(folder))
    monkeypatch.delenv("SISTERCITIES_NO_CACHE", raising=False)
    return folder


def test_a_cached_dataset_equals_a_fresh_load(cache: Path) -> None:
    """The second load comes from the cache and equals the dataset loaded from the files."""
    built: list[int] = []

    def build() -> sistercities.Dataset:
        built.append(1)
        return load_shipped()

    first = _cache.cached(files("sistercities.data"), build)
    second = _cache.cached(files("sistercities.data"), build)
    assert built == [1]
    assert first == second == load_shipped()
    assert second.get_city("bruxelles").id == "brussels-capital-region"
    (entry,) = cache.iterdir()
    assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0


def test_a_damaged_entry_is_rebuilt(cache: Path) -> None:
    """A cache file that cannot be unpickled is ignored and replaced."""
    _cache.cached(files("sistercities.data"), load_shipped)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not a pickle")
    assert _cache.cached(files("sistercities.data"), load_shipped) == load_shipped()
    assert entry.read_bytes() != b"not a pickle"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_entry_others_can_write_is_not_read(cache: Path) -> None:
    """A cache file writable by other users is never unpickled."""
    _cache.cached(files("sistercities.data"), load_shipped)
    (entry,) = cache.iterdir()
    entry.chmod(0o666)
    calls: list[int] = []

    def build() -> sistercities.Dataset:
        calls.append(1)
        return load_shipped()

    _cache.cached(files("sistercities.data"), build)
    assert calls == [1]


def test_changed_data_gets_a_new_entry(tmp_path: Path) -> None:
    """Editing any data file changes the cache key, so stale data is never served."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.toml").write_text("x = 1\n", encoding="utf-8")
    before = _cache._digest(data)
    (data / "a.toml").write_text("x = 2\n", encoding="utf-8")
    assert _cache._digest(data) != before


def test_the_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With SISTERCITIES_NO_CACHE set, nothing is written and every load builds."""
    monkeypatch.setenv("SISTERCITIES_NO_CACHE", "1")
    assert _cache.cache_dir() is None
    _cache.cached(files("sistercities.data"), load_shipped)
    assert not cache.exists()


def test_an_unwritable_cache_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the cache folder cannot be created, the dataset still loads."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SISTERCITIES_CACHE_DIR", str(blocker / "cache"))
    assert _cache.cached(files("sistercities.data"), load_shipped) == load_shipped()


@pytest.mark.usefixtures("cache")
def test_many_threads_share_one_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads asking for the shipped dataset at the same moment get one object, loaded once."""
    monkeypatch.setattr(_default, "_dataset", None)
    loads: list[int] = []
    real = _default._load_shipped

    def counting() -> sistercities.Dataset:
        loads.append(1)
        return real()

    monkeypatch.setattr(_default, "_load_shipped", counting)
    barrier = threading.Barrier(16)
    results: list[sistercities.Dataset] = []

    def ask() -> None:
        barrier.wait()
        results.append(sistercities.dataset())

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
    assert len(results) == 16
    assert all(result is results[0] for result in results)
