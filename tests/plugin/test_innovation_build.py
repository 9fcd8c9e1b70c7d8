"""Innovation pages built in-process: sections, evidence cards, chart numbers, links both ways.

One scenario site per module: two schools, published and unpublished clips, a
family of two versions, a stopped innovation, an unpublished one, and a hostile
one whose every text field carries markup that must stay inert.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_scenario import HOSTILE_BODY, HOSTILE_TITLE, Markup, Site, new_site

from innovation_scenario import innovation_text, write_innovation

HEADINGS = [
    "Latar belakang dan masalah",
    "Keunikan",
    "Implementasi",
    "Dampak",
    "Keberlanjutan",
    "Replikasi",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path]) -> Iterator[Site]:
    s = new_site(tmp_path_factory.mktemp("inovasi"), clips, warm=True)
    s.school("sdn-1-blora", npsn="20312345", name="SD Negeri 1 Blora")
    s.school("smp-cepu", npsn="20312346", district="Cepu", level="SMP", name="SMP Cepu")
    s.entry("sdn-1-blora", "robot", title="Robot Pemilah")
    s.entry("sdn-1-blora", "kebun", title="Kebun Sekolah", date="2026-07-01")
    s.entry("smp-cepu", "wayang", title="Wayang Kardus")
    s.entry("smp-cepu", "draf", title="Masih Draf", status="draft")
    c = s.content
    write_innovation(
        c,
        "sahabat",
        innovation_text(
            {
                "evidence": "[sdn-1-blora/robot, sdn-1-blora/kebun, smp-cepu/draf]",
                "replicated_by": "[smp-cepu, {name: SD Negeri 1 Sulang, place: Kabupaten "
                "Rembang, year: 2025}]",
                "life": "[{year: 2021, status: berjalan, budget: swadaya}, {year: 2023, "
                "status: jeda, note: Guru BK pindah tugas}, {year: 2024, status: berjalan, "
                "budget: BOS}]",
                "sk": "{number: 421/17/2022, date: 2022-01-10, by: Kepala SD Negeri 1 Blora}",
                "budget": "[BOS]",
            }
        ),
    )
    write_innovation(
        c,
        "sahabat-kota",
        innovation_text(
            {
                "title": "SAHABAT Kota",
                "schools": "[smp-cepu]",
                "derived_from": "sahabat",
                "evidence": "[smp-cepu/wayang]",
                "replicated_by": "[{school: sdn-1-blora, year: 2025}]",
                "theme": "[literasi]",
                "awards": None,
            }
        ),
    )
    write_innovation(
        c,
        "henti",
        innovation_text(
            {
                "title": "HENTI",
                "running": "false",
                "theme": "[lingkungan]",
                "evidence": "[]",
                "impact": None,
            }
        ),
    )
    write_innovation(c, "rahasia", innovation_text({"title": "RAHASIA", "status": "review"}))
    hostile = {
        "evidence": "[smp-cepu/wayang]",
        "title": json.dumps(HOSTILE_TITLE[:80]),
        "meaning": json.dumps("<b onmouseover=alert(7)>arti</b>"),
        "impact": json.dumps(
            [
                {
                    "measure": "<script>alert('ukur')</script>",
                    "unit": "<i onclick=alert(8)>u</i>",
                    "before": 5,
                    "after": 9,
                }
            ]
        ),
        "awards": json.dumps(
            [
                {
                    "competition": "<iframe src=//jahat.example>",
                    "level": "<svg onload=alert(9)>",
                    "year": 2024,
                    "result": "<a href=javascript:alert(10)>x</a>",
                }
            ]
        ),
    }
    sections = {h: HOSTILE_BODY + "\n" + "kata " * 60 for h in HEADINGS}
    write_innovation(c, "jahat", innovation_text(hostile, sections, intro=HOSTILE_BODY))
    assert s.build() == 0
    yield s


def _section_headings(page: str) -> list[str]:
    body = page.split('<div class="etalase-body">', 1)[1].split("</div>\n", 1)[0]
    return re.findall(r"<h2[^>]*>(.*?)</h2>", body)


def test_the_innovation_page_has_its_six_sections_in_order(site: Site) -> None:
    page = site.page("inovasi/sahabat")
    assert _section_headings(page) == HEADINGS
    assert "Teman sebaya menjadi konselor." in page
    assert '<p class="etalase-innovation__meaning">Saling Bantu Agar Tetap Bersekolah</p>' in page


def test_evidence_clips_are_cards_and_unpublished_ones_are_left_out(site: Site) -> None:
    page = site.page("inovasi/sahabat")
    evidence = page.split("<h2>Video bukti</h2>", 1)[1].split("</section>", 1)[0]
    links = re.findall(r'class="etalase-card__link" href="([^"]+)"', evidence)
    assert links == ["../../sekolah/sdn-1-blora/robot/", "../../sekolah/sdn-1-blora/kebun/"]
    assert "Masih Draf" not in page
    assert re.search(r"robot/poster-[0-9]+\.webp", evidence)


def test_the_impact_chart_carries_its_numbers_in_text(site: Site) -> None:
    page = site.page("inovasi/sahabat")
    assert (
        "<figcaption><strong>Murid putus sekolah</strong> (murid): Sebelum (2020) 12, "
        "sesudah (2025) 3 (turun 75%)</figcaption>"
    ) in page
    svg = re.search(r"<svg[^>]*role=\"img\"[^>]*>(.*?)</svg>", page, re.S)
    assert svg is not None
    assert re.findall(r"<text[^>]*>([^<]*)</text>", svg.group(1)) == [
        "Sebelum (2020)",
        "12",
        "Sesudah (2025)",
        "3",
    ]
    widths = re.findall(r'<rect class="(before|after)"[^>]*width="(\d+)"', svg.group(1))
    assert widths == [("before", "170"), ("after", "42")]  # 3/12 of the longest bar


def test_awards_versions_and_replication(site: Site) -> None:
    page = site.page("inovasi/sahabat")
    assert "<li><strong>Top 10</strong> · KIPP · Tingkat provinsi, 2024</li>" in page
    assert (
        'Ditiru oleh: <a href="../../sekolah/smp-cepu/">SMP Cepu</a>, '
        "SD Negeri 1 Sulang (Kabupaten Rembang, 2025)</p>"
    ) in page
    tree = page.split('<ul class="etalase-tree"', 1)[1].split("</section>", 1)[0]
    assert '<span aria-current="page">SAHABAT</span>' in tree
    assert '<a href="../sahabat-kota/">SAHABAT Kota</a>' in tree
    child = site.page("inovasi/sahabat-kota")
    assert 'Tumbuh dari: <a href="../sahabat/">SAHABAT</a>' in child
    assert '<span aria-current="page">SAHABAT Kota</span>' in child
    assert '<ul class="etalase-tree"' not in site.page("inovasi/henti")  # no versions, no tree


def test_links_both_ways(site: Site) -> None:
    entry = site.page("sekolah/sdn-1-blora/robot")
    assert (
        'Video ini menjadi bukti inovasi: <a href="../../../inovasi/sahabat/">SAHABAT</a>' in entry
    )
    assert "bukti inovasi" not in site.page("sekolah/smp-cepu")
    wayang = site.page("sekolah/smp-cepu/wayang")
    assert 'bukti inovasi: <a href="../../../inovasi/jahat/">&lt;script&gt;' in wayang
    school = site.page("sekolah/smp-cepu")
    assert re.findall(r'<ul class="etalase-innovation-links">(.*?)</ul>', school) == [
        '<li><a href="../../inovasi/sahabat/">SAHABAT</a></li>'
        '<li><a href="../../inovasi/sahabat-kota/">SAHABAT Kota</a></li>'
    ]


def test_the_list_shows_published_innovations_with_their_state(site: Site) -> None:
    page = site.page("inovasi")
    titles = re.findall(r'<span class="etalase-card__title">(.*?)</span>', page)
    assert "HENTI" in titles and "SAHABAT" in titles and "SAHABAT Kota" in titles
    assert "RAHASIA" not in page
    assert "Masih berjalan: 3 · Sudah berhenti: 1" in page
    henti = page.split(">HENTI<", 1)[1].split("</li>", 1)[0]
    assert "Sudah berhenti" in henti and "Lingkungan" in henti and "SD Negeri 1 Blora" in henti
    sahabat = page.split(">SAHABAT<", 1)[0].rsplit("<li", 1)[1]
    assert "sekolah/sdn-1-blora/robot/poster-" in sahabat  # the first evidence clip's poster


def test_unpublished_innovations_are_not_built_nor_copied(site: Site) -> None:
    assert not (site.out / "inovasi" / "rahasia").exists()
    assert not list(site.out.rglob("inovasi/**/*.md"))


def test_navigation_search_filters_and_statistics(site: Site) -> None:
    home = site.page("")
    assert 'href="inovasi/"' in home
    entry = site.page("sekolah/sdn-1-blora/robot")
    assert '<span hidden data-pagefind-filter="jenis">video</span>' in entry
    page = site.page("inovasi/sahabat-kota")
    assert '<span hidden data-pagefind-filter="jenis">inovasi</span>' in page
    assert '<span data-pagefind-filter="tema">Literasi</span>' in page
    assert '<span data-pagefind-filter="kecamatan">Cepu</span>' in page
    stats = site.page("statistik")
    rows = dict(
        re.findall(
            r'<th scope="row">([^<]+)</th>\s*<td>.*?</td>\s*<td class="etalase-bars__n">'
            r"(\d+)</td>",
            stats.split("4 inovasi", 1)[1],
            re.S,
        )
    )
    assert rows["Blora"] == "3" and rows["Cepu"] == "1"
    assert rows["Masih berjalan"] == "3" and rows["Sudah berhenti"] == "1"
    assert rows["Anti Putus Sekolah"] == "2" and rows["Literasi"] == "1"
    filters = (site.out / "pagefind" / "pagefind-entry.json").read_text("utf-8")
    assert '"page_count":' in filters


def test_search_indexes_the_innovations(site: Site) -> None:
    entry = json.loads((site.out / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    (language,) = entry["languages"].values()
    # 3 published clips' and 2 schools' pages carry data-pagefind-body, and 4 innovations.
    assert language["page_count"] == 3 + 2 + 4


def test_hostile_text_in_every_field_stays_inert(site: Site) -> None:
    page, clean = site.page("inovasi/jahat"), site.page("inovasi/sahabat")
    hostile, good = Markup(page), Markup(clean)
    assert sorted(hostile.scripts) == sorted(good.scripts)
    for tag in (
        "iframe",
        "frame",
        "object",
        "embed",
        "base",
        "form",
        "input",
        "style",
        "link",
        "svg",
        "b",
        "i",
    ):
        assert len(hostile.named(tag)) == len(good.named(tag)), tag
    for tag, attrs in hostile.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            assert not attrs.get(name, "").lower().startswith(("javascript:", "data:")), attrs
    for text in (
        "&lt;script&gt;alert(&#39;ukur&#39;)&lt;/script&gt;",
        "&lt;b onmouseover=alert(7)&gt;arti&lt;/b&gt;",
        "&lt;svg onload=alert(9)&gt;",
        "&lt;iframe src=//jahat.example&gt;",
    ):
        assert text in page, text
    assert "TUMPANGAN" in page
    for url in ("inovasi", "statistik"):
        listing = site.page(url)
        assert "<script>alert" not in listing and "<img src=x" not in listing, url


def test_the_innovation_s_years_decree_and_budget(site: Site) -> None:
    page = site.page("inovasi/sahabat")
    life = page.split('<section class="etalase-life"', 1)[1].split("</section>", 1)[0]
    years = [re.sub(r"<[^>]+>|\s+", " ", li).split() for li in re.findall(r"<li>(.*?)</li>", life)]
    assert [" ".join(y) for y in years] == [
        "2021 Berjalan · Sumber anggaran: swadaya",
        "2023 Jeda · Guru BK pindah tugas",
        "2024 Berjalan · Sumber anggaran: BOS",
    ]
    assert 'etalase-state--off">Jeda<' in life
    assert (
        "<dt>Surat keputusan (SK)</dt> <dd>Nomor 421/17/2022, 10 Januari 2022, oleh Kepala SD "
        "Negeri 1 Blora</dd>"
    ) in life
    assert "<dt>Sumber anggaran</dt> <dd>BOS</dd>" in life
    assert 'class="etalase-life"' not in site.page("inovasi/henti")  # no life, no section


def test_the_list_counts_replications_per_kecamatan(site: Site) -> None:
    page = site.page("inovasi")
    table = page.split('<table class="etalase-replication">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(\d+)</td></tr>', table)
    # SAHABAT: SMP Cepu (Cepu) and a school in Rembang; SAHABAT Kota: SD Negeri 1 Blora.
    assert rows == [("Blora", "1"), ("Cepu", "1"), ("Luar kabupaten", "1")]
    assert "<caption>Replikasi per kecamatan</caption>" in table
