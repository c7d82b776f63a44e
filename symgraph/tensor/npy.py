"""Reading NumPy files for the point: ``name=@file.npy`` and ``@data.npz``, always ``allow_pickle=False``.

Each .npy header (and each member of an .npz archive) is read by hand before anything is loaded, so that a
file that is not .npy at all (a text file, /dev/zero, an empty file) is told so with what was found, an object
array (a pickle) is refused as one, and a header past the size limit is refused before its data is read.
"""
from __future__ import annotations

import zipfile

import numpy as np

from symgraph.core.files import regular_file
from symgraph.errors import LimitError, PointError

MAX_ENTRIES = 20_000_000        # entries in one array (160 MB of float64)


NPY_MAGIC = b"\x93NUMPY"
PICKLE = "holds a pickle (Python objects): refused, since loading a pickle can run code; save plain numeric " \
         "arrays with numpy.save or numpy.savez"


def _header(f, where: str) -> tuple:
    """(shape, fortran_order, dtype) from an .npy header, read by hand before anything is loaded: a file that
    is not .npy (or is empty) and an object array (a pickle) are refused with what was found."""
    start = f.read(len(NPY_MAGIC))
    if start[:1] == b"\x80" and start[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):   # a raw pickle stream
        raise PointError(f"{where} {PICKLE}")
    if start != NPY_MAGIC:
        found = "it is empty" if not start else (
            "it starts like a zip archive (.npz)" if start.startswith(b"PK") else f"it starts with {start!r}")
        raise PointError(f"{where} is not a NumPy .npy file ({found})")
    f.seek(0)
    try:
        version = np.lib.format.read_magic(f)
        read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        header = read(f)
    except (ValueError, EOFError) as exc:
        raise PointError(f"{where} is not a readable NumPy .npy file (its header: {exc})") from None
    if header[2].hasobject:
        raise PointError(f"{where} {PICKLE}")
    return header


def load_npy(path: str, name: str) -> np.ndarray:
    try:
        with open(regular_file(path), "rb") as f:      # a FIFO would block: refused by what it is
            if f.read(2) == b"PK":
                raise PointError(f"{path} is an .npz archive; give it as --at @{path}")
            f.seek(0)
            header = _header(f, path)
        if int(np.prod(header[0], dtype=object)) > MAX_ENTRIES:
            raise LimitError(f"{path}: {name} has more than {MAX_ENTRIES:,} entries (the size limit)")
        arr = np.load(regular_file(path), mmap_mode="r", allow_pickle=False)
    except OSError as exc:
        raise PointError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, EOFError) as exc:
        raise PointError(f"{path} is not a readable NumPy .npy file ({exc})") from None
    return _numeric(arr, name, path)


def load_npz(path: str) -> dict:
    out = {}
    try:
        with zipfile.ZipFile(regular_file(path)) as z:
            for info in z.infolist():
                with z.open(info) as f:
                    header = _header(f, f"{path}: {info.filename}")
                    if int(np.prod(header[0], dtype=object)) > MAX_ENTRIES:
                        raise LimitError(f"{path}: {info.filename} has more than {MAX_ENTRIES:,} entries "
                                         "(the size limit)")
        with np.load(regular_file(path), allow_pickle=False) as data:
            for key in data.files:
                out[key] = _numeric(data[key], key, path)
    except OSError as exc:
        raise PointError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except zipfile.BadZipFile:
        with open(path, "rb") as f:
            start = f.read(len(NPY_MAGIC))
        raise PointError(f"{path} is not a NumPy .npz archive (" + ("it is empty" if not start else
                         "it is a single .npy array; give it as --at name=@" + path if start == NPY_MAGIC else
                         f"it starts with {start!r}") + ")") from None
    except (ValueError, EOFError) as exc:
        raise PointError(f"{path} is not a readable NumPy .npz archive ({exc})") from None
    return out


def _numeric(arr, name: str, path: str) -> np.ndarray:
    if arr.dtype.kind not in "iuf":
        raise PointError(f"{path}: {name} has dtype {arr.dtype}; arrays hold real numbers")
    if arr.size > MAX_ENTRIES:
        raise LimitError(f"{path}: {name} has {arr.size:,} entries, more than the limit of {MAX_ENTRIES:,}")
    return np.array(arr, dtype=np.float64)
