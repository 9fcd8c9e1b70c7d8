"""The search index's key is made from the indexed pages' keys alone, without MkDocs."""

from __future__ import annotations

import subprocess
import sys

from etalase.site.indexer import search_key


def test_the_search_key_follows_the_indexed_pages_only() -> None:
    pages = ["index.md", "sekolah/a/index.md", "sekolah/a/b/index.md", "kategori/x/index.md"]
    keys = {"sekolah/a/index.md": "k1", "sekolah/a/b/index.md": "k2"}
    key = search_key(pages, keys)
    assert key is not None
    # A list page's key does not matter: Pagefind does not index list pages.
    assert search_key(pages, {**keys, "kategori/x/index.md": "k9"}) == key
    assert search_key(pages, {**keys, "sekolah/a/b/index.md": "k3"}) != key
    # A school page rendered without a key: the index cannot be named, it is built anew.
    assert search_key(pages, {"sekolah/a/index.md": "k1"}) is None


def test_page_and_search_keys_load_without_mkdocs() -> None:
    """The offline edition and a future Zensical port use the keys without MkDocs installed."""
    code = (
        "import sys\n"
        "class NoMkDocs:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('mkdocs', 'material'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, NoMkDocs())\n"
        "import etalase.site.pagecache, etalase.site.indexer\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
