"""``etalase new school|entry|innovation``: scaffold from the Indonesian templates.

Never overwrites: an existing file is left as it is and reported.
"""

from __future__ import annotations

import datetime as dt
import sys
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TextIO

from ..content.layout import INDEX, INNOVATIONS_DIR, SCHOOLS_DIR
from ..paths import is_slug, slugify
from ..problems import Lang
from ..project import Project

TEXT = {
    "id": {
        "exists": "Berkas {path} sudah ada; tidak ditimpa.",
        "slug": "Nama '{value}' tidak bisa dipakai sebagai nama folder. Coba: {suggestion}",
        "no_school": "Sekolah '{school}' belum ada. Buat dulu: etalase new school {school}",
        "made": "Dibuat: {path}",
        "next_school": "Langkah berikut: isi NPSN, jenjang dan kecamatan, lalu jalankan "
        "'etalase check'.",
        "next_entry": "Langkah berikut: taruh video di {folder}, lengkapi isian, lalu jalankan "
        "'etalase check'.",
        "next_innovation": "Langkah berikut: tulis keenam bagian (petunjuk ada di bawah tiap "
        "judul), isi video bukti dan angka dampak, lalu jalankan 'etalase check'.",
    },
    "en": {
        "exists": "{path} already exists; not overwritten.",
        "slug": "'{value}' cannot be used as a folder name. Try: {suggestion}",
        "no_school": "School '{school}' does not exist yet. Create it: etalase new school {school}",
        "made": "Created: {path}",
        "next_school": "Next: fill in the NPSN, level and district, then run 'etalase check'.",
        "next_entry": "Next: put the video into {folder}, complete the fields, then run "
        "'etalase check'.",
        "next_innovation": "Next: write the six sections (guidance sits under each heading), "
        "add the evidence clips and impact numbers, then run 'etalase check'.",
    },
}


def _template(name: str) -> Template:
    return Template(files("etalase").joinpath("templates", "new", name).read_text("utf-8"))


def _write(path: Path, text: str, lang: Lang, out: TextIO) -> int:
    if path.exists():
        out.write(TEXT[lang]["exists"].format(path=path) + "\n")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    out.write(TEXT[lang]["made"].format(path=path) + "\n")
    return 0


def _bad_slug(value: str, lang: Lang, out: TextIO) -> bool:
    if is_slug(value):
        return False
    out.write(TEXT[lang]["slug"].format(value=value, suggestion=slugify(value) or "-") + "\n")
    return True


def new_school(
    project: Project,
    slug: str,
    *,
    name: str | None = None,
    npsn: str | None = None,
    level: str | None = None,
    district: str | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Create ``content/sekolah/<slug>/index.md``."""
    out = out or sys.stdout
    if _bad_slug(slug, lang, out):
        return 1
    policy = project.policy
    text = _template("sekolah.md").substitute(
        name=_yaml_text(name or slug.replace("-", " ").upper()),
        npsn=npsn or "00000000",
        level=level or "SD",
        levels=", ".join(policy.levels),
        district=_yaml_text(district or (policy.districts[0] if policy.districts else "")),
    )
    code = _write(project.content_dir / SCHOOLS_DIR / slug / INDEX, text, lang, out)
    if code == 0:
        out.write(TEXT[lang]["next_school"] + "\n")
    return code


def new_entry(
    project: Project,
    school: str,
    slug: str,
    *,
    title: str | None = None,
    category: str | None = None,
    video: str | None = None,
    today: dt.date | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Create ``content/sekolah/<school>/<slug>/index.md``."""
    out = out or sys.stdout
    if _bad_slug(slug, lang, out):
        return 1
    school_dir = project.content_dir / SCHOOLS_DIR / school
    if not (school_dir / INDEX).is_file():
        out.write(TEXT[lang]["no_school"].format(school=school) + "\n")
        return 1
    categories = project.policy.category_slugs
    text = _template("entri.md").substitute(
        title=_yaml_text(title or slug.replace("-", " ").capitalize()),
        date=(today or dt.date.today()).isoformat(),
        category=category or (categories[0] if categories else ""),
        categories=", ".join(categories),
        video=_yaml_text(video or "video.mp4"),
    )
    folder = school_dir / slug
    code = _write(folder / INDEX, text, lang, out)
    if code == 0:
        out.write(TEXT[lang]["next_entry"].format(folder=folder) + "\n")
    return code


def new_innovation(
    project: Project,
    slug: str,
    *,
    title: str | None = None,
    school: str | None = None,
    today: dt.date | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Create ``content/inovasi/<slug>/index.md`` with guidance under the six KIPP headings."""
    out = out or sys.stdout
    if _bad_slug(slug, lang, out):
        return 1
    if school is not None and not (project.content_dir / SCHOOLS_DIR / school / INDEX).is_file():
        out.write(TEXT[lang]["no_school"].format(school=school) + "\n")
        return 1
    day = today or dt.date.today()
    themes = project.policy.theme_slugs
    text = _template("inovasi.md").substitute(
        title=_yaml_text(title or slug.replace("-", " ").upper()),
        school=_yaml_text(school or "nama-folder-sekolah"),
        started=f"{day.year}-{day.month:02d}",
        today=day.isoformat(),
        theme=themes[0] if themes else "",
        themes=", ".join(themes),
    )
    code = _write(project.content_dir / INNOVATIONS_DIR / slug / INDEX, text, lang, out)
    if code == 0:
        out.write(TEXT[lang]["next_innovation"] + "\n")
    return code


def _yaml_text(value: str) -> str:
    """Quote a value for YAML when a plain scalar would be misread."""
    plain = value and value.strip() == value and not any(c in value for c in ":#'\"[]{},&*!|>%@`")
    return value if plain else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
