"""Every section URL of the site, spelled in one place.

A URL here is relative to the site root and ends with ``/`` for a page
(``sekolah/``, ``kecamatan/blora/``) or names a file (``feed.xml``). The model,
the page planners, the templates (the ``routes`` global), the edition, the
sitemap and feed, deploy's public check and the desk ask :data:`ROUTES`; no
other module spells a section (``tests/test_routes.py`` fails when one does).
``docs/routes.md`` says how to add a section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: The list facets' kinds, in their navigation order: each is a section of the
#: site (``<kind>/`` lists its values, ``<kind>/<slug>/`` one value's entries)
#: and the name of the search filter of the same values.
DISTRICT: Final = "kecamatan"
LEVEL: Final = "jenjang"
CATEGORY: Final = "kategori"
YEAR: Final = "tahun"
TAG: Final = "tag"
CAPTIONED: Final = "takarir"  # one value: the clips with published captions (#30.4)


@dataclass(frozen=True, slots=True)
class Routes:
    """The site's section URLs (site-root relative) and the pages' own URLs."""

    home: str = ""
    schools: str = "sekolah/"
    innovations: str = "inovasi/"
    search: str = "cari/"
    stats: str = "statistik/"
    guide: str = "panduan/"
    feed: str = "feed.xml"
    #: The offline edition's search index script, in the search section.
    search_index: str = "cari/indeks.js"
    facets: tuple[str, ...] = (DISTRICT, LEVEL, CATEGORY, YEAR, TAG, CAPTIONED)

    @property
    def districts(self) -> str:
        return self.facet(DISTRICT)

    @property
    def levels(self) -> str:
        return self.facet(LEVEL)

    @property
    def categories(self) -> str:
        return self.facet(CATEGORY)

    @property
    def years(self) -> str:
        return self.facet(YEAR)

    @property
    def tags(self) -> str:
        return self.facet(TAG)

    def school(self, slug: str) -> str:
        """A school's page: ``sekolah/<slug>/``."""
        return f"{self.schools}{slug}/"

    def entry(self, school: str, slug: str) -> str:
        """An entry's page: ``sekolah/<school>/<slug>/``."""
        return f"{self.schools}{school}/{slug}/"

    def entry_key(self, key: str) -> str:
        """An entry's page from its key ``<school>/<entry>``."""
        return f"{self.schools}{key}/"

    def innovation(self, slug: str) -> str:
        """An innovation's page: ``inovasi/<slug>/``."""
        return f"{self.innovations}{slug}/"

    def facet(self, kind: str, slug: str | None = None) -> str:
        """A facet's list (``kecamatan/``) or one value's page (``kecamatan/blora/``)."""
        return f"{kind}/" if slug is None else f"{kind}/{slug}/"

    def district(self, slug: str) -> str:
        return self.facet(DISTRICT, slug)

    def level(self, slug: str) -> str:
        return self.facet(LEVEL, slug)

    def category(self, slug: str) -> str:
        return self.facet(CATEGORY, slug)

    def year(self, year: int | str) -> str:
        return self.facet(YEAR, str(year))

    def tag(self, slug: str) -> str:
        return self.facet(TAG, slug)

    @staticmethod
    def source(url: str) -> str:
        """The Markdown page MkDocs builds at ``url``: ``sekolah/`` -> ``sekolah/index.md``."""
        return f"{url}index.md"


#: The one instance everything asks.
ROUTES: Final = Routes()
