"""Rendered pages kept between builds: a page whose inputs did not change is not rendered again.

A catalogue page is a pure function of its :class:`~etalase.site.pages.PageSpec`
(title, view, the school's Markdown) and of things shared by the whole site:
the templates, the theme, the settings, the navigation, the language. The
renderer (the MkDocs plugin today, the offline edition, a Zensical port)
hashes the shared things once per build (:func:`site_key`, from plain values
it reads out of its own configuration) and each page's spec on top
(:func:`page_key`); a page whose key is in the cache is
hard-linked from it into the new site instead of being rendered, and every
page rendered is linked into the cache afterwards. Keys name the files, so a
stale entry can never be served for changed inputs, and two builds sharing
the folder can only add the same bytes under the same name.

Cached files are never written in place: MkDocs writes a rendered page to a
path in a fresh or cleaned site folder (a new file), a live preview that keeps
its folder removes a page's old file before rendering it (:meth:`PageCache.vacate`),
and a cached page is only ever linked (or copied) out. Deleting a site unlinks
its names; the cache keeps its own. A page already linked at its place in a
kept folder is left as it is: nothing is written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import operator
import os
import pickle
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import atomic_target, atomic_write_text
from .views import Card

MANIFEST = "manifest.json"
#: Raised into the key when the way pages are cached itself changes.
FORMAT = 2


@dataclass
class PageCache:
    """The folder of rendered pages, ``<cache_dir>/pages/<key[:2]>/<key>.html``.

    ``known`` records each kept page's size and modification time: a cached
    page shares its file with the site it was rendered into, so a deploy step
    that writes into that site's HTML in place would also change the cached
    copy. Such a page no longer matches its record and is rendered again.
    """

    folder: Path
    known: dict[str, tuple[int, int]] = field(default_factory=dict)
    restored: int = 0
    kept: int = 0  # restored pages already in place (a live preview's kept folder)
    stored: int = 0
    used: set[str] = field(default_factory=set)
    made: set[Path] = field(default_factory=set)  # folders known to exist

    @classmethod
    def open(cls, folder: Path) -> PageCache:
        """The page cache kept in ``folder`` (``CacheLayout.pages``)."""
        try:
            records = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            known = {str(k): (int(v[0]), int(v[1])) for k, v in records.items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError):
            known = {}  # none yet, or unreadable: every page is rendered
        return cls(folder, known)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def restore(self, key: str, dest: Path) -> bool:
        """Put the cached page ``key`` at ``dest``; False when it is not cached (intact)."""
        source = self.path(key)
        record = self.known.get(key)
        if record is None:
            return False
        try:
            info = os.stat(source)
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns) != record:  # written to since it was kept
            source.unlink(missing_ok=True)
            del self.known[key]
            return False
        self.used.add(key)
        self.restored += 1
        try:
            here = os.stat(dest)
        except OSError:
            self._folder_of(dest)
        else:
            if (here.st_ino, here.st_dev) == (info.st_ino, info.st_dev):
                self.kept += 1
                return True  # a kept folder's page, unchanged: nothing to write
            os.unlink(dest)
        try:
            os.link(source, dest)
        except OSError:  # another file system, or no hard links: copy the bytes
            try:
                with atomic_target(dest) as temp:
                    shutil.copyfile(source, temp)
            except OSError:
                self.used.discard(key)
                self.restored -= 1
                return False
        return True

    @staticmethod
    def vacate(dest: Path) -> None:
        """Remove the old file of a page about to be rendered again in a kept folder.

        It may be a link to a cached page, which the renderer must not write through.
        """
        with contextlib.suppress(FileNotFoundError):
            os.unlink(dest)

    def store(self, key: str, written: Path) -> None:
        """Keep the page just written at ``written`` under ``key``."""
        target = self.path(key)
        self._folder_of(target)
        target.unlink(missing_ok=True)  # a leftover without a record
        try:  # a new name for complete bytes: readers see all of the page or none
            os.link(written, target)
        except FileNotFoundError:
            return  # not written (rendered empty)
        except OSError:  # another file system: copy, then rename into place
            try:
                with atomic_target(target) as temp:
                    shutil.copyfile(written, temp)
            except OSError:
                return
        info = os.stat(target)
        self.known[key] = (info.st_size, info.st_mtime_ns)
        self.used.add(key)
        self.stored += 1

    def save(self, *, prune: bool) -> int:
        """Write the records; with ``prune``, first remove every page this build did not use.

        Returns how many pages were removed.
        """
        removed = 0
        if prune:
            for path in self._files():
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
            self.known = {k: v for k, v in self.known.items() if k in self.used}
        if self.known or self.folder.is_dir():
            atomic_write_text(self.folder / MANIFEST, json.dumps(self.known))
        return removed

    def _folder_of(self, path: Path) -> None:
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)

    def _files(self) -> Iterator[Path]:
        if not self.folder.is_dir():
            return
        for sub in self.folder.iterdir():
            if sub.is_dir():
                yield from (p for p in sub.iterdir() if p.suffix == ".html")


def site_key(
    *,
    code: Iterable[Path],
    installed: Mapping[Path, str],
    settings: Mapping[str, object],
    nav: object,
    extra: Iterable[object] = (),
) -> str:
    """What every page shares: templates and code on disk, settings, navigation.

    Args:
        code: Folders whose files the pages are made from (this package, the
            site's template folders); fingerprinted by name, size and
            modification time, unless they lie inside an ``installed`` folder.
        installed: Installed packages' folders and their versions (the
            renderer's, the theme's): a package counts by its version.
        settings: The site's settings as plain values.
        nav: The navigation every page's menu shows, as plain values.
        extra: What else the pages depend on (the language, the preview flag,
            an edition's name): any values ``json`` can write.
    """
    digest = hashlib.sha256(f"etalase-pages/{FORMAT}".encode())
    package = Path(__file__).resolve().parent.parent
    digest.update(json.dumps(sorted(map(str, installed.values()))).encode())
    for folder in dict.fromkeys([package, *code]):
        if not any(folder.is_relative_to(place) for place in installed):
            _fingerprint(digest, folder)
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(json.dumps(nav, default=str).encode())
    digest.update(json.dumps(list(extra), default=str).encode())
    return digest.hexdigest()


def page_key(site: str, spec: object) -> str:
    """The key of one page: the site's key and the page's own inputs.

    ``spec`` is a frozen dataclass tree of plain values (no sets); the bytes
    depend on the values alone, not on which equal strings happen to be one
    object. For many pages of one build, :class:`PageKeys` gives the same keys
    faster.
    """
    return PageKeys(site).key(spec)


class PageKeys:
    """The keys of one build's pages, all on the same site key.

    Each page's inputs are pickled without the memo (``fast``): a tree,
    written out in full, so equal values give equal bytes. Frozen dataclasses
    are written as their class and field values (read with one
    ``attrgetter``, not dataclasses' generic state method), and a value of a
    ``shared`` class, such as the card of an entry that sits on every list the
    entry is on, is hashed once per build: in every later page it stands as
    its digest, which is equal for equal values.
    """

    def __init__(self, site: str, shared: tuple[type, ...] = (Card,)) -> None:
        self.site = site.encode()
        self.reducers = _Reducers()
        self.digests: dict[int, tuple[bytes, object]] = {}  # id -> digest, the value kept alive
        self.plain = _Reducers()  # without digests: the bytes a shared value's digest is of
        for cls in shared:
            self.reducers[cls] = self._shared

    def key(self, spec: object) -> str:
        """The key of the page whose inputs are ``spec``."""
        digest = hashlib.sha256(self.site)
        digest.update(self._pickled(spec, self.reducers))
        return digest.hexdigest()

    def _pickled(self, value: object, reducers: _Reducers) -> memoryview:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.fast = True  # no memo: a tree, written out in full
        pickler.dispatch_table = reducers
        pickler.dump(value)
        return buffer.getbuffer()

    def _shared(self, value: object) -> tuple[object, ...]:
        found = self.digests.get(id(value))
        if found is None:
            made = hashlib.sha256(self._pickled(value, self.plain)).digest()
            found = self.digests[id(value)] = (made, value)
        return (type(value), (found[0],))


class _Reducers(dict[type, Callable[[Any], Any]]):
    """A pickler's dispatch table: a frozen dataclass as its class and field values;
    any other class as pickle writes it itself."""

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        reducer = self[cls] = self.missing(cls)
        return reducer

    @staticmethod
    def missing(cls: type) -> Callable[[Any], Any]:
        if not dataclasses.is_dataclass(cls):
            return operator.methodcaller("__reduce_ex__", 5)
        names = [f.name for f in dataclasses.fields(cls)]
        if not names:
            return lambda value: (cls, ())
        values = operator.attrgetter(*names)
        if len(names) == 1:
            return lambda value: (cls, (values(value),))
        return lambda value: (cls, values(value))


def _fingerprint(digest: Any, folder: Path) -> None:
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            try:
                info = os.stat(os.path.join(base, name))
            except OSError:
                continue
            rel = os.path.relpath(os.path.join(base, name), folder)
            digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
