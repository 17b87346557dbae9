"""The library's exceptions. Every one derives from :class:`SistercitiesError`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from sistercities.records import City

__all__ = [
    "AmbiguousCityError",
    "ArgumentError",
    "CityNotFoundError",
    "DatasetError",
    "DateOutOfRangeError",
    "NetworkNotFoundError",
    "Problem",
    "RelationNotFoundError",
    "SistercitiesError",
]


class SistercitiesError(Exception):
    """Base class of every exception the library raises on purpose."""


class ArgumentError(SistercitiesError, ValueError):
    """An argument of a query or an export has a value the function cannot take.

    A wrong *type* of argument is a :class:`TypeError`, as everywhere in Python.
    """


@attrs.frozen
class Problem:
    """One thing wrong with a dataset, located as precisely as it can be.

    ``file`` is the file the record came from, ``record`` its id (or its position, such as
    ``cities[3]``, when it has no usable id) and ``field`` the dotted path of the field inside the
    record (``population.count``, ``events[2].date``); the last two are ``None`` for problems of a
    whole file or record.
    """

    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f": {self.record}"
        if self.field is not None:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class DatasetError(SistercitiesError, ValueError):
    """A dataset could not be loaded; ``problems`` lists everything found wrong with it.

    A dataset with any problem is never returned, not even in part.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the dataset:\n{lines}")


class CityNotFoundError(SistercitiesError, LookupError):
    """No city has the id or name asked for; ``suggestions`` holds close matches."""

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        message = f"no city is named {query!r}"
        if self.suggestions:
            message += f"; did you mean {', '.join(map(repr, self.suggestions))}?"
        super().__init__(message)


class AmbiguousCityError(SistercitiesError, LookupError):
    """A name belongs to several cities; ``candidates`` lists them all."""

    def __init__(self, query: str, candidates: Sequence[City]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        listed = ", ".join(f"{city.name} ({city.country}, id {city.id!r})" for city in candidates)
        super().__init__(f"{query!r} names several cities: {listed}; ask by id")


class NetworkNotFoundError(SistercitiesError, LookupError):
    """The city asked for is in the data, but its complete list of ties is not."""

    def __init__(self, city_id: str, networks: Sequence[str] = ()) -> None:
        self.city_id = city_id
        self.networks = tuple(networks)
        known = ", ".join(map(repr, self.networks)) or "none"
        super().__init__(
            f"the data does not hold the complete network of {city_id!r}; networks: {known}"
        )


class RelationNotFoundError(SistercitiesError, LookupError):
    """No relation has the id asked for; ``suggestions`` holds close ids."""

    def __init__(self, relation_id: str, suggestions: Sequence[str] = ()) -> None:
        self.relation_id = relation_id
        self.suggestions = tuple(suggestions)
        message = f"no relation has the id {relation_id!r}"
        if self.suggestions:
            message += f"; did you mean {', '.join(map(repr, self.suggestions))}?"
        super().__init__(message)


class DateOutOfRangeError(ArgumentError):
    """A window of days reaches past the calendar's end (31 December 9999)."""
