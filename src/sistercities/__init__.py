"""Sister-city relations as validated, source-cited data, and the questions people ask of it.

>>> import sistercities
>>> sistercities.get_city("Bruxelles").name
'Brussels-Capital Region'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

from sistercities._default import dataset
from sistercities._version import __version__
from sistercities.anniversary import Anniversary, AnniversaryOptions
from sistercities.dataset import CityRef, Dataset, DateLike
from sistercities.errors import (
    AmbiguousCityError,
    ArgumentError,
    CityNotFoundError,
    DatasetError,
    DateOutOfRangeError,
    NetworkNotFoundError,
    Problem,
    RelationNotFoundError,
    SistercitiesError,
)
from sistercities.partialdate import PartialDate, Precision
from sistercities.records import (
    Agreement,
    City,
    CityKind,
    DatasetInfo,
    Event,
    Head,
    Network,
    Note,
    OfficialCount,
    Relation,
    RelationKind,
    Scope,
    Source,
    StatusChange,
    StatusChangeKind,
    TieStatus,
)

_R = TypeVar("_R")

if TYPE_CHECKING:
    import os
    from importlib.resources.abc import Traversable

__all__ = [
    "Agreement",
    "AmbiguousCityError",
    "Anniversary",
    "AnniversaryOptions",
    "ArgumentError",
    "City",
    "CityKind",
    "CityNotFoundError",
    "Dataset",
    "DatasetError",
    "DatasetInfo",
    "DateOutOfRangeError",
    "Event",
    "Head",
    "Network",
    "NetworkNotFoundError",
    "Note",
    "OfficialCount",
    "PartialDate",
    "Precision",
    "Problem",
    "Relation",
    "RelationKind",
    "RelationNotFoundError",
    "Scope",
    "SistercitiesError",
    "Source",
    "StatusChange",
    "StatusChangeKind",
    "TieStatus",
    "__version__",
    "anniversaries",
    "cities",
    "dataset",
    "from_dict",
    "get_city",
    "get_relation",
    "load",
    "network",
    "networks",
    "partner_of",
    "partners",
    "relations",
    "relations_of",
    "relations_since",
    "to_dict",
    "upcoming",
]


def load(path: str | os.PathLike[str] | Traversable, *, strict: bool = False) -> Dataset:
    """Load and fully validate a dataset of your own, in the format of the shipped one.

    ``path`` is a folder laid out like the shipped ``data/`` (a ``dataset.toml`` declaring
    ``format = 2``, and any ``*.toml`` files below it holding ``[[cities]]``, ``[[relations]]``,
    ``[[networks]]`` and the ``[[sources]]`` they cite), a single such TOML file, or a JSON
    document as :func:`sistercities.export.to_json` writes it. With ``strict``, a listed source
    that no fact cites is a problem too.

    :raises DatasetError: listing every problem found, each with its file, record and field;
        nothing is returned unless the whole dataset is valid.
    """
    from sistercities.loader import load as _load  # noqa: PLC0415 - keeps cattrs out of import

    return _load(path, strict=strict)


def to_dict(record: object) -> Any:  # noqa: ANN401 - plain JSON data of any shape
    """A record as plain data, exactly as the JSON export writes it, ready for ``json.dumps``.

    >>> import sistercities
    >>> plain = sistercities.to_dict(sistercities.get_relation("tokyo--new-york-city"))
    >>> plain["established"], plain["cities"]
    ('1960-02-29', ['tokyo', 'new-york-city'])
    >>> sistercities.from_dict(plain, sistercities.Relation).established
    PartialDate(year=1960, month=2, day=29)
    """
    from sistercities.converter import to_dict as _to_dict  # noqa: PLC0415 - keeps cattrs out

    return _to_dict(record)


def from_dict(data: object, record_type: type[_R]) -> _R:
    """The record of type ``record_type`` (such as :class:`City`) made from plain data.

    It is the reverse of :func:`to_dict`, and checks each value as the loader checks files;
    checks across records need a :class:`Dataset`.

    :raises DatasetError: naming every field with a problem.
    """
    from sistercities.converter import from_dict as _from_dict  # noqa: PLC0415 - keeps cattrs out

    return _from_dict(data, record_type)


def get_city(name_or_id: CityRef) -> City:
    """The shipped city with this id or name; see :meth:`Dataset.get_city`."""
    return dataset().get_city(name_or_id)


def get_relation(relation_id: str) -> Relation:
    """The shipped relation with this id; see :meth:`Dataset.get_relation`."""
    return dataset().get_relation(relation_id)


def cities(*, country: str | None = None, kind: CityKind | str | None = None) -> tuple[City, ...]:
    """Every shipped city, sorted by id; see :meth:`Dataset.cities`."""
    return dataset().cities(country=country, kind=kind)


def networks() -> tuple[Network, ...]:
    """Every shipped network: the cities whose complete list of ties the data holds."""
    return dataset().networks()


def network(city: CityRef) -> Network:
    """The shipped network of a city; see :meth:`Dataset.network`."""
    return dataset().network(city)


def relations(
    *,
    include_ended: bool = True,
    kind: RelationKind | str | None = None,
    active_on: DateLike | None = None,
) -> tuple[Relation, ...]:
    """Every shipped tie, sorted by id; see :meth:`Dataset.relations`."""
    return dataset().relations(include_ended=include_ended, kind=kind, active_on=active_on)


def relations_of(city: CityRef, *, include_ended: bool = True) -> tuple[Relation, ...]:
    """The shipped ties of a city, oldest first; see :meth:`Dataset.relations_of`."""
    return dataset().relations_of(city, include_ended=include_ended)


def partners(city: CityRef, *, include_ended: bool = True) -> tuple[City, ...]:
    """The cities tied to a city; see :meth:`Dataset.partners`."""
    return dataset().partners(city, include_ended=include_ended)


def relations_since(
    date: DateLike, *, city: CityRef | None = None, include_ended: bool = True
) -> tuple[Relation, ...]:
    """The shipped ties established on or after ``date``; see :meth:`Dataset.relations_since`."""
    return dataset().relations_since(date, city=city, include_ended=include_ended)


def partner_of(relation: Relation | str, city: CityRef) -> City:
    """The other party to a shipped tie than ``city``; see :meth:`Dataset.partner_of`."""
    return dataset().partner_of(relation, city)


def anniversaries(
    start: DateLike, end: DateLike, **options: Unpack[AnniversaryOptions]
) -> list[Anniversary]:
    """Anniversaries of the shipped ties in a window; see :meth:`Dataset.anniversaries`."""
    return dataset().anniversaries(start, end, **options)


def upcoming(
    days: int = 365, *, today: dt.date | None = None, **options: Unpack[AnniversaryOptions]
) -> list[Anniversary]:
    """Anniversaries of the shipped ties in the next ``days`` days; see :meth:`Dataset.upcoming`."""
    return dataset().upcoming(days, today=today, **options)
