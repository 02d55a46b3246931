"""Writing output files whole or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import InputError


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path through a temporary file in the same folder and a rename.

    An interrupted write leaves the old file (or none), never half a file.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError("is a directory; give a file name to write", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except PermissionError:
        raise InputError("cannot write here: permission denied", path=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot write here: {error.strerror}", path=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
