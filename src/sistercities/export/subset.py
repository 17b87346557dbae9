"""A query's result as a dataset of its own, so that every export can write it."""

from __future__ import annotations

from collections.abc import Iterable

from sistercities.dataset import CityRef, Dataset
from sistercities.records import Relation

__all__ = ["subset"]


def subset(
    dataset: Dataset, relations: Iterable[Relation] = (), cities: Iterable[CityRef] = ()
) -> Dataset:
    """The part of ``dataset`` made of ``relations``, the cities they tie, and ``cities``.

    The result keeps the dataset's :attr:`~sistercities.Dataset.info`, so an export of it
    carries the same data version, for example
    ``subset(dataset, dataset.relations_of("Brussels"))``. It keeps a network only when every
    tie of that network is kept, since a network stands for a complete list.

    :raises CityNotFoundError: a city or a relation's party is not in ``dataset``.
    """
    kept = {relation.id: relation for relation in relations}
    wanted = {dataset.get_city(city).id for city in cities}
    for relation in kept.values():
        wanted.update(dataset.get_city(city_id).id for city_id in relation.cities)
    networks = [
        network
        for network in dataset.networks()
        if network.city in wanted
        and all(relation.id in kept for relation in dataset.relations_of(network.city))
    ]
    return Dataset(
        (dataset.get_city(city_id) for city_id in sorted(wanted)),
        kept.values(),
        dataset.info,
        networks,
    )
