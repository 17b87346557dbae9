"""Write ``data/format.schema.json``, the schema editors use for the TOML data files.

It is derived from the JSON export's schema (``src/sistercities/export/schema.json``), which is
the one hand-kept description of the records: a data file holds the same records, but lists its
sources once, at the top, where the export gives each record its own. Run it after changing the
export schema; ``tests/test_data_format.py`` fails while the two disagree.

    python tools/editor_schema.py
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
EXPORT_SCHEMA: Final = ROOT / "src" / "sistercities" / "export" / "schema.json"
EDITOR_SCHEMA: Final = ROOT / "data" / "format.schema.json"
#: The records whose sources a data file lists once, at its top level.
_FILE_RECORDS: Final = {"cities": "city", "relations": "relation", "networks": "network"}
#: The fact groups that must cite a source: the loader refuses them without one.
_CITING: Final = (
    "coordinates",
    "area",
    "population",
    "profile",
    "head",
    "statusChange",
    "agreement",
    "event",
    "institutionalTie",
    "officialCount",
)


def editor_schema(export: dict[str, Any]) -> dict[str, Any]:
    """The schema of a TOML data file, made from the export's schema."""
    definitions = copy.deepcopy(export["$defs"])
    for name in _FILE_RECORDS.values():
        record = definitions[name]
        del record["properties"]["sources"]
        record["required"] = [field for field in record["required"] if field != "sources"]
    for name in _CITING:
        definitions[name]["required"] = [*definitions[name]["required"], "source"]
    return {
        "$schema": export["$schema"],
        "title": "sistercities data file (format 2)",
        "description": (
            "A TOML file under data/: dataset.toml holds format, data_version and checked; "
            "the other files hold [[cities]], [[relations]] or [[networks]] and the [[sources]] "
            "their facts cite by key. Generated from the export schema by tools/editor_schema.py."
        ),
        "type": "object",
        "properties": {
            "format": {"const": 2, "description": "The version of the data format."},
            "data_version": export["properties"]["data_version"],
            "checked": {
                "$ref": "#/$defs/fullDate",
                "description": "The day every current fact was last checked.",
            },
            **{
                key: {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}
                for key, name in _FILE_RECORDS.items()
            },
            "sources": {
                "type": "array",
                "items": {"$ref": "#/$defs/source"},
                "description": "Every source the file's facts cite, each listed once.",
            },
        },
        "additionalProperties": False,
        "$defs": definitions,
    }


def render(schema: dict[str, Any]) -> str:
    """The schema as the file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Regenerate the editor schema from the export schema."""
    export = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    EDITOR_SCHEMA.write_text(render(editor_schema(export)), encoding="utf-8")


if __name__ == "__main__":
    main()
