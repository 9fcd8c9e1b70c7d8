"""Routes in one place (#29.3): only ``etalase.content.routes`` spells a section's URL.

The scan reads every module's string literals (docstrings left out: they may
name a URL to explain it) and every template (Jinja comments left out), so a
new ``"kecamatan/"`` or ``'feed.xml' | url`` anywhere else fails here.
"""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

import pytest

from etalase.content.model import School
from etalase.content.routes import ROUTES, Routes
from etalase.site.pages import FACETS, section_nav
from etalase.site.strings import Strings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "etalase"
TEMPLATE_DIRS = (PACKAGE / "templates" / "site", PACKAGE / "templates" / "desk", ROOT / "overrides")
ROUTES_MODULE = PACKAGE / "content" / "routes.py"

#: Every field of the routes: a section's first folder (``sekolah``) or a file (``feed.xml``).
_HEADS = {
    str(getattr(ROUTES, f.name)).split("/", 1)[0] for f in fields(ROUTES) if f.type == "str"
} | set(ROUTES.facets)
SECTIONS = sorted(h for h in _HEADS if h and "." not in h)
FILES = sorted(h for h in _HEADS if "." in h)

#: A section's URL in a literal: ``kecamatan/``, ``/sekolah/x/`` (not a path such as
#: ``content/sekolah/``, which names the content folder), or the feed.
_FILE = "|".join(re.escape(f) for f in FILES)
_IN_CODE = re.compile(rf"(?:^|[^\w/.-])(?:{'|'.join(SECTIONS)})/|\b(?:{_FILE})\b")
_IN_TEMPLATE = re.compile(rf"""["'/](?:{"|".join(SECTIONS)})/|\b(?:{_FILE})\b""")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)

#: A section's bare name (``site_dir / "sekolah"``) is a URL too.
_BARE = frozenset(SECTIONS)

#: Literals that spell a section's name and are not a link to it. Keep this list short.
ALLOWED: dict[str, set[str]] = {
    # the content folders (content/sekolah/, content/inovasi/), not the site's sections
    "src/etalase/content/layout.py": {"sekolah", "inovasi"},
    # column headers of the office's school roster and the words that name them
    "src/etalase/content/roster.py": {"sekolah", "jenjang", "kecamatan"},
    "src/etalase/commands/roster.py": {"jenjang"},
    # front matter: the ``tag`` length limit, Indonesian field names a school may write
    "src/etalase/content/schema.py": {"tag"},
    "src/etalase/intake/explanation.py": {"kategori", "tag"},
    # the Indonesian names of the fields a curator's edit keeps (told in the school's report)
    "src/etalase/intake/stage.py": {"kategori"},
    # a word of the site's text and a tag of the offline ZIM file
    "src/etalase/site/strings.py": {"inovasi", "sekolah"},
    "src/etalase/offline/zim.py": {"sekolah"},
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def literals_in_code(path: Path) -> list[tuple[int, str]]:
    """The string literals of ``path`` that spell a section URL (line, text)."""
    tree = ast.parse(path.read_text("utf-8"))
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and (node.value in _BARE or _IN_CODE.search(node.value))
    ]


def literals_in_template(path: Path) -> list[tuple[int, str]]:
    """The lines of template ``path`` that spell a section URL (line, text)."""
    text = _JINJA_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text("utf-8"))
    return [
        (n, line.strip())
        for n, line in enumerate(text.splitlines(), start=1)
        if _IN_TEMPLATE.search(line)
    ]


def test_no_section_url_is_spelled_outside_the_routes_module() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == ROUTES_MODULE:
            continue
        rel = path.relative_to(ROOT).as_posix()
        found += [
            f"{rel}:{n}: {s!r}"
            for n, s in literals_in_code(path)
            if s not in ALLOWED.get(rel, set())
        ]
    for folder in TEMPLATE_DIRS:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in {".html", ".js", ".xml"}):
            rel = path.relative_to(ROOT).as_posix()
            found += [f"{rel}:{n}: {s}" for n, s in literals_in_template(path)]
    assert not found, "ask etalase.content.routes.ROUTES instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('url = f"kecamatan/{slug}/"\n', 1),
        ('INDEX = "inovasi/index.md"\n', 1),
        ('FEED = "feed.xml"\n', 1),
        ('where = "content/sekolah/"\n', 0),
        ('def f():\n    """Lists ``/statistik/``."""\n', 0),
        ('kind = f"{prefix}/{slug}/"\n', 0),
        ('folder = site_dir / "sekolah"\n', 1),
    ],
)
def test_the_scan_finds_a_literal_in_code(tmp_path: Path, source: str, expected: int) -> None:
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert len(literals_in_code(path)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<a href=\"{{ 'tag/' | url }}\">", 1),
        ('<a href="/sekolah/{{ key }}/">', 1),
        ("{#- opens /cari/ -#}\n<p>", 0),
        ('<span data-pagefind-filter="kecamatan">', 0),
        ('<a href="{{ routes.tags | url }}">', 0),
    ],
)
def test_the_scan_finds_a_literal_in_a_template(tmp_path: Path, source: str, expected: int) -> None:
    path = tmp_path / "t.html"
    path.write_text(source, encoding="utf-8")
    assert len(literals_in_template(path)) == expected


def test_the_scan_knows_every_section() -> None:
    assert set(SECTIONS) == {"sekolah", "inovasi", "cari", "statistik", "panduan", *ROUTES.facets}
    assert FILES == ["feed.xml"]


def test_routes_spell_the_sections_the_site_always_had() -> None:
    r = Routes()
    assert (r.schools, r.innovations, r.search, r.stats, r.guide, r.feed) == (
        "sekolah/",
        "inovasi/",
        "cari/",
        "statistik/",
        "panduan/",
        "feed.xml",
    )
    assert r.search_index == "cari/indeks.js"
    assert (r.districts, r.levels, r.categories, r.years, r.tags) == (
        "kecamatan/",
        "jenjang/",
        "kategori/",
        "tahun/",
        "tag/",
    )
    assert r.school("sma-1") == "sekolah/sma-1/"
    assert r.entry("sma-1", "tari") == r.entry_key("sma-1/tari") == "sekolah/sma-1/tari/"
    assert r.innovation("gerak") == "inovasi/gerak/"
    assert r.district("blora") == "kecamatan/blora/"
    assert r.year(2024) == "tahun/2024/"
    assert r.source(r.stats) == "statistik/index.md"
    assert tuple(kind for kind, _ in FACETS) == r.facets


def test_the_model_and_the_navigation_ask_the_routes() -> None:
    school = School(
        slug="sma-1",
        source=Path("content/sekolah/sma-1/index.md"),
        name="SMA 1",
        npsn="12345678",
        level="SMA",
        district="Blora",
        body="",
    )
    assert school.url == ROUTES.school("sma-1")
    nav = section_nav(Strings("id"), has_guide=True, has_innovations=True)
    pages = [page for item in nav for page in item.values()]
    assert pages == [
        "index.md",
        ROUTES.source(ROUTES.schools),
        ROUTES.source(ROUTES.innovations),
        ROUTES.source(ROUTES.districts),
        ROUTES.source(ROUTES.levels),
        ROUTES.source(ROUTES.categories),
        ROUTES.source(ROUTES.search),
        ROUTES.source(ROUTES.stats),
        ROUTES.source(ROUTES.guide),
    ]
