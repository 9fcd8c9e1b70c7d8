"""Turning one complete drop submission into a content entry, atomically, or into problems.

The entry is built in a staging folder inside the content folder (same disk,
hidden from MkDocs by its leading dot): the video is copied and hashed in one
pass, ``index.md`` is written with ``status: review``, and the staged tree is
checked by the content loader itself (schema, file size, ffprobe, duration),
so ingest and ``etalase check`` apply the same rules. Only an entry without
errors is renamed into ``content/sekolah/<school>/<entry>/``; a crash at any
point leaves at most a staging folder, which the next run removes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..content.captions import beside_video
from ..content.layout import INDEX, SCHOOLS_DIR, VIDEO_SUFFIXES
from ..content.model import School
from ..content.reader import parse_markdown
from ..content.values import match_category, normalise_date
from ..content.yaml_scalar import yaml_scalar
from ..curation.frontmatter_edit import Value, edit_front_matter
from ..files import (
    CHUNK,
    atomic_target,
    atomic_write_bytes,
    atomic_write_text,
    open_regular,
    sha256_file,
)
from ..paths import slugify
from ..policy import Policy
from ..problems import CATALOGUE, Problem, problem
from ..project import Project
from .explanation import Explanation, default_category

STAGING_DIR = ".etalase-ingest"
# Written into each imported entry folder (hidden from MkDocs by the dot): the submission's
# hash and where it came from. It moves with the entry in the same rename, so an import is
# recognised even when the ledger was lost or the run died right after the rename.
ORIGIN_FILE = ".etalase-asal.json"
# Loader codes whose fix speaks of front-matter syntax, said again for a shared-folder user.
DROP_CODES = {
    "CONSENT_MISSING": "DROP_CONSENT_MISSING",
    "DATE_INVALID": "DROP_DATE_INVALID",
    "CATEGORY_UNKNOWN": "DROP_CATEGORY_UNKNOWN",
    "BODY_EMPTY": "DROP_BODY_EMPTY",
    "TAG_INVALID": "DROP_TAG_INVALID",
}
Role = Literal["video", "text"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a submission: imported, refused, or changed while being copied."""

    state: Literal["imported", "refused", "changed", "checked"]
    entry: str | None = None
    problems: tuple[tuple[Role, Problem], ...] = ()


def clean_staging(content_dir: Path) -> None:
    """Remove what a crashed run left in the staging folder."""
    shutil.rmtree(content_dir / STAGING_DIR, ignore_errors=True)


def entry_markdown(
    explanation: Explanation, policy: Policy, video_name: str, today: dt.date
) -> str:
    """The ``index.md`` of an imported entry."""
    date = normalise_date(explanation.date) if explanation.date else today.isoformat()
    category = (
        match_category(explanation.category, policy)
        if explanation.category
        else default_category(policy)
    )
    lines = [
        "---",
        f"title: {yaml_scalar(explanation.title)}",
        f"date: {date if _is_iso(date) else yaml_scalar(date)}",  # an ISO date stays a date
        f"category: {yaml_scalar(category)}",
        f"video: {yaml_scalar(video_name)}",
    ]
    if explanation.tags:
        lines.append("tags: [" + ", ".join(yaml_scalar(t) for t in explanation.tags) + "]")
    lines += [f"consent: {yaml_scalar(explanation.consent)}", "status: review", "---"]
    return "\n".join(lines) + "\n" + explanation.body + ("\n" if explanation.body else "")


def _is_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def school_markdown(school: School) -> str:
    """A minimal, valid profile of ``school``: for the staged tree, and the profile a roster
    school gets with its first accepted submission."""
    address = (
        f"address: {json.dumps(school.address, ensure_ascii=False)}\n" if school.address else ""
    )
    return (
        "---\n"
        f"name: {yaml_scalar(school.name)}\n"
        f"npsn: {json.dumps(school.npsn)}\n"  # always text: an NPSN may start with 0
        f"level: {yaml_scalar(school.level)}\n"
        f"district: {yaml_scalar(school.district)}\n"
        f"{address}"
        "---\n"
    )


def unique_slug(school_dir: Path, title: str) -> str:
    """A clean slug from the title, unique within the school (``-2``, ``-3`` ...)."""
    base = slugify(title)[:60].strip("-") or "kiriman"
    slug, n = base, 1
    while (school_dir / slug).exists() or (school_dir / slug).is_symlink():
        n += 1
        slug = f"{base}-{n}"
    return slug


def copy_hashing(source: Path, target: Path) -> str:
    """Copy a file and return the SHA-256 of the bytes copied."""
    digest = hashlib.sha256()
    with open_regular(source) as src, target.open("xb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def check_submission(
    project: Project,
    *,
    school: School,
    video: Path | None,
    explanation: Explanation,
    today: dt.date,
) -> tuple[tuple[Role, Problem], ...]:
    """Every problem the loader finds with a video and an explanation, importing nothing.

    Used for a submission folder that cannot be imported as it is (two videos,
    a missing text...), so its school still hears at once about everything
    else. Without ``video`` only the explanation is checked.
    """
    outcome = import_submission(
        project,
        school=school,
        video=video,
        explanation=explanation,
        video_sha="",
        submission="",
        origin="",
        today=today,
        dry_run=True,
    )
    return outcome.problems


def import_submission(
    project: Project,
    *,
    school: School,
    video: Path | None,
    explanation: Explanation,
    video_sha: str,
    submission: str,
    origin: str,
    today: dt.date,
    dry_run: bool = False,
    captions: Sequence[Path] = (),
) -> Outcome:
    """Stage, check and (when valid) move one submission into the content tree.

    Args:
        project: Where the content is and what the office accepts.
        school: The school the drop folder belongs to.
        video: The video in the drop folder (only read).
        explanation: The parsed explanation file.
        video_sha: The video's hash when it was judged complete; a different
            hash while copying means it is still changing (``changed``).
        submission: The submission's hash, recorded in :data:`ORIGIN_FILE`.
        origin: The submission folder, as the school named it.
        today: The import date (also the default entry date).
        dry_run: Only check (state ``checked``); nothing is moved.
        captions: Caption files sent with the video (only read): copied beside it as
            ``video.<language>.srt`` (:func:`~etalase.content.captions.beside_video`).
    """
    content_dir, policy = project.content_dir, project.policy
    staging = content_dir / STAGING_DIR / uuid.uuid4().hex
    try:
        staged_school = staging / SCHOOLS_DIR / school.slug
        staged_school.mkdir(parents=True)
        (staged_school / INDEX).write_text(school_markdown(school), encoding="utf-8")
        school_dir = content_dir / SCHOOLS_DIR / school.slug
        slug = unique_slug(school_dir, explanation.title)
        folder = staged_school / slug
        folder.mkdir()
        video_name = "video" + (video.suffix.lower() if video is not None else ".mp4")
        if (
            video is not None
            and copy_hashing(video, folder / video_name) != video_sha
            and (not dry_run)
        ):
            return Outcome("changed")
        copy_captions(captions, folder, video_name)
        markdown = entry_markdown(explanation, policy, video_name, today)
        (folder / INDEX).write_text(markdown, encoding="utf-8")
        # The staged copy is checked as the project would check it; its probe is
        # kept by content hash, so the imported entry is not probed again.
        result = replace(project, content_dir=staging).load(root=staging, today=today)
        problems = tuple(
            _for_drop(p, video_name)
            for p in result.problems
            if video is not None or p.code != "FILE_MISSING"
        )
        if dry_run:
            return Outcome("checked", problems=problems)
        if any(p.severity == "error" for _, p in problems) or not result.catalogue.entries:
            return Outcome("refused", problems=problems)
        written = tracked_fields(_meta_of(markdown))
        (folder / ORIGIN_FILE).write_text(
            origin_text(submission, origin, video_sha, today, written), encoding="utf-8"
        )
        if not (school_dir / INDEX).exists():  # a roster school's first accepted submission
            school_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(school_dir / INDEX, school_markdown(school).encode("utf-8"))
        slug = unique_slug(school_dir, explanation.title)  # again: the tree may have changed
        os.rename(folder, school_dir / slug)
        return Outcome("imported", entry=f"{school.slug}/{slug}", problems=problems)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            (content_dir / STAGING_DIR).rmdir()


def copy_captions(captions: Sequence[Path], folder: Path, video_name: str) -> None:
    """Copy the caption files of a submission beside the entry's video, each atomically
    (``video.<language>.srt``: :func:`~etalase.content.captions.beside_video`); one file
    per language, the first by name. A link or a file gone since the scan is left out."""
    done: set[str] = set()
    for caption in sorted(captions):
        name = beside_video(caption.name, video_name)
        if name in done:
            continue
        done.add(name)
        with (
            contextlib.suppress(OSError),
            open_regular(caption, follow_links=False) as data,
            atomic_target(folder / name) as temp,
            temp.open("wb") as copy,
        ):
            shutil.copyfileobj(data, copy)


def origin_text(
    submission: str,
    origin: str,
    video_sha: str,
    today: dt.date,
    written: Mapping[str, str] | None = None,
    kept: Sequence[str] = (),
) -> str:
    """The :data:`ORIGIN_FILE` of an imported entry.

    Args:
        submission: The submission's hash.
        origin: The submission folder, as the school named it.
        video_sha: The video's hash.
        today: The day it was imported (or updated).
        written: The school's :data:`TRACKED` fields as ingest wrote them into
            ``index.md``: a later value that differs is the curator's edit.
        kept: The fields of the curator kept over the school's text at the last update.
    """
    data: dict[str, object] = {
        "submission": submission,
        "origin": origin,
        "video": video_sha,
        "imported": today.isoformat(),
    }
    if written:
        data["written"] = dict(written)
    if kept:
        data["kept"] = list(kept)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


#: The front-matter fields a curator may correct by hand that a school's text also sets.
TRACKED = ("title", "category", "date")
#: How each tracked field is named to a school or curator (Indonesian, English).
TRACKED_WORDS = {
    "title": ("judul", "title"),
    "category": ("kategori", "category"),
    "date": ("tanggal", "date"),
}


def tracked_fields(meta: Mapping[str, object]) -> dict[str, str]:
    """The :data:`TRACKED` fields of a front matter, as comparable text (a date as ISO)."""
    return {name: _plain(meta[name]) for name in TRACKED if meta.get(name) is not None}


def _meta_of(text: str) -> dict[str, object]:
    source, _ = parse_markdown(text.replace("\r\n", "\n"), INDEX)
    return dict(source.meta) if source is not None else {}


def curator_edits(entry_dir: Path) -> dict[str, Value]:
    """The tracked fields of an entry that a curator changed since ingest last wrote them.

    Known only for entries whose origin file records what ingest wrote (``written``);
    for older ones nothing is known, and the school's text is taken as before.
    """
    written = (read_origin(entry_dir) or {}).get("written")
    if not isinstance(written, dict):
        return {}
    try:
        meta = _meta_of((entry_dir / INDEX).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    now = tracked_fields(meta)
    return {
        name: _value(meta[name])
        for name in TRACKED
        if name in now and name in written and now[name] != written[name]
    }


def _value(value: object) -> Value:
    """A front-matter value as the line editor writes it back (text, date or number)."""
    if isinstance(value, str | bool | int | float | dt.date):
        return value
    return _plain(value)


def fields_words(names: Sequence[str], lang_index: int) -> str:
    """``judul dan kategori`` / ``title and category``."""
    words = [TRACKED_WORDS[n][lang_index] for n in names if n in TRACKED_WORDS]
    joiner = (" dan ", " and ")[lang_index]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + joiner + words[-1]


def resent_note(entry_dir: Path, shown: str) -> Problem | None:
    """For the curator: the school's text was taken again and the curator's fields kept."""
    data = read_origin(entry_dir) or {}
    raw = data.get("kept")
    kept = [str(k) for k in raw if k in TRACKED_WORDS] if isinstance(raw, list) else []
    if not kept:
        return None
    return problem(
        "ENTRY_CURATOR_KEPT",
        shown,
        fields=fields_words(kept, 0),
        fields_en=fields_words(kept, 1),
        when=str(data.get("imported", "")),
    )


def find_by_origin(school_dir: Path, origin: str) -> Path | None:
    """The entry folder imported from the submission folder ``origin`` (``<school>/<folder>``).

    A submission folder is one entry: a corrected text or a re-recorded video
    in the same folder updates its entry, while the same clip in another folder
    is an entry of its own (ingest tells the curator it may be a copy).
    """
    for path in sorted(school_dir.glob(f"*/{ORIGIN_FILE}")):
        data = read_origin(path.parent)
        if data is not None and data.get("origin") == origin:
            return path.parent
    return None


def same_video_entries(
    schools_dir: Path,
    video_sha: str,
    size: int,
    besides: str,
    hash_of: Callable[[Path], str] = sha256_file,
) -> list[str]:
    """The entries (``school/entry``) whose video is byte-identical to ``video_sha``.

    Every entry folder's videos are looked at, however they arrived (shared
    folder or git); only those of the same ``size`` are read, through
    ``hash_of`` (ingest passes its ledger's, which reads a file once per run).
    ``besides`` (the entry just imported) is left out.
    """
    found: list[str] = []
    for key, video in _entry_videos(schools_dir):
        if key == besides or key in found:
            continue
        try:
            if video.stat().st_size != size:
                continue
            if hash_of(video) == video_sha:
                found.append(key)
        except OSError:
            continue
    return found


def _entry_videos(schools_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every video file of every entry folder (not a link, not hidden): (entry key, file)."""
    for video in sorted(schools_dir.glob("*/*/*")):
        if (
            video.suffix.lower() in VIDEO_SUFFIXES
            and not video.name.startswith(".")
            and not video.is_symlink()
        ):
            yield f"{video.parent.parent.name}/{video.parent.name}", video


def same_clips(schools_dir: Path, hash_of: Callable[[Path], str]) -> dict[str, list[str]]:
    """Entry key -> the other entries whose video is byte-identical to one of its own.

    The rule ingest tells a curator with (:func:`same_video_entries`), for the
    whole catalogue at once: only videos of the same size are hashed, through
    ``hash_of`` (the media cache's, which the load's probes filled already).
    """
    by_size: dict[int, list[tuple[str, Path]]] = {}
    for key, video in _entry_videos(schools_dir):
        try:
            size = video.stat().st_size
        except OSError:
            continue
        if size:
            by_size.setdefault(size, []).append((key, video))
    found: dict[str, set[str]] = {}
    for group in by_size.values():
        if len({key for key, _ in group}) < 2:
            continue
        by_hash: dict[str, set[str]] = {}
        for key, video in group:
            with contextlib.suppress(OSError):
                by_hash.setdefault(hash_of(video), set()).add(key)
        for keys in by_hash.values():
            for key in keys if len(keys) > 1 else ():
                found.setdefault(key, set()).update(keys - {key})
    return {key: sorted(others) for key, others in found.items()}


def same_clip_notes(
    schools_dir: Path, hash_of: Callable[[Path], str], shown: Callable[[Path], str]
) -> dict[str, Problem]:
    """Entry key -> an ``ENTRY_SAME_CLIP`` warning naming the entries with the same clip
    (at most three, then how many more), for ``review`` and the desk."""
    notes: dict[str, Problem] = {}
    for key, others in same_clips(schools_dir, hash_of).items():
        named = ", ".join(others[:3]) + (f" (+{len(others) - 3})" if len(others) > 3 else "")
        notes[key] = problem("ENTRY_SAME_CLIP", shown(schools_dir / key / INDEX), others=named)
    return notes


def read_origin(entry_dir: Path) -> dict[str, object] | None:
    """The :data:`ORIGIN_FILE` of an entry folder, or None when it has none or it is damaged."""
    try:
        data = json.loads((entry_dir / ORIGIN_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def update_submission(
    project: Project,
    *,
    school: School,
    entry_dir: Path,
    video: Path,
    explanation: Explanation,
    video_sha: str,
    submission: str,
    origin: str,
    today: dt.date,
    captions: Sequence[Path] = (),
) -> Outcome:
    """Give an entry still in review what its submission folder holds now.

    A corrected explanation replaces the entry's ``index.md``; a re-recorded
    video (another hash than the one imported) replaces the entry's copy of
    the video; caption files sent with it replace the entry's in their language.
    Both are checked like a new submission first, and nothing is changed while an
    error remains. Each file is replaced atomically.
    """
    videos = sorted(p for p in entry_dir.glob("video.*") if p.suffix.lower() in VIDEO_SUFFIXES)
    current = videos[0] if videos else None
    recorded = (read_origin(entry_dir) or {}).get("video")
    if recorded is None and current is not None:  # imported before the origin file kept it
        recorded = sha256_file(current)
    if recorded == video_sha and current is not None:
        problems = check_submission(
            project, school=school, video=current, explanation=explanation, today=today
        )
        if any(p.severity == "error" for _, p in problems):
            return Outcome("refused", problems=problems)
        name = current.name
    else:
        problems = check_submission(
            project, school=school, video=video, explanation=explanation, today=today
        )
        if any(p.severity == "error" for _, p in problems):
            return Outcome("refused", problems=problems)
        name = "video" + video.suffix.lower()
        partial = entry_dir / ".video-baru.tmp"
        partial.unlink(missing_ok=True)  # what a crashed run left
        try:
            if copy_hashing(video, partial) != video_sha:
                return Outcome("changed")
            os.replace(partial, entry_dir / name)
        finally:
            partial.unlink(missing_ok=True)
    copy_captions(captions, entry_dir, name)
    markdown = entry_markdown(explanation, project.policy, name, today)
    written = tracked_fields(_meta_of(markdown))
    # A curator's corrections of title, category or date stay; the school's new text is used.
    kept = {k: v for k, v in curator_edits(entry_dir).items() if written.get(k) != _plain(v)}
    if kept:
        edited = edit_front_matter(markdown.encode("utf-8"), kept, INDEX)
        if edited.data is not None:
            markdown = edited.data.decode("utf-8")
        else:
            kept = {}
    atomic_write_text(entry_dir / INDEX, markdown)
    atomic_write_text(
        entry_dir / ORIGIN_FILE,
        origin_text(submission, origin, video_sha, today, written, tuple(kept)),
    )
    if current is not None and current.name != name:
        current.unlink(missing_ok=True)  # the old copy, after index.md names the new one
    if kept:
        note = problem(
            "DROP_CURATOR_KEPT",
            INDEX,
            fields=fields_words(tuple(kept), 0),
            fields_en=fields_words(tuple(kept), 1),
        )
        problems = (*problems, ("text", note))
    return Outcome("imported", entry=f"{school.slug}/{entry_dir.name}", problems=problems)


def _plain(value: object) -> str:
    """A field's value as comparable text: a date as ISO, whitespace folded."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return " ".join(text.split())


def find_imported(school_dir: Path, submission: str) -> str | None:
    """The entry folder name that holds ``submission`` according to its origin file."""
    for path in sorted(school_dir.glob(f"*/{ORIGIN_FILE}")):
        data = read_origin(path.parent)
        if data is not None and data.get("submission") == submission:
            return path.parent.name
    return None


def _for_drop(item: Problem, video_name: str) -> tuple[Role, Problem]:
    """Say a loader problem in shared-folder terms, and which drop file it is about."""
    role: Role = "video" if Path(item.path).name == video_name else "text"
    code = DROP_CODES.get(item.code, item.code)
    params = tuple((k, "judul" if (k, v) == ("field", "title") else v) for k, v in item.params)
    return role, Problem(
        path=item.path, code=code, params=params, severity=CATALOGUE[code].severity
    )
