"""``python -m checker`` runs the factlint command line."""

from .cli import main

raise SystemExit(main())
