"""``python -m checker`` runs the factlint command line."""

from .cli import entry

entry()
