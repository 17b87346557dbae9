"""msgspec structs mirroring the JSON export: the practical floor for typed decoding."""

from __future__ import annotations

import msgspec


class SourceS(msgspec.Struct, frozen=True):
    key: str
    url: str
    title: str
    publisher: str
    accessed: str
    published: str | None = None


class CoordinatesS(msgspec.Struct, frozen=True):
    lat: float
    lon: float
    source: str | None = None


class PopulationS(msgspec.Struct, frozen=True):
    count: int
    reference_date: str | None = None
    scope: str | None = None
    source: str | None = None
    note: str | None = None


class CityS(msgspec.Struct, frozen=True):
    id: str
    name: str
    country: str
    kind: str
    sources: tuple[SourceS, ...]
    attested_by: tuple[str, ...] = ()
    names: dict[str, str] = {}
    aliases: tuple[str, ...] = ()
    former_names: tuple[dict[str, object], ...] = ()
    summary: str | None = None
    coordinates: CoordinatesS | None = None
    area: dict[str, object] | None = None
    population: PopulationS | None = None
    government: dict[str, object] | None = None
    profile: dict[str, object] | None = None
    notes: tuple[dict[str, object], ...] = ()
    research: str | None = None


class RelationS(msgspec.Struct, frozen=True):
    id: str
    cities: tuple[str, str]
    kind: str
    sources: tuple[SourceS, ...]
    attested_by: tuple[str, ...] = ()
    established: str | None = None
    established_source: str | None = None
    local_kinds: dict[str, str] = {}
    status_changes: tuple[dict[str, object], ...] = ()
    fields: tuple[str, ...] = ()
    summary: str | None = None
    agreements: tuple[dict[str, object], ...] = ()
    events: tuple[dict[str, object], ...] = ()
    institutional_ties: tuple[dict[str, object], ...] = ()
    notes: tuple[dict[str, object], ...] = ()
    research: str | None = None


class DocumentS(msgspec.Struct, frozen=True):
    schema_version: int
    cities: tuple[CityS, ...]
    relations: tuple[RelationS, ...]
    data_version: str | None = None
    checked: str | None = None
    networks: tuple[dict[str, object], ...] = ()


_DECODER = msgspec.json.Decoder(DocumentS)


def decode(raw: bytes) -> DocumentS:
    """Decode the document straight into typed structs."""
    return _DECODER.decode(raw)
