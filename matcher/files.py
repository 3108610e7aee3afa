"""Files the service writes for its operators: whole or not at all, readable by the owner only."""

import os
import tempfile
from pathlib import Path


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically with mode 0600.

    The text goes to a temporary file beside ``path`` (created 0600 by ``mkstemp``), is synced
    to disk, then renamed over ``path``: a reader never sees half a file, and a crash leaves
    the previous one in place.
    """
    path = path.resolve()
    fd, draft = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(draft, path)
    except BaseException:
        Path(draft).unlink(missing_ok=True)
        raise
