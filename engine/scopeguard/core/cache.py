"""scopeguard's cache folder: derived data that makes the next run faster, never needed for correctness.

The folder is ``$XDG_CACHE_HOME/scopeguard`` (default ``~/.cache/scopeguard``), outside every
repository. It is used only when it belongs to the current user and nobody else may write to it,
because what it holds is loaded with ``pickle``; ``SCOPEGUARD_NO_CACHE=1`` turns it off. Any failure to
read or write an entry is ignored: the caller computes the value instead.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from scopeguard import __version__

_MAX_ENTRIES = 256


def cache_dir() -> Path | None:
    """The user's own scopeguard cache folder, created on first use; ``None`` when unusable or off."""
    if os.environ.get("SCOPEGUARD_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "scopeguard"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (info.st_uid != getuid() or info.st_mode & 0o022):
        return None  # a HOME in a shared folder: someone else could plant what we unpickle
    return folder if os.access(folder, os.W_OK) else None


#: the modules whose classes are pickled into the cache: an entry written by other code is never read
_PICKLED_MODULES = ("core/model.py", "core/cache.py", "policy/ast.py", "policy/resolve.py")


def _code_fingerprint() -> bytes:
    """scopeguard's version and the source of the pickled classes (a development install changes them
    without changing the version)."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for name in _PICKLED_MODULES:
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(os.urandom(16))  # no source to compare with: never reuse an entry
    return digest.digest()


def source_fingerprint(*packages: str) -> bytes:
    """A hash of the Python sources of scopeguard's sub-packages (``"agents"``), for entries derived by
    that code: a change to it, even at the same version, never reads an old entry."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(os.urandom(16))
    return digest.digest()


def key(*parts: str | bytes) -> str:
    """A cache key over ``parts`` and the code that reads and writes the entry."""
    digest = hashlib.sha256(_code_fingerprint())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def load(area: str, entry: str) -> object | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / area / entry).open("rb") as stream:
            value: object = pickle.load(stream)
            return value
    except Exception:  # a missing, truncated or stale entry is a miss, whatever the reason
        return None


def store(area: str, entry: str, value: object) -> None:
    folder = cache_dir()
    if folder is None:
        return
    target = folder / area
    try:
        target.mkdir(mode=0o700, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target / entry)
        _prune(target)
    except Exception:  # the cache only ever saves time; failing to fill it must not fail the run
        return


def _prune(folder: Path) -> None:
    entries = [p for p in folder.iterdir() if not p.name.startswith(".tmp-")]
    if len(entries) <= _MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - _MAX_ENTRIES]:
        old.unlink(missing_ok=True)
