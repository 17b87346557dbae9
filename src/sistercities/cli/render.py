"""Text for the terminal: city profiles, lines of ties and anniversaries, and safe output.

Every text from the data passes :func:`clean` before it reaches a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from sistercities.anniversary import Anniversary
from sistercities.dataset import Dataset
from sistercities.records import City, Relation
from sistercities.wording import area_phrase, head_phrase, population_phrase, standing_phrase

__all__ = ["PROG", "anniversary_lines", "clean", "network_lines", "profile", "relation_line"]

#: The command's name, which starts every message it writes on stderr.
PROG: Final = "sistercities"
_LABEL_WIDTH: Final = 14


def clean(text: str) -> str:
    """``text`` with every control character but the line feed shown as an escape.

    So no escape sequence in the data can move the cursor, change colours or retitle the
    terminal.
    """
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if char == "\n" or not (code < 0x20 or 0x7F <= code <= 0x9F):
        return char
    return repr(char)[1:-1] if char != "\t" else "\\t"


def anniversary_lines(found: Iterable[Anniversary]) -> str:
    """One line per anniversary: the date as precisely as it is known, then the description."""
    return "\n".join(f"{a.when:<10}  {a.describe()}" for a in found)


def relation_line(data: Dataset, relation: Relation) -> str:
    """A tie on one line: its date, both cities with their countries, its kind and standing."""
    first, second = (data.get_city(city_id) for city_id in relation.cities)
    return (
        f"{_established(relation):<10}  {first.name} ({first.country}) – "
        f"{second.name} ({second.country})  {relation.kind.value}{_standing(relation)}"
    )


def network_lines(data: Dataset) -> str:
    """Each network's city with its number of ties, and how many of them were not ended."""
    lines = []
    for network in data.networks():
        city = data.get_city(network.city)
        ties = data.relations_of(city)
        active = sum(relation.is_active for relation in ties)
        lines.append(f"{city.id:<24}{city.name}: {len(ties)} ties, {active} not ended")
    return "\n".join(lines)


def profile(data: Dataset, city: City) -> str:
    """A city's names, figures with their dates, head of government and ties."""
    rows: list[tuple[str, str]] = [("id", city.id), ("country", city.country), ("kind", city.kind)]
    if city.names:
        rows.insert(0, ("other names", ", ".join(f"{n} ({t})" for t, n in city.names.items())))
    if city.aliases:
        rows.insert(1, ("also known as", ", ".join(city.aliases)))
    if city.former_names:
        former = (f"{f.name} (until {f.until})" if f.until else f.name for f in city.former_names)
        rows.append(("formerly", ", ".join(former)))
    if city.population is not None:
        rows.append(("population", population_phrase(city.population)))
    if city.area is not None:
        rows.append(("area", area_phrase(city.area)))
    head = city.government.head if city.government else None
    if head is not None:
        rows.append(("head", head_phrase(city, head)))
    lines = [city.name, *(f"  {label:<{_LABEL_WIDTH}}{value}" for label, value in rows)]
    if city.summary:
        lines.append(f"  {city.summary}")
    ties = data.relations_of(city)
    lines.append(f"  ties ({len(ties)}):" if ties else "  no ties")
    for relation in ties:
        partner = data.partner_of(relation, city)
        lines.append(
            f"    {_established(relation):<10}  {relation.kind.value} with {partner.name} "
            f"({partner.country}){_standing(relation)}"
        )
    return "\n".join(lines)


def _established(relation: Relation) -> str:
    return str(relation.established) if relation.established else "undated"


def _standing(relation: Relation) -> str:
    standing = standing_phrase(relation)
    return "" if standing is None else f", {standing}"
