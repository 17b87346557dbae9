"""Exports of a :class:`~sistercities.Dataset`: JSON, CSV, GeoJSON and iCalendar.

JSON, CSV and GeoJSON have ``write_*`` (to a text stream, piece by piece) and ``to_*`` (one
string); iCalendar has ``iter_ical`` and ``iter_ical_yearly``, which yield CRLF-ended lines for
``stream.writelines(...)`` or ``"".join(...)``.
``import sistercities`` does not import this package; it is loaded on first use.
"""

from __future__ import annotations

from sistercities.export.csvexport import CITY_COLUMNS, RELATION_COLUMNS, to_csv, write_csv
from sistercities.export.geojson import features, to_geojson, write_geojson
from sistercities.export.ical import PRODID, iter_ical, iter_ical_yearly
from sistercities.export.jsonexport import SCHEMA_VERSION, iter_json, to_json, write_json
from sistercities.export.schema import schema
from sistercities.export.subset import subset

__all__ = [
    "CITY_COLUMNS",
    "PRODID",
    "RELATION_COLUMNS",
    "SCHEMA_VERSION",
    "features",
    "iter_ical",
    "iter_ical_yearly",
    "iter_json",
    "schema",
    "subset",
    "to_csv",
    "to_geojson",
    "to_json",
    "write_csv",
    "write_geojson",
    "write_json",
]
