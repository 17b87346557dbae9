"""A Sphinx extension that writes the data pages' tables and pictures from the shipped dataset.

On ``builder-inited`` it loads the dataset the installed package ships and writes reStructuredText
fragments and two figures into ``docs/_generated/`` (git-ignored), which the pages under
``docs/data/`` include. A file is rewritten only when its content changes, so an unchanged dataset
does not make Sphinx rebuild the pages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import pycountry

import sistercities
from sistercities import City, Dataset, Network, OfficialCount, Relation, TieStatus
from sistercities.wording import area_phrase, head_phrase, population_phrase, standing_phrase

HERE: Final = Path(__file__).resolve().parent
DOCS: Final = HERE.parent
REPO: Final = DOCS.parent
OUT: Final = DOCS / "_generated"

# reStructuredText gives these characters a meaning inside running text.
_RST_SPECIAL: Final = re.compile(r"([\\`*_|<>\[\]])")


def setup(app: Any) -> dict[str, Any]:  # noqa: ANN401 - Sphinx passes its own application type
    """Register the generator with Sphinx."""
    app.connect("builder-inited", _generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def _generate(_app: object) -> None:
    generate(OUT)


def generate(out: Path) -> None:
    """Write every generated fragment and figure for the shipped dataset into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    data = sistercities.dataset()
    fragments = {
        "summary.rst": summary(data),
        "networks.rst": networks_overview(data),
        "relations.rst": "\n".join(relations_table(data, n) for n in data.networks()),
        "cities.rst": cities_table(data),
        "official-counts.rst": "\n".join(official_counts_table(data, n) for n in data.networks()),
        "reconciliation.rst": "\n".join(reconciliation(data, n) for n in data.networks()),
        "changelog.md": markdown_body(
            REPO / "data" / "CHANGELOG.md",
            "The data has no changelog file yet (`data/CHANGELOG.md`); until it has one, the "
            "history of the `data/` folder records what changed.",
        ),
        "reconciliation-notes.md": markdown_body(
            REPO / "data" / "RECONCILIATION.md",
            "The data has no written reconciliation yet (`data/RECONCILIATION.md`); the table "
            "below is computed from the records.",
        ),
        "schema.rst": schema_include(),
        "cli.rst": cli_help(),
    }
    for name, text in fragments.items():
        _write_if_changed(out / name, text)

    # matplotlib is imported here, not at the top, so that the tables need nothing but the package.
    from figures import timeline, world_map  # noqa: PLC0415

    for network in data.networks():
        _write_if_changed(out / f"timeline-{network.city}.svg", timeline(data, home=network.city))
        _write_if_changed(out / f"map-{network.city}.svg", world_map(data, home=network.city))


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# -- text helpers -----------------------------------------------------------------------------


def escape(text: str) -> str:
    """``text`` as literal reStructuredText: markup characters escaped, on one line."""
    return _RST_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def link(label: str, url: str) -> str:
    """An anonymous hyperlink, which may repeat the same label for different addresses."""
    return f"`{escape(label)} <{url}>`__"


def country(code: str) -> str:
    """The short English name of an ISO 3166-1 alpha-2 code, such as ``South Korea``."""
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


def list_table(header: Iterable[str], rows: Iterable[Iterable[str]], widths: str = "auto") -> str:
    """A ``list-table`` directive; every cell is already reStructuredText."""
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    for row in (list(header), *rows):
        for index, cell in enumerate(row):
            bullet = "   * - " if index == 0 else "     - "
            lines.append(bullet + (cell or "\\-"))
    return "\n".join(lines) + "\n"


def heading(text: str, underline: str) -> str:
    """A section title with its underline."""
    title = escape(text)
    return f"{title}\n{underline * len(title)}\n"


def _ties_at(data: Dataset, network: Network, day: dt.date) -> list[Relation]:
    """The network's ties on record on ``day``: established by then and not ended."""
    return [
        relation
        for relation in data.relations_of(network.city)
        if relation.established is not None
        and relation.established.earliest() <= day
        and relation.status_on(day) is not TieStatus.ENDED
    ]


def _standing(relation: Relation) -> str:
    """The tie's status after its last change, with the day of that change."""
    return standing_phrase(relation) or "active"


def _network_name(data: Dataset, network: Network) -> str:
    return data.get_city(network.city).name


# -- fragments --------------------------------------------------------------------------------


def summary(data: Dataset) -> str:
    """A field list with the data version, the check date and the totals."""
    info = data.info
    relations = data.relations()
    checked = info.checked.isoformat() if info.checked else "not stated"
    names = ", ".join(escape(_network_name(data, n)) for n in data.networks())
    return (
        f":Data version: ``{info.data_version or 'not stated'}``\n"
        f":Facts last checked: {checked}\n"
        f":Networks: {len(data.networks())} ({names})\n"
        f":Cities: {len(data.cities())}\n"
        f":Ties: {len(relations)} in all, {sum(r.is_active for r in relations)} not ended\n"
        f":Library version: {sistercities_version()}\n"
    )


def network_summary(data: Dataset, network: Network) -> str:
    """A field list with one network's totals."""
    ties = data.relations_of(network.city)
    statuses = [relation.status for relation in ties]
    active = [r for r in ties if r.status is TieStatus.ACTIVE]
    countries = {data.get_city(r.partner_of(network.city)).country for r in active}
    undated = [r for r in ties if r.established is None]
    return (
        f":Ties: {len(ties)} in all: {statuses.count(TieStatus.ACTIVE)} active, "
        f"{statuses.count(TieStatus.SUSPENDED)} suspended and "
        f"{statuses.count(TieStatus.ENDED)} ended\n"
        f":Countries of the active ties: {len(countries)}\n"
        f":Ties with no known date: {len(undated)}\n"
    )


def networks_overview(data: Dataset) -> str:
    """For each network: its totals, its ties over time and its map."""
    parts = []
    for network in data.networks():
        name = _network_name(data, network)
        parts += [
            heading(name, "-"),
            network_summary(data, network),
            f".. figure:: /_generated/timeline-{network.city}.svg",
            (
                f"   :alt: A step chart of the number of {escape(name)}'s ties in force at the "
                "end of each year, with the official counts marked; below it, bars of ties "
                "established and ended each year."
            ),
            "   :width: 100%",
            "",
            (
                f"   {escape(name)}'s ties in force at the end of each year, with the totals that "
                "official sources stated (see :doc:`reconciliation`). Ties with no known date "
                "are left out. Below: ties established (up) and ended (down) in each year."
            ),
            "",
            f".. figure:: /_generated/map-{network.city}.svg",
            (
                f"   :alt: A world map with a line from {escape(name)} to each partner; a second "
                "map shows the partners in Europe with their names."
            ),
            "   :width: 100%",
            "",
            (
                f"   Each line joins {escape(name)} to a partner; a dashed red line is a tie "
                "that has ended. The lines show ties, not routes."
            ),
            "",
        ]
    return "\n".join(parts)


def sistercities_version() -> str:
    """The version of the installed library that the pages were built with."""
    from importlib.metadata import version  # noqa: PLC0415 - only needed here

    return version("sistercities")


def relations_table(data: Dataset, network: Network) -> str:
    """Every tie of a network: partner, country, kind, dates, status and sources."""
    rows = []
    ties = data.relations_of(network.city)
    ordered = sorted(ties, key=lambda r: data.get_city(r.partner_of(network.city)).name)
    for relation in ordered:
        partner = data.get_city(relation.partner_of(network.city))
        established = relation.established
        status = _standing(relation)
        rows.append(
            [
                f"{escape(partner.name)} ({escape(partner.names['zh'])})"
                if "zh" in partner.names
                else escape(partner.name),
                f"{escape(country(partner.country))} (``{partner.country}``)",
                f"``{relation.kind.value}``",
                str(established) if established else "unknown",
                established.precision.value if established else "",
                status,
                ", ".join(link(source.publisher, source.url) for source in relation.sources),
            ]
        )
    header = ["Partner", "Country", "Kind", "Established", "Known to the", "Status", "Sources"]
    title = heading(f"{_network_name(data, network)}'s ties ({len(ties)})", "-")
    return title + "\n" + list_table(header, rows, widths="18 12 9 10 7 9 35")


def cities_table(data: Dataset) -> str:
    """Every city with its head of government and figures, each with the date it held."""
    rows = [_city_row(city) for city in sorted(data.cities(), key=lambda c: c.name)]
    header = ["City", "Country", "Head of government", "Population", "Area"]
    return list_table(header, rows, widths="18 10 30 21 21")


def _city_row(city: City) -> list[str]:
    head = city.government.head if city.government else None
    population, area = city.population, city.area
    return [
        escape(city.name),
        f"``{city.country}``",
        "not known on the checked date" if head is None else escape(head_phrase(city, head)),
        "" if population is None else escape(population_phrase(population)),
        "" if area is None else escape(area_phrase(area)),
    ]


def official_counts_table(data: Dataset, network: Network) -> str:
    """The totals that official sources gave for a network over time."""
    sources = {source.key: source for source in network.sources}
    rows = [
        [
            str(count.date),
            _number(count.sister_cities),
            _number(count.countries),
            _number(count.friendly_exchange),
            _number(count.combined_total),
            link(sources[count.source].publisher, sources[count.source].url)
            if count.source in sources
            else "",
            escape(count.note or ""),
        ]
        for count in network.official_counts
    ]
    header = [
        "As of",
        "Sister cities",
        "Countries",
        "District ties and friendly exchange",
        "Combined total",
        "Source",
        "Note",
    ]
    title = heading(f"{_network_name(data, network)}: the official counts", "-")
    return title + "\n" + list_table(header, rows, widths="8 7 7 8 7 18 45")


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def reconciliation(data: Dataset, network: Network) -> str:
    """A network's official totals set against the ties the dataset holds on the same dates."""
    home = network.city
    undated = [r for r in data.relations_of(home) if r.established is None]
    rows = []
    for count in network.official_counts:
        if count.sister_cities is None:
            continue
        day = count.date.latest()
        dated = _ties_at(data, network, day)
        # An undated tie may or may not have existed then; it is shown apart, never guessed.
        possible = [r for r in undated if r.status_on(day) is not TieStatus.ENDED]
        countries = {data.get_city(r.partner_of(home)).country for r in (*dated, *possible)}
        rows.append(
            [
                str(count.date),
                str(count.sister_cities),
                str(len(dated)),
                str(len(possible)),
                _difference(len(dated) + len(possible), count.sister_cities),
                _number(count.countries),
                str(len(countries)),
            ]
        )
    header = [
        "As of",
        "Official count",
        "Dated ties in force",
        "Undated ties",
        "Difference",
        "Official countries",
        "Countries in the dataset",
    ]
    intro = (
        "Each official total is set against the ties in the dataset that were in force on the "
        "same day: established on or before it and not yet ended. As in "
        ":func:`~sistercities.relations_since`, a tie dated only to the month or the year counts "
        "from its first day; a total dated only to the month or the year is taken at its end."
    )
    title = heading(f"{_network_name(data, network)}: the data against its counts", "-")
    text = [title, intro, "", list_table(header, rows)]
    if undated:
        names = ", ".join(escape(data.get_city(r.partner_of(home)).name) for r in undated)
        text += [
            (
                f"*Difference* counts the dated ties in force plus the {len(undated)} ties that no "
                f"source dates ({names}), since those may already have existed; *countries in "
                "the dataset* counts the partners' countries the same way. A difference of "
                "*none* means the dataset accounts for every tie the official total counts."
            ),
            "",
        ]
    latest = _latest_sister_count(network.official_counts)
    active = len(data.relations_of(home, include_ended=False))
    if latest is not None:
        text += [
            (
                f"Today the dataset holds {active} ties of {escape(_network_name(data, network))} "
                f"that have not ended, dated or not; the latest official count is "
                f"{latest.sister_cities}, as of {latest.date}."
            ),
            "",
        ]
    return "\n".join(text)


def _difference(held: int, official: int) -> str:
    if held == official:
        return "none"
    return f"{held - official:+d}"


def _latest_sister_count(counts: Iterable[OfficialCount]) -> OfficialCount | None:
    found = [count for count in counts if count.sister_cities is not None]
    return max(found, key=lambda count: count.date, default=None)


def cli_help() -> str:
    """The ``--help`` of the command and of each subcommand, as literal blocks under headings."""
    from sistercities.cli import main  # noqa: PLC0415 - only this fragment needs it

    parts = []
    commands = ([], ["city"], ["networks"], ["since"], ["anniversaries"], ["export"], ["validate"])
    for command in commands:
        buffer = io.StringIO()
        # argparse wraps help to the terminal's width; a fixed width keeps the pages stable.
        with (
            _environment("COLUMNS", "88"),
            contextlib.redirect_stdout(buffer),
            contextlib.suppress(SystemExit),
        ):
            main([*command, "--help"])
        title = "``" + " ".join(["sistercities", *command]) + "``"
        body = "\n".join(f"   {line}".rstrip() for line in buffer.getvalue().splitlines())
        parts += [title, "-" * len(title), "", ".. code-block:: text", "", body, ""]
    return "\n".join(parts)


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ[name]
        else:
            os.environ[name] = old


def markdown_body(path: Path, missing: str) -> str:
    """A Markdown file of the repository without its title, or ``missing`` when it is absent.

    The page that includes it gives its own title, under which the file's sections fit.
    """
    if not path.is_file():
        return missing + "\n"
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"


def schema_include() -> str:
    """The JSON Schema of the export, included from the source tree, or a note that it is absent."""
    path = REPO / "src" / "sistercities" / "export" / "schema.json"
    if not path.is_file():
        return "The JSON Schema is not available in this build.\n"
    # A leading "/" is the documentation's folder, so the path works wherever the checkout is.
    return f".. literalinclude:: /../{path.relative_to(REPO).as_posix()}\n   :language: json\n"
