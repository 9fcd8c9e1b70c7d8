"""Safe paths: file names from front matter resolved strictly inside their folder.

A school names its video, captions or logo in front matter. Those names are
untrusted: ``..``, absolute paths and symbolic links could reach files of other
schools or of the server. :func:`resolve_inside` accepts only a name that stays
inside the folder as written and on disk. :class:`RealPaths` resolves many files
below few folders as :meth:`pathlib.Path.resolve` does, each folder only once.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal

Refusal = Literal["outside", "missing", "not-a-file"]

_SLUG_STRIP = re.compile(r"[^a-z0-9]+")
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@functools.lru_cache(maxsize=4096)  # districts, levels, categories and tags, again and again
@functools.lru_cache(maxsize=1 << 16)  # a plan asks for every entry's tags, kecamatan, year
def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: the form every URL part takes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_STRIP.sub("-", ascii_text.lower()).strip("-")


def is_slug(text: str) -> bool:
    """Whether ``text`` can stand as it is in a URL."""
    return bool(_SLUG_OK.match(text)) and len(text) <= 80


@dataclass(frozen=True, slots=True)
class Resolved:
    """The outcome of resolving a name: a path, or why there is none."""

    path: Path | None
    refusal: Refusal | None = None


class RealPaths:
    """:meth:`Path.resolve` for many paths, resolving each folder once.

    ``Path.resolve()`` checks every folder level for a symbolic link: seven
    system calls for a file seven levels deep, for each of 20,000 files. This
    remembers each folder's real path, so a file costs one ``lstat`` of its own
    (a file that is a symbolic link is resolved in full, exactly as
    ``resolve()`` does). Keep an instance for one pass only: a folder swapped
    for a link afterwards is not seen.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path) -> Path:
        """The same path as ``path.resolve()`` (non-strict)."""
        return Path(self.text(str(path)))

    def text(self, path: str) -> str:
        """``str(Path(path).resolve())``, without making a Path (they cost more than the lstat)."""
        folder, name = os.path.split(path)
        if not os.path.isabs(path) or name in ("", ".", "..") or "//" in path:
            return str(Path(path).resolve())
        return self._child(self._folder(folder), name)

    def _folder(self, folder: str) -> str:
        known = self._folders.get(folder)
        if known is None:
            parent, name = os.path.split(folder)
            if name in ("", ".", ".."):
                known = os.path.realpath(folder)
            else:
                known = self._child(self._folder(parent), name)
            self._folders[folder] = known
        return known

    @staticmethod
    def _child(real_folder: str, name: str) -> str:
        path = os.path.join(real_folder, name)
        try:
            is_link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:  # missing: kept as written, as resolve() does
            return path
        if not is_link:
            return path
        real = os.path.realpath(path)
        try:  # resolve() refuses a loop of links the same way
            os.stat(real)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise RuntimeError(f"Symlink loop from {exc.filename!r}") from exc
        return real


def shown(path: Path, root: Path) -> str:
    """``path`` as a person at ``root`` sees it: relative to ``root`` when inside, else as
    it is (POSIX separators)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def located(path: Path) -> Path:
    """Where ``path`` is, absolute: the links among its folders resolved, its own name kept.

    :meth:`Path.resolve` follows a link at the end too, so a link inside the
    content that points outside would seem to lie outside: a check scoped to
    its folder would leave out the problem the full check reports about it.
    """
    path = path.absolute()
    if path.name in ("", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


def within(path: Path, scopes: Sequence[Path]) -> bool:
    """Whether ``path`` is one of ``scopes`` or below one (both taken with :func:`located`)."""
    here = located(path)
    return any(here == s or s in here.parents for s in map(located, scopes))


def suffix_of(name: str) -> str:
    """``Path(name).suffix`` without making a Path: ``.mp4`` of ``a.mp4``, nothing of ``.mp4``."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def resolve_inside(folder: Path, name: str) -> Resolved:
    """Resolve ``name`` as a regular file strictly inside ``folder``.

    Refuses absolute paths (POSIX or Windows style), any ``..`` part, symbolic
    links anywhere below ``folder``, and anything that is not a regular file.
    """
    if not name or "\x00" in name:
        return Resolved(None, "missing")
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive:
        return Resolved(None, "outside")
    parts = [p for p in re.split(r"[\\/]", name) if p not in ("", ".")]
    if not parts or ".." in parts:
        return Resolved(None, "outside")
    current = folder
    for part in parts:
        current = current / part
        try:
            info = os.lstat(current)
        except OSError:
            return Resolved(None, "missing")
        if stat.S_ISLNK(info.st_mode):
            return Resolved(None, "outside")
    if not stat.S_ISREG(info.st_mode):
        return Resolved(None, "not-a-file")
    return Resolved(current)
