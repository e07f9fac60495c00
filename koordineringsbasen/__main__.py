"""`python -m koordineringsbasen`: the command line (cli.py)."""

from .cli import main

raise SystemExit(main())
