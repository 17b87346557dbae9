"""Any command line, however odd, ends in output or one error line: never a traceback."""

from __future__ import annotations

import contextlib
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from sistercities.cli import main

_WORDS = st.sampled_from(
    [
        "city",
        "networks",
        "since",
        "anniversaries",
        "export",
        "validate",
        "--from",
        "--to",
        "--days",
        "--city",
        "--milestones",
        "--precision",
        "--format",
        "--alarm-days",
        "--table",
        "--language",
        "--layer",
        "--include-ended",
        "--include-suspended",
        "--agreements",
        "--active",
        "--strict",
        "--help",
        "Tokyo",
        "北京",
        "beijing",
        "0",
        "-5",
        "10000000",
        "9999-12-31",
        "2024-02-29",
        "2023-02-29",
        "1994",
        "1994-13",
        "json",
        "csv",
        "ics",
        "geojson",
        "text",
        "cities",
        "relations",
        "month",
        "year",
        "5,10",
        "ja",
        "x",
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=6))
def test_any_command_line_ends_cleanly(argv: list[str]) -> None:
    """`main` returns a status or exits; no exception of another kind escapes it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            # validate reads the files a word names; the loader has its own fuzzing.
            status = main([word for word in argv if word != "validate"] or ["networks"])
        except SystemExit as leaving:
            status = leaving.code if isinstance(leaving.code, int) else 0
    assert status in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
