"""Files read before, remembered by their bytes, so reading a year that has not changed
is quick: a content file's YAML as read (values and positions), an SVG's PNG for Word.

Each result is kept under a hash of the file's bytes, what was asked of them (its path,
its size) and reportgen's own code (:func:`package_fingerprint`), so a changed file, or
a changed reportgen, is read afresh: nothing is ever taken from the cache that reading
the file now would not give. Only reads without problems are kept; a file with a
mistake is read again each time, so its messages are exactly as reading gives them.

Results are kept in memory for the life of the process (``preview`` and scripts that
build again and again read an unchanged file once), and, during a build, in the output
folder's ``.cache/parsed/`` (:func:`kept_in`), so the next ``reportgen build`` of an
unchanged year reads no YAML at all. A cached result is only ever data (JSON, or a
PNG's bytes), never code.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from reportgen.version import __version__

PARSED_FOLDER = Path(".cache") / "parsed"
"""Where a build keeps what it read, inside the output folder."""
_PACKAGE = Path(__file__).resolve().parent.parent
_IN_MEMORY = 64 * 2**20
"""The bytes of results kept in memory (the least recently used are forgotten first)."""
Result = TypeVar("Result")


@functools.cache
def package_fingerprint() -> str:
    """A hash of reportgen's own code and data (its version, and every file of the
    package), taken once a process: results made by other code are never reused."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class _Session:
    """A build's use of the cache: a folder to read results from, and what it used."""

    folder: Path | None
    used: dict[str, bytes] = field(default_factory=dict)


class _Memory:
    """Results kept in this process, the least recently used forgotten past ``most``
    bytes (the preview runs for hours, reading each edited file again)."""

    def __init__(self, most: int) -> None:
        self.most, self.size = most, 0
        self.results: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            payload = self.results.get(key)
            if payload is not None:
                self.results.move_to_end(key)
            return payload

    def put(self, key: str, payload: bytes) -> None:
        with self.lock:
            self.size += len(payload) - len(self.results.pop(key, b""))
            self.results[key] = payload
            while self.size > self.most and len(self.results) > 1:
                self.size -= len(self.results.popitem(last=False)[1])

    def clear(self) -> None:
        with self.lock:
            self.results.clear()
            self.size = 0


_memory = _Memory(_IN_MEMORY)
_session: ContextVar[_Session | None] = ContextVar("reportgen_parsed_files", default=None)


def remembered(
    kind: str,
    raw: bytes,
    asked: str,
    read: Callable[[], tuple[Result, bool]],
    encode: Callable[[Result], bytes],
    decode: Callable[[bytes], Result],
) -> Result:
    """What ``read()`` gives for these bytes (``raw``) and this question (``asked``: the
    file's path, a size…), from the cache when it has been read before. ``read`` returns
    the result and whether it may be kept (False for a file with problems)."""
    key = _key(kind, raw, asked)
    payload = _recalled(key)
    if payload is not None:
        with contextlib.suppress(ValueError, TypeError, KeyError):
            result = decode(payload)
            _remember(key, payload)
            return result
    result, keep = read()
    if keep:
        _remember(key, encode(result))
    return result


@contextlib.contextmanager
def kept_in(folder: Path | None) -> Iterator[_Session]:
    """Within the block, results are also looked for in ``folder`` (when it exists); the
    block's session lists every result used, for :func:`save` once the build is done."""
    session = _Session(folder if folder is not None and folder.is_dir() else None)
    token = _session.set(session)
    try:
        yield session
    finally:
        _session.reset(token)


def save(session: _Session, folder: Path) -> None:
    """Keep in ``folder`` exactly the results ``session`` used: new ones written, those
    no longer used (an older version of an edited file) deleted. Only saves time: a
    result that cannot be written is read again next time."""
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        for key, payload in session.used.items():
            if not (folder / key).is_file():
                _write(folder / key, payload)
        for old in folder.iterdir():
            if old.name not in session.used:
                with contextlib.suppress(OSError):
                    old.unlink()


def forget() -> None:
    """Empty the in-memory cache (for measuring a cold read)."""
    _memory.clear()


def _key(kind: str, raw: bytes, asked: str) -> str:
    digest = hashlib.sha256(f"{kind}\0{package_fingerprint()}\0{asked}\0".encode())
    digest.update(raw)
    return f"{kind}-{digest.hexdigest()[:40]}"


def _recalled(key: str) -> bytes | None:
    payload = _memory.get(key)
    if payload is not None:
        return payload
    session = _session.get()
    if session is None or session.folder is None:
        return None
    try:
        return (session.folder / key).read_bytes()
    except OSError:
        return None


def _remember(key: str, payload: bytes) -> None:
    _memory.put(key, payload)
    session = _session.get()
    if session is not None:
        session.used[key] = payload


def _write(path: Path, payload: bytes) -> None:
    """Written whole or not at all (a reader never sees half a result)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
