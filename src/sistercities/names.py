"""Name normalisation for lookups: case, accents, punctuation and width do not matter."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["normalize_name"]

_ASCII_WORD: Final = re.compile(r"[a-z0-9]+")
_MARK: Final = "M"
_WORD: Final = frozenset("LN")


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == _MARK


def _keep(char: str) -> bool:
    return unicodedata.category(char)[0] in _WORD


def normalize_name(name: str) -> str:
    """The lookup key of a name.

    Folds case and width, drops accents and other combining marks, and turns every run of
    punctuation, symbols and spaces into one space, so that ``"Brussels-Capital Region"``,
    ``"brussels capital region"`` and ``"BRUSSELS–CAPITAL  REGION"`` share a key. Scripts without
    case or accents (Chinese, Japanese) pass through unchanged apart from width folding.

    >>> normalize_name("Bruxelles-Capitale")
    'bruxelles capitale'
    >>> normalize_name("Île-de-France")
    'ile de france'
    >>> normalize_name("ＴＯＫＹＯ")
    'tokyo'
    """
    if name.isascii():
        # Most names are plain ASCII; a regular expression does their folding in C.
        return " ".join(_ASCII_WORD.findall(name.lower()))
    # Compatibility forms may hide case (a mathematical bold A is not "uppercase" until it is
    # decomposed to A), and folding may produce new composed letters: decompose on both sides.
    folded = unicodedata.normalize("NFKD", name).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    # Marks vanish, letters and digits stay, anything else separates words.
    kept = "".join(char if _keep(char) else " " for char in decomposed if not _is_mark(char))
    words = kept.split()
    # Folding may decompose some letters (such as ß → ss) into others; NFC keeps keys canonical.
    return unicodedata.normalize("NFC", " ".join(words))
