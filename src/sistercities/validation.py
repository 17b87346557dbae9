"""The one way to check records: :func:`validate` them, then build the dataset.

:meth:`Dataset.from_validation <sistercities.Dataset.from_validation>` builds it. The loader,
the pairs importer, the shipped snapshot and the :class:`~sistercities.Dataset` constructor all
go through :func:`validate`. Records travel with their :class:`Origin`, the file and the name
they were read under, so that every :class:`~sistercities.Problem` names where to look.

>>> import sistercities
>>> from sistercities.validation import Records, validate
>>> shipped = sistercities.dataset()
>>> result = validate(Records.of(shipped.cities(), shipped.relations(), shipped.info))
>>> result.problems
()
>>> len(sistercities.Dataset.from_validation(result))
84
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Generic, TypeVar

import attrs

from sistercities.errors import Problem
from sistercities.records import City, DatasetInfo, Network, Relation

__all__ = ["Origin", "Read", "RecordType", "Records", "Validation", "validate"]

#: The type of record a :class:`Read` holds: a city, a relation or a network.
RecordType = TypeVar("RecordType", City, Relation, Network)

_IN_MEMORY = "<memory>"


@attrs.frozen
class Origin:
    """Where a record was read: the file, and the name to give the record in a problem."""

    file: str
    label: str


@attrs.frozen
class Read(Generic[RecordType]):
    """A record with where it was read; ``origin`` is ``None`` for a record made in code."""

    record: RecordType
    origin: Origin | None = None

    @property
    def file(self) -> str:
        """The file the record came from, or ``"<memory>"``."""
        return _IN_MEMORY if self.origin is None else self.origin.file

    @property
    def label(self) -> str:
        """How a problem names the record: its label where it was read, else its id."""
        return self.record.id if self.origin is None else self.origin.label


@attrs.frozen
class Records:
    """Everything a dataset is made of, as read, before it is checked.

    ``info_file`` names the file that gave ``info``. ``unreadable`` holds the ids of cities
    whose records could not be read at all, so that ties to them are not reported again.
    """

    cities: tuple[Read[City], ...]
    relations: tuple[Read[Relation], ...]
    info: DatasetInfo = attrs.field(factory=DatasetInfo)
    networks: tuple[Read[Network], ...] = ()
    info_file: str = "<dataset>"
    unreadable: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        cities: Iterable[City],
        relations: Iterable[Relation],
        info: DatasetInfo | None = None,
        networks: Iterable[Network] = (),
    ) -> Records:
        """Records made in code, with no file to name."""
        return cls(
            tuple(Read(city) for city in cities),
            tuple(Read(relation) for relation in relations),
            info or DatasetInfo(),
            tuple(Read(network) for network in networks),
        )


@attrs.frozen
class Validation:
    """What :func:`validate` found: the records, and every problem of them (perhaps none).

    :meth:`Dataset.from_validation <sistercities.Dataset.from_validation>` builds the dataset.
    """

    records: Records
    problems: tuple[Problem, ...]


def validate(records: Records, *, strict: bool = False, today: dt.date | None = None) -> Validation:
    """Check records against each other and against the rules of the data format.

    Every problem is listed, none is raised. With ``strict``, a source that a record lists but
    none of its facts cites is a problem too. ``today`` (default: the local date) is the day
    after which no fact may be dated.
    """
    # The rules and the country tables they need load only when records are checked.
    from sistercities.checks import check_dataset  # noqa: PLC0415

    return Validation(records, tuple(check_dataset(records, strict=strict, today=today)))
