"""The `sistercities` command: in-process through `main`, and a few runs as a user runs it.

Most tests call :func:`sistercities.cli.main` with stdout and stderr captured as bytes, which is
what a terminal or a pipe receives; the smoke tests at the end run the installed command in a
subprocess, to prove that the entry points reach the same code.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from icalendar import Calendar

import sistercities
from sistercities import load
from sistercities.cli import main
from sistercities.export import schema

# One small valid dataset in the single-file TOML form that --data and validate accept.
GOOD_DATASET = """\
format = 2
data_version = "test-1"
checked = "2024-01-01"

[[cities]]
id = "alpha"
name = "Alpha"
country = "BE"
kind = "city"
names = { zh = "阿尔法" }
coordinates = { lat = 50.5, lon = 4.25, source = "alpha" }
population = { count = 1000, reference_date = "2020", source = "alpha" }

[[cities]]
id = "beta"
name = "Beta"
country = "FR"
kind = "city"
coordinates = { lat = -33.9, lon = -70.6, source = "beta" }

[[relations]]
id = "alpha--beta"
cities = ["alpha", "beta"]
kind = "sister-city"
established = "2000-02-29"
established_source = "tie"

[[sources]]
key = "alpha"
url = "https://example.org/alpha"
title = "Alpha"
publisher = "Example"
accessed = "2024-01-01"

[[sources]]
key = "beta"
url = "https://example.org/beta"
title = "Beta"
publisher = "Example"
accessed = "2024-01-01"

[[sources]]
key = "tie"
url = "https://example.org/tie"
title = "Tie"
publisher = "Example"
accessed = "2024-01-01"
"""


@attrs.frozen
class Result:
    """What a run of the command left: its exit status and the bytes of its two streams."""

    returncode: int
    stdout: bytes
    stderr: bytes


def run(*args: str | Path) -> Result:
    """Run the command in this process, as the console script would run it."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="", write_through=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            status = main([str(arg) for arg in args])
        except SystemExit as leaving:
            status = leaving.code if isinstance(leaving.code, int) else 0
    return Result(status, out.getvalue(), err.getvalue())


def run_installed(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """Run the installed console script (or ``python -m`` without one) in a subprocess."""
    installed = shutil.which("sistercities")
    command = [installed] if installed else [sys.executable, "-m", "sistercities"]
    return subprocess.run(
        [*command, *map(str, args)], capture_output=True, timeout=120, check=False
    )


def vevents(output: bytes) -> list[Any]:
    """The events of a calendar read by icalendar; their properties vary in type, hence Any."""
    return list(Calendar.from_ical(output.decode("utf-8")).walk("VEVENT"))


def error_line(result: Result | subprocess.CompletedProcess[bytes]) -> str:
    """The single line on stderr of a failed run, checked to be one clean error line."""
    stderr = result.stderr.decode()
    assert result.stdout == b""
    assert "Traceback" not in stderr
    assert stderr.endswith("\n")
    assert stderr.count("\n") == 1
    assert stderr.startswith("sistercities: error: ")
    return stderr


@pytest.fixture
def good_dataset(tmp_path: Path) -> Path:
    path = tmp_path / "good.toml"
    path.write_text(GOOD_DATASET, encoding="utf-8")
    return path


@pytest.fixture
def bad_dataset(tmp_path: Path) -> Path:
    # Two problems: a tie to a city that does not exist, and a country code that does not.
    text = GOOD_DATASET.replace('cities = ["alpha", "beta"]', 'cities = ["alpha", "gamma"]')
    text = text.replace('id = "alpha--beta"', 'id = "alpha--gamma"')
    text = text.replace('country = "FR"', 'country = "XX"')
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_anniversaries_as_ics_hold_the_brussels_30th() -> None:
    """The issue's example gives a calendar with Beijing–Brussels' 30th on 2024-09-22."""
    result = run("anniversaries", "--from", "2024-09-01", "--to", "2024-09-30", "--format", "ics")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"\r\n") == result.stdout.count(b"\n")
    (event,) = (
        e
        for e in vevents(result.stdout)
        if str(e["UID"]) == "beijing--brussels-capital-region.established.2024@sistercities"
    )
    assert event["DTSTART"].dt == dt.date(2024, 9, 22)
    assert str(event["SUMMARY"]).startswith("30th anniversary of the Beijing – Brussels")


def test_anniversaries_ics_with_an_alarm() -> None:
    """--alarm-days adds an alarm that many days before each event."""
    result = run(
        "anniversaries",
        "--from",
        "2024-09-22",
        "--days",
        "1",
        "--format",
        "ics",
        "--alarm-days",
        "2",
    )
    assert result.returncode == 0, result.stderr
    (event,) = vevents(result.stdout)
    assert event.walk("VALARM")[0]["TRIGGER"].dt == -dt.timedelta(days=2)


def test_anniversaries_as_text() -> None:
    """Text output gives one readable line per anniversary, with its date first."""
    result = run(
        "anniversaries", "--from", "2024-09-22", "--to", "2024-09-22", "--city", "Brussels"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == [
        (
            "2024-09-22  30th anniversary of the Beijing – Brussels-Capital Region sister-city "
            "tie (established 1994-09-22)"
        )
    ]


def test_anniversaries_as_json_with_milestones() -> None:
    """JSON output lists the selected milestones with their dates, years and relations."""
    result = run(
        "anniversaries", "--from", "2024", "--to", "2024", "--milestones", "30", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found
    assert all(item["years"] == 30 for item in found)
    brussels = next(i for i in found if i["relation"] == "beijing--brussels-capital-region")
    assert brussels["date"] == "2024-09-22"
    assert brussels["ordinal"] == "30th"


def test_several_milestones_select_those_years_only() -> None:
    """--milestones with several numbers keeps exactly those numbers of years."""
    result = run(
        "anniversaries", "--from", "2024", "--to", "2024", "--format", "json",
        "--milestones", "30,37", "24",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    years = {item["years"] for item in json.loads(result.stdout)}
    assert years <= {24, 30, 37}
    assert {30, 37} <= years


def test_anniversaries_default_to_the_coming_year() -> None:
    """Without a window the command lists the next 365 days from today and succeeds."""
    result = run("anniversaries", "--format", "json")
    assert result.returncode == 0, result.stderr
    today = dt.date.today()
    for item in json.loads(result.stdout):
        assert today <= dt.date.fromisoformat(item["date"]) < today + dt.timedelta(days=365)


def test_days_counts_from_the_start() -> None:
    """--days N covers N days starting with --from."""
    result = run("anniversaries", "--from", "2024-09-16", "--days", "7", "--format", "json")
    assert result.returncode == 0, result.stderr
    dates = {item["date"] for item in json.loads(result.stdout)}
    assert "2024-09-22" in dates
    assert all("2024-09-16" <= date <= "2024-09-22" for date in dates)


def test_city_profile() -> None:
    """`city` shows the name, other names, country, kind, figures, head and dated ties."""
    result = run("city", "bruxelles")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert text.startswith("Brussels-Capital Region\n")
    for expected in (
        "布鲁塞尔首都大区 (zh)",
        "BE",
        "capital-region",
        "1,255,795 (2025-01-01, jurisdiction)",
        "161 km² (date not stated, jurisdiction)",
        "Minister-President Boris Dilliès (since 2026-02-14; confirmed 2026-02-14)",
        "1994-09-22  sister-city with Beijing (CN)",
    ):
        assert expected in text


def test_since_lists_ties_oldest_first() -> None:
    """`since` lists the ties established on or after the date, oldest first."""
    result = run("since", "1994-09-22", "--city", "Brussels")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines == [
        "1994-09-22  Beijing (CN) – Brussels-Capital Region (BE)  sister-city",
    ]


def test_since_can_leave_out_ended_ties() -> None:
    """`since --active` leaves out ties that were ended; without it they are listed."""
    everything = run("since", "2000").stdout.decode()
    active = run("since", "2000", "--active").stdout.decode()
    ended = [r for r in sistercities.relations_since("2000") if r.ended is not None]
    assert len(everything.splitlines()) == len(active.splitlines()) + len(ended)
    assert "ended" not in active


@pytest.mark.parametrize("fmt", ["json", "csv", "geojson", "ics"])
def test_export_writes_each_format_to_a_file(tmp_path: Path, fmt: str) -> None:
    """`export --output FILE` writes the format, and standard output then stays empty."""
    path = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--output", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert path.stat().st_size > 0


def test_export_json_validates_and_loads_back(tmp_path: Path) -> None:
    """The exported JSON validates against the schema and loads back equal to the dataset."""
    result = run("export", "--format", "json")
    assert result.returncode == 0, result.stderr
    jsonschema.validate(json.loads(result.stdout), schema())
    path = tmp_path / "export.json"
    path.write_bytes(result.stdout)
    assert load(path) == sistercities.dataset()


def test_export_json_of_one_city() -> None:
    """`export --city` writes only that city's ties and their cities."""
    result = run("export", "--format", "json", "--city", "Brussels")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [city["id"] for city in document["cities"]] == [
        "beijing",
        "berlin",
        "brussels-capital-region",
    ]
    # Beijing's and Berlin's networks are not whole in this part, so they are left out.
    assert document["networks"] == []


def test_export_csv_tables() -> None:
    """CSV export gives the relations table, or the cities table with --table cities."""
    relations = run("export", "--format", "csv")
    assert relations.returncode == 0, relations.stderr
    rows = list(csv.DictReader(io.StringIO(relations.stdout.decode(), newline="")))
    assert len(rows) == len(sistercities.relations())
    cities = run("export", "--format", "csv", "--table", "cities")
    rows = list(csv.DictReader(io.StringIO(cities.stdout.decode(), newline="")))
    assert [row["id"] for row in rows] == [city.id for city in sistercities.cities()]


def test_export_geojson_and_ics_from_a_user_dataset(good_dataset: Path) -> None:
    """--data exports the user's dataset: GeoJSON in lon-lat order, a leap-day yearly event."""
    geojson = run("--data", good_dataset, "export", "--format", "geojson")
    assert geojson.returncode == 0, geojson.stderr
    document = json.loads(geojson.stdout)
    assert [f["id"] for f in document["features"]] == ["alpha", "beta", "alpha--beta"]
    assert document["features"][1]["geometry"]["coordinates"] == [-70.6, -33.9]
    ics = run("--data", good_dataset, "export", "--format", "ics")
    assert ics.returncode == 0, ics.stderr
    (event,) = vevents(ics.stdout)
    assert event["RRULE"]["BYMONTHDAY"] == [-1]
    assert event["DTSTAMP"].dt.date() == dt.date(2024, 1, 1)


def test_validate_a_good_dataset(good_dataset: Path) -> None:
    """`validate` on a valid dataset prints one OK line and exits 0."""
    result = run("validate", good_dataset)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == [
        f"OK: {good_dataset}: 2 cities, 1 relations, data version test-1"
    ]


def test_validate_a_bad_dataset_lists_every_problem(bad_dataset: Path) -> None:
    """`validate` on an invalid dataset prints each problem on its own line and exits 1."""
    result = run("validate", bad_dataset)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    assert any("country" in line for line in lines)
    assert any("gamma" in line for line in lines)
    assert all(line.startswith(str(bad_dataset)) for line in lines)
    assert result.stderr.decode() == f"sistercities: error: {bad_dataset}: 2 problems\n"


def test_validate_a_missing_path(tmp_path: Path) -> None:
    """`validate` on a path that does not exist reports it and exits 1."""
    result = run("validate", tmp_path / "nowhere")
    assert result.returncode == 1
    assert "no such file or folder" in result.stdout.decode()


def test_invalid_dataset_is_one_error_line(bad_dataset: Path) -> None:
    """Any command on an invalid --data dataset fails with one line and exit status 1."""
    result = run("--data", bad_dataset, "city", "Alpha")
    assert result.returncode == 1
    line = error_line(result)
    assert f"{bad_dataset} is not a valid dataset (2 problems)" in line
    assert f"validate {bad_dataset}" in line


def test_unknown_city_is_one_error_line() -> None:
    """An unknown city fails with exit status 1 and one line suggesting close matches."""
    result = run("city", "Brusels")
    assert result.returncode == 1
    line = error_line(result)
    assert "no city is named 'Brusels'" in line
    assert "did you mean" in line


@pytest.mark.parametrize(
    "args",
    [
        ("since", "22/09/1994"),
        ("since", "2023-02-29"),
        ("anniversaries", "--from", "tomorrow"),
        ("anniversaries", "--to", "2024-13"),
    ],
)
def test_bad_date_is_a_usage_error(args: tuple[str, ...]) -> None:
    """A date that is not YYYY, YYYY-MM or YYYY-MM-DD fails with one line and status 2."""
    result = run(*args)
    assert result.returncode == 2
    assert "date" in error_line(result) or "exist" in result.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        ("anniversaries", "--from", "2025", "--to", "2024"),
        ("anniversaries", "--to", "2024", "--days", "3"),
        ("anniversaries", "--days", "0"),
        ("anniversaries", "--milestones", "five"),
        ("anniversaries", "--alarm-days", "2"),
        ("anniversaries", "--format", "pdf"),
        ("export", "--format", "json", "--table", "cities"),
        ("export", "--format", "csv", "--alarm-days", "1"),
        ("export",),
        ("frobnicate",),
        (),
    ],
)
def test_usage_mistakes_are_one_error_line(args: tuple[str, ...]) -> None:
    """Wrong options, missing ones and impossible windows fail with one line and status 2."""
    result = run(*args)
    assert result.returncode == 2
    error_line(result)


def test_unwritable_output_is_one_error_line(tmp_path: Path) -> None:
    """An output file that cannot be created fails with one line and status 1."""
    result = run("export", "--format", "json", "--output", tmp_path / "missing" / "out.json")
    assert result.returncode == 1
    assert "missing" in error_line(result)


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    """Escape sequences in a dataset or an argument are shown escaped, never passed through."""
    path = tmp_path / "hostile.toml"
    path.write_text(GOOD_DATASET.replace('id = "beta"', 'id = "\\u001b]0;pwned\\u0007"'))
    result = run("validate", path)
    assert result.returncode == 1
    assert b"\x1b" not in result.stdout + result.stderr
    assert b"\x07" not in result.stdout + result.stderr
    assert b"\\x1b]0;pwned" in result.stdout
    result = run("city", "\x1b[2J")
    assert b"\x1b" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "subcommand", [(), ("city",), ("since",), ("anniversaries",), ("export",), ("validate",)]
)
def test_every_command_has_help(subcommand: tuple[str, ...]) -> None:
    """--help works for the command and every subcommand, and exits 0."""
    result = run(*subcommand, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("usage: sistercities")


def test_help_lists_every_command() -> None:
    """The top-level help names every subcommand and the --data option."""
    text = run("--help").stdout.decode()
    for name in ("city", "since", "anniversaries", "export", "validate", "--data"):
        assert name in text


def test_python_dash_m_runs_the_same_command() -> None:
    """`python -m sistercities` is the same command as the console script."""
    result = subprocess.run(
        [sys.executable, "-m", "sistercities", "since", "1994-09-22", "--city", "Brussels"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == run("since", "1994-09-22", "--city", "Brussels").stdout


def test_the_installed_command_writes_a_calendar_and_one_error_line() -> None:
    """The console script exports bytes equal to the in-process run's, and fails in one line."""
    window = ("anniversaries", "--from", "2024-09-01", "--days", "30", "--format", "ics")
    result = run_installed(*window)
    assert result.returncode == 0, result.stderr
    assert result.stdout == run(*window).stdout
    assert "no city is named" in error_line(run_installed("city", "Atlantis"))


def test_version() -> None:
    """--version prints the installed version."""
    result = run_installed("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"sistercities {sistercities.__version__}"


def test_networks_lists_each_network_and_its_ties() -> None:
    """`networks` lists the three networks; with a city, that network's ties, oldest first."""
    result = run("networks")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert [line.split()[0] for line in lines] == ["beijing", "berlin", "tokyo"]
    assert "19 ties, 19 not ended" in lines[1]
    tokyo = run("networks", "Tokyo").stdout.decode().splitlines()
    assert len(tokyo) == 12
    assert tokyo[0].startswith("1960-02-29  Tokyo Metropolis (JP) – New York City (US)")
    assert any(line.endswith("suspended 2022-03-11") for line in tokyo)
    assert "does not hold the complete network of 'paris'" in error_line(run("networks", "Paris"))


def test_export_csv_names_in_another_language() -> None:
    """`--language` picks the language of the cities table's names column."""
    result = run("export", "--format", "csv", "--table", "cities", "--language", "ja")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode(), newline="")))
    assert next(row for row in rows if row["id"] == "tokyo")["name_ja"] == "東京都"
    assert "--language needs" in error_line(run("export", "--format", "csv", "--language", "ja"))


def test_a_name_with_spaces_needs_no_quotes() -> None:
    """`city new york city` finds New York City without quotes."""
    result = run("city", "new", "york", "city")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("New York City\n")


def test_an_empty_result_says_so() -> None:
    """`since` with no tie to list says so on stderr and prints nothing on stdout."""
    result = run("since", "2026-11")
    assert result.returncode == 0
    assert result.stdout == b""
    assert result.stderr.decode() == "sistercities: no ties established since 2026-11\n"


@pytest.mark.parametrize("days", ["0", "-5", "x"])
def test_every_bad_bound_gets_the_same_message(days: str) -> None:
    """`--days` gives the same bound whatever the bad value."""
    assert "expected a whole number >= 1" in error_line(run("anniversaries", "--days", days))


def test_anniversaries_include_every_dated_tie_by_default() -> None:
    """The headline command lists every tie with a date; a finer precision says what it hides."""
    window = ("anniversaries", "--from", "2026-01-01", "--days", "365")
    every = run(*window)
    assert every.returncode == 0, every.stderr
    assert every.stderr == b""
    lines = every.stdout.decode().splitlines()
    dated_active = [
        r
        for r in sistercities.relations()
        if r.established is not None
        and r.established.year < 2026
        and r.status_on(dt.date(2026, 12, 31)) is sistercities.TieStatus.ACTIVE
    ]
    assert len(lines) == len(dated_active)
    # A tie known to the month shows its month, one known to the year its year.
    assert any(line[:10] == "2026-10   " for line in lines)
    day = run(*window, "--precision", "day")
    shown = len(day.stdout.decode().splitlines())
    assert 0 < shown < len(lines)
    assert day.stderr.decode() == (
        f"sistercities: {len(lines) - shown} more anniversaries of ties known only to the month "
        "or the year left out; --precision year brings them in\n"
    )
    as_json = run(*window, "--precision", "day", "--format", "json")
    assert len(json.loads(as_json.stdout)) == shown
    assert as_json.stderr == day.stderr
    month = run(*window, "--precision", "month")
    assert "known only to the year left out" in month.stderr.decode()
    calendar = vevents(run(*window, "--format", "ics").stdout)
    assert len(calendar) == len(lines)


def test_export_geojson_one_layer() -> None:
    """`--layer cities` writes the points alone, for tools that take one geometry type a layer."""
    result = run("export", "--format", "geojson", "--layer", "cities")
    assert result.returncode == 0, result.stderr
    types = {f["geometry"]["type"] for f in json.loads(result.stdout)["features"]}
    assert types == {"Point"}
    assert "--layer needs" in error_line(run("export", "--format", "csv", "--layer", "cities"))


@pytest.mark.parametrize(
    "window", [("--days", "10000000"), ("--from", "9999-12-01"), ("--from", "9999-12-31")]
)
def test_windows_past_the_calendar_s_end_are_one_error_line(window: tuple[str, str]) -> None:
    """Dates past the calendar's end give one error line, never a traceback."""
    assert "reach past the calendar's end" in error_line(run("anniversaries", *window))


def test_data_is_accepted_after_the_command(good_dataset: Path) -> None:
    """`--data` works after the command as before it, and before wins over nothing."""
    before = run("--data", good_dataset, "city", "Alpha")
    after = run("city", "Alpha", "--data", good_dataset)
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
    assert after.stdout.decode().startswith("Alpha\n")
