"""The JSON Schema (draft 2020-12) of the JSON document, shipped as ``schema.json``."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

__all__ = ["schema"]


def schema() -> dict[str, Any]:
    """The JSON Schema of the document that :func:`~sistercities.export.to_json` writes."""
    text = files("sistercities.export").joinpath("schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
