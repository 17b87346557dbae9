"""Keep the API reference complete and its links right.

- Type hints name a class by the module that defines it (``sistercities.records.City``), while
  the reference documents the public names where users import them (``sistercities.City``).
  References to the first resolve to the second, for every name in ``sistercities.__all__`` and
  ``sistercities.export.__all__``.
- A constant re-exported by a package gets the ``#:`` comment of the module that defines it.
- Every public name of the package, the exports, the strategies and the command must appear in
  the reference; a missing one is a warning, which fails the build.
"""

from __future__ import annotations

import sys
from typing import Any

from sphinx.ext.intersphinx import missing_reference as intersphinx_reference
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

import sistercities
import sistercities.export

logger = logging.getLogger(__name__)

# Names that annotations use bare, because they are imported only for type checkers.
_BARE = {"Traversable": "importlib.resources.abc.Traversable"}

# The packages whose public names are documented under the package itself.
_PACKAGES = (sistercities, sistercities.export)


def setup(app: Any) -> dict[str, Any]:  # noqa: ANN401 - Sphinx passes its own application type
    """Register the resolver and the coverage check with Sphinx."""
    app.connect("missing-reference", _resolve)
    app.connect("autodoc-process-docstring", _doc_comment)
    # Every public name must appear in the reference; a missing one fails the build.
    app.connect("env-check-consistency", _check_coverage)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def public_name(target: str) -> str | None:
    """The documented name of ``target``, such as ``sistercities.City`` for ``...records.City``."""
    for package in _PACKAGES:
        prefix = package.__name__ + "."
        if not target.startswith(prefix):
            continue
        name = target.rpartition(".")[2]
        if name in package.__all__ and target != prefix + name:
            return prefix + name
    return None


def _doc_comment(
    _app: object, what: str, name: str, obj: object, _options: object, lines: list[str]
) -> None:
    """Give a re-exported constant the ``#:`` comment of the module that defines it.

    autodoc reads ``#:`` comments only in the module it documents from; for a constant imported
    into a package it would show the docstring of the constant's type (``tuple``, ``int``).
    """
    if what != "data" or _words("\n".join(lines)) != _words(type(obj).__doc__ or ""):
        return
    # Without a comment, the page's own text under the directive is the whole description.
    lines[:] = []
    package, _, attribute = name.rpartition(".")
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith(package + ".") or getattr(module, attribute, None) is not obj:
            continue
        comment = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", attribute))
        if comment:
            lines[:] = list(comment)
            return


def _words(text: str) -> str:
    return " ".join(text.split())


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:  # noqa: ANN401
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    if target in _BARE:
        node["reftarget"] = _BARE[target]
        return intersphinx_reference(app, env, node, contnode)
    public = public_name(target)
    if public is None:
        return None
    domain = env.get_domain("py")
    node["reftarget"] = public
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], public, node, contnode
    )


def documented_everything(env: Any) -> list[str]:  # noqa: ANN401 - Sphinx's BuildEnvironment
    """The public names that the reference does not document; empty when it covers them all."""
    import sistercities.anniversary  # noqa: PLC0415 - only the check needs these modules
    import sistercities.cli  # noqa: PLC0415
    import sistercities.cli.arguments  # noqa: PLC0415
    import sistercities.cli.commands  # noqa: PLC0415
    import sistercities.cli.render  # noqa: PLC0415
    import sistercities.pairs  # noqa: PLC0415
    import sistercities.strategies  # noqa: PLC0415
    import sistercities.validation  # noqa: PLC0415
    import sistercities.wording  # noqa: PLC0415

    documented = set(env.get_domain("py").objects)
    modules = (
        *_PACKAGES,
        sistercities.anniversary,
        sistercities.validation,
        sistercities.wording,
        sistercities.strategies,
        sistercities.cli,
        sistercities.cli.arguments,
        sistercities.cli.commands,
        sistercities.cli.render,
        sistercities.pairs,
    )
    return [
        f"{module.__name__}.{name}"
        for module in modules
        for name in module.__all__
        if f"{module.__name__}.{name}" not in documented
    ]


def _check_coverage(_app: Any, env: Any) -> None:  # noqa: ANN401
    for name in documented_everything(env):
        logger.warning("the API reference does not document %s", name)
