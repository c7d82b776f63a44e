"""``@PATH`` inputs (the expression, ``--at @p.json``, ``--file answers.toml``): regular files only, read
with the size cap applied while reading.

A FIFO with no writer would block ``open()`` forever, ``/dev/zero`` never ends and a directory cannot be
read: each is refused by name before a byte is read. The file is opened without blocking, its type is
checked on the open descriptor (no race between a check and the open), and at most one byte more than
the cap is ever read, so a file that grows while it is read still stops at the cap.
"""
from __future__ import annotations

import os
import stat

from symgraph.errors import LimitError, SymgraphError

MAX_INPUT_BYTES = 5_000_000        # every file and stdin


def read_text_file(path: str) -> str:
    """The UTF-8 text of the regular file ``path``; anything else is a SymgraphError that says what it is."""
    data = read_bytes(path)
    return decode(capped(data, repr(path)), repr(path))


def read_bytes(path: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError, TypeError) as exc:   # ValueError: a NUL byte in the path
        raise SymgraphError(f"cannot read {path!r}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SymgraphError(f"cannot read {path!r}: it is {kind(mode)}, not a regular file "
                                "(give a file, or '-' to read standard input)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return read_capped(fd)
    except OSError as exc:
        raise SymgraphError(f"cannot read {path!r}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def regular_file(path: str) -> str:
    """``path`` when it names a regular file; a FIFO, a device or a directory is refused by what it is
    (for readers that open the path themselves, such as numpy.load)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as exc:
        raise SymgraphError(f"cannot read {path!r}: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(mode):
        raise SymgraphError(f"cannot read {path!r}: it is {kind(mode)}, not a regular file")
    return path


def read_capped(fd: int, ready=None) -> bytes:
    """The descriptor's bytes, read in chunks up to one byte past the cap (an endless stream stops there);
    ``ready()``, when given, is called before each read (stdin waits in select() slices there)."""
    chunks, total = [], 0
    while total <= MAX_INPUT_BYTES:
        if ready is not None:
            ready()
        chunk = os.read(fd, min(1 << 16, MAX_INPUT_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, words in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "not a regular file"


def capped(data, where: str):
    if len(data) > MAX_INPUT_BYTES:
        raise LimitError(f"{where} is larger than {MAX_INPUT_BYTES // 1_000_000} MB")
    return data


def decode(data, where: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SymgraphError(f"{where} is not UTF-8 text (byte {exc.start})") from None
