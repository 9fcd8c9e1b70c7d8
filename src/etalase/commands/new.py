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
from ..content.yaml_scalar import yaml_scalar
from ..messages import text
from ..paths import is_slug, slugify
from ..problems import Lang
from ..project import Project


def _template(name: str) -> Template:
    return Template(files("etalase").joinpath("templates", "new", name).read_text("utf-8"))


def _write(path: Path, document: str, lang: Lang, out: TextIO) -> int:
    if path.exists():
        out.write(text("new.exists", lang, path=path) + "\n")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(document)
    out.write(text("new.made", lang, path=path) + "\n")
    return 0


def _bad_slug(value: str, lang: Lang, out: TextIO) -> bool:
    if is_slug(value):
        return False
    out.write(text("new.slug", lang, value=value, suggestion=slugify(value) or "-") + "\n")
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
    document = _template("sekolah.md").substitute(
        name=yaml_scalar(name or slug.replace("-", " ").upper()),
        npsn=npsn or "00000000",
        level=level or "SD",
        levels=", ".join(policy.levels),
        district=yaml_scalar(district or (policy.districts[0] if policy.districts else "")),
    )
    code = _write(project.content_dir / SCHOOLS_DIR / slug / INDEX, document, lang, out)
    if code == 0:
        out.write(text("new.next_school", lang) + "\n")
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
        out.write(text("new.no_school", lang, school=school) + "\n")
        return 1
    categories = project.policy.category_slugs
    document = _template("entri.md").substitute(
        title=yaml_scalar(title or slug.replace("-", " ").capitalize()),
        date=(today or dt.date.today()).isoformat(),
        category=category or (categories[0] if categories else ""),
        categories=", ".join(categories),
        video=yaml_scalar(video or "video.mp4"),
    )
    folder = school_dir / slug
    code = _write(folder / INDEX, document, lang, out)
    if code == 0:
        out.write(text("new.next_entry", lang, folder=folder) + "\n")
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
        out.write(text("new.no_school", lang, school=school) + "\n")
        return 1
    day = today or dt.date.today()
    themes = project.policy.theme_slugs
    document = _template("inovasi.md").substitute(
        title=yaml_scalar(title or slug.replace("-", " ").upper()),
        school=yaml_scalar(school or "nama-folder-sekolah"),
        started=f"{day.year}-{day.month:02d}",
        today=day.isoformat(),
        theme=themes[0] if themes else "",
        themes=", ".join(themes),
    )
    code = _write(project.content_dir / INNOVATIONS_DIR / slug / INDEX, document, lang, out)
    if code == 0:
        out.write(text("new.next_innovation", lang) + "\n")
    return code
