"""The module-scoped demo scenario of the build, preview and safety tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from site_scenario import HOSTILE_BODY, HOSTILE_TITLE, Site, new_site


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path]) -> Iterator[Site]:
    """One scenario built once per module: published, unpublished, invalid and hostile entries."""
    site = new_site(tmp_path_factory.mktemp("situs"), clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.school("smp-cepu", npsn="20312346", district="Cepu", level="SMP", name="SMP Cepu")
    site.school("sdn-sepi", npsn="20312347", district="Jepon", name="SD Sepi")
    site.entry(
        "sdn-1-blora",
        "robot-bekas",
        title="Robot dari Barang Bekas",
        body="Siswa kelas 5 merakit robot dari kardus bekas.",
    )
    site.entry(
        "sdn-1-blora",
        "lama",
        title="Kegiatan Lama",
        date="2025-05-02",
        category="kegiatan-sekolah",
        tags="[pramuka]",
    )
    site.entry(
        "smp-cepu",
        "wayang",
        title="Wayang Kardus",
        category="inovasi-pembelajaran",
        tags="[wayang, daur ulang]",
        body="Pentas wayang dari kardus bekas.",
    )
    site.entry("smp-cepu", "draf", title="Masih Draf", status="draft")
    site.entry("smp-cepu", "tinjau", title="Menunggu Tinjauan", status="review")
    site.entry("smp-cepu", "tolak", title="Ditolak Kurator", status="rejected")
    site.entry("smp-cepu", "terlalu-panjang", title="Terlalu Panjang", clip="long")
    site.entry(
        "sdn-1-blora",
        "jahat",
        title=HOSTILE_TITLE,
        body=HOSTILE_BODY,
        tags='["<b onmouseover=alert(5)>tag</b>", "javascript:alert(6)"]',
    )
    assert site.build() == 0
    yield site
