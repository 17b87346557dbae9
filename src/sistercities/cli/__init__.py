"""The ``sistercities`` command: look up cities, list ties and anniversaries, export, validate.

Mistakes are reported as one line on stderr, ``sistercities: error: ...``, with exit status 2
for a mistake in the command line and 1 for a problem with the data; text meant for a terminal
never passes control characters from the data through.

The command is three layers: :mod:`~sistercities.cli.arguments` reads the command line,
:mod:`~sistercities.cli.commands` asks the library, and :mod:`~sistercities.cli.render` turns
the answers into text.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from sistercities.cli.arguments import parser
from sistercities.cli.commands import UsageError
from sistercities.cli.render import PROG, clean
from sistercities.errors import ArgumentError, DatasetError, SistercitiesError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: the process's arguments); give the exit status."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A terminal that cannot show a script gets a replacement mark, not a traceback.
        sys.stdout.reconfigure(errors="replace")
    args = parser().parse_args(argv)
    try:
        status: int = args.handler(args)
    except BrokenPipeError:
        # The reader went away (as with `| head`); further writes would fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (UsageError, ArgumentError) as error:
        # A value the library refused came from the command line, so it is a usage mistake too.
        return _fail(str(error), 2)
    except SistercitiesError as error:
        return _fail(_one_line(error), 1)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", 1)
    return status


def _fail(message: str, status: int) -> int:
    sys.stderr.write(f"{PROG}: error: {clean(message)}\n")
    return status


def _one_line(error: SistercitiesError) -> str:
    if isinstance(error, DatasetError):
        # Only the shipped dataset gets here; a --data dataset is reported by the commands.
        first = f": {error.problems[0]}" if error.problems else ""
        return f"the shipped dataset is not valid{first}"
    return " ".join(str(error).split("\n"))
