"""``python -m sistercities``: the same command as the ``sistercities`` console script."""

from sistercities.cli import main

raise SystemExit(main())
