"""Material's words on every page are Indonesian, including those its own table keeps English."""

from __future__ import annotations

import re
from pathlib import Path

from site_scenario import new_site

pytest_plugins = ["site_fixtures"]

#: Material's Indonesian table keeps these English (mkdocs-material 9.x, ``languages/id.html``).
ENGLISH = ("Header", "Footer")


def test_landmarks_are_named_in_indonesian(tmp_path: Path, clips: dict[str, Path]) -> None:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "terbit", title="Sudah Terbit")
    assert site.build() == 0
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) > 5
    labels = {
        label
        for page in pages
        for label in re.findall(r'(?:aria-label|title)="([^"]*)"', page.read_text("utf-8"))
    }
    assert "Kepala halaman" in labels
    assert not labels & set(ENGLISH), labels & set(ENGLISH)
