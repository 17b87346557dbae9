"""Facts as short phrases that say when they held, shared by the command and the docs.

>>> from sistercities import get_city
>>> brussels = get_city("Brussels")
>>> head_phrase(brussels, brussels.government.head)
'Minister-President Boris Dilliès (since 2026-02-14; confirmed 2026-02-14)'
"""

from __future__ import annotations

from sistercities.records import Area, City, Head, Population, Relation

__all__ = ["area_phrase", "head_phrase", "population_phrase", "standing_phrase"]


def head_phrase(city: City, head: Head) -> str:
    """A head of government with the start of the term and its latest confirmation."""
    since = f"since {head.since}" if head.since else "start not known"
    confirmed = city.confirmed(head)
    when = since if confirmed is None else f"{since}; confirmed {confirmed}"
    return f"{head.title} {head.name} ({when})"


def population_phrase(population: Population) -> str:
    """``"1,255,795 (2025-01-01, jurisdiction)"``: the count, its date and what it covers."""
    return _dated(f"{population.count:,}", population)


def area_phrase(area: Area) -> str:
    """``"161.4 km² (date not stated, jurisdiction)"``: the area, its date and what it covers."""
    return _dated(f"{area.km2:,g} km²", area)


def standing_phrase(relation: Relation) -> str | None:
    """The tie's last change of status with its date, such as ``"ended 2019-10-09"``."""
    if not relation.status_changes:
        return None
    last = relation.status_changes[-1]
    return f"{last.status.value} {last.date}"


def _dated(figure: str, quantity: Area | Population) -> str:
    when = str(quantity.reference_date) if quantity.reference_date else "date not stated"
    scope = "" if quantity.scope is None else f", {quantity.scope.value}"
    return f"{figure} ({when}{scope})"
