"""The command line: thin commands over the library (see :mod:`symgraph.cli.main`)."""
from symgraph.cli.main import main

__all__ = ["main"]
