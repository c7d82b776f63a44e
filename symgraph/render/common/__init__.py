"""Shared by every renderer: how a number is written (significant digits, ``-0`` as ``0``, factors)."""
