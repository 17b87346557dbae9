"""Sphinx configuration. Build with ``nox -s docs``; every warning fails the build."""

from __future__ import annotations

import sys
from importlib.metadata import version as installed_version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from inventories import write_inventories  # noqa: E402 - found through the path set above

project = "sistercities"
author = "The sistercities developers"
copyright = "the sistercities developers"
release = installed_version("sistercities")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "myst_parser",
    "datapages",
    "apirefs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", "_ext", "examples", "conftest.py"]
default_role = "code"
# Every reference must resolve, so that a renamed function cannot leave a dead link behind.
nitpicky = True
# The type variable of from_dict(data, record_type) -> the same type has no page of its own.
nitpick_ignore = [("py:class", "sistercities._R"), ("py:class", "sistercities.record_readers._R")]
pygments_style = "friendly"
pygments_dark_style = "monokai"

# -- cross-references to other projects, from inventories written here, never downloaded ---------
intersphinx_mapping = write_inventories(HERE / "_generated" / "inventories")

# -- API reference ------------------------------------------------------------------------------
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
# Classes show no constructor line: records list their fields as typed attributes instead, and
# Dataset documents its __init__ on its own.
autodoc_class_signature = "separated"
# These names stay as they are, linked to their explanation. (CityRef and DateLike cannot join
# them: Sphinx renders an alias inside a union, as in "CityRef | None", as a broken reference.)
autodoc_type_aliases = {
    "Milestones": "sistercities.anniversary.Milestones",
    "PrecisionName": "sistercities.anniversary.PrecisionName",
    "Validation": "sistercities.validation.Validation",
}

# -- MyST, for the Markdown files under data/ ----------------------------------------------------
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"sistercities {release}"
html_theme_options = {"navigation_with_keys": True, "top_of_page_buttons": []}
html_show_sourcelink = False
