"""Name normalisation for lookups: case, accents, punctuation and width do not matter.

Names in Chinese, Japanese and Korean often carry an administrative suffix that people leave
out when they type: 北京市 is 北京, 东京都 is 东京, 서울특별시 is 서울. :func:`short_form` drops
one such suffix, and lookups try the short forms when no full name matches.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["ADMINISTRATIVE_SUFFIXES", "normalize_name", "short_form"]

#: The suffixes :func:`short_form` drops, longest first so that 特別市 goes before 市.
ADMINISTRATIVE_SUFFIXES: Final = (
    "特别行政区",
    "特別行政區",
    "特别市",
    "特別市",
    "自治区",
    "특별시",
    "광역시",
    "市",
    "都",
    "府",
    "县",
    "縣",
    "州",
    "省",
    "区",
    "區",
    "시",
    "도",
)

_ASCII_WORD: Final = re.compile(r"[a-z0-9]+")
_MARK: Final = "M"
# The block of Combining Diacritical Marks, U+0300 to U+036F: every one is of category Mn.
_COMBINING_DIACRITICS: Final = dict.fromkeys(range(0x300, 0x370))
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
    # Latin names with accents are ASCII once the common combining marks (all of them marks)
    # are gone; the regular expression then does the rest, with the same result.
    stripped = decomposed.translate(_COMBINING_DIACRITICS)
    if stripped.isascii():
        return " ".join(_ASCII_WORD.findall(stripped))
    # Marks vanish, letters and digits stay, anything else separates words.
    kept = "".join(char if _keep(char) else " " for char in decomposed if not _is_mark(char))
    words = kept.split()
    # Folding may decompose some letters (such as ß → ss) into others; NFC keeps keys canonical.
    return unicodedata.normalize("NFC", " ".join(words))


def short_form(name: str) -> str | None:
    """The name without one administrative suffix, or ``None`` when it has none to drop.

    Only names outside the Latin script lose a suffix, and never down to one character.

    >>> short_form("北京市"), short_form("東京都"), short_form("서울특별시"), short_form("Paris")
    ('北京', '東京', '서울', None)
    """
    if name.isascii():
        return None
    for suffix in ADMINISTRATIVE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None
