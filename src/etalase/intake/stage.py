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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..content.captions import beside_video
from ..content.layout import INDEX, SCHOOLS_DIR, VIDEO_SUFFIXES
from ..content.model import School
from ..content.values import match_category, normalise_date
from ..content.yaml_scalar import yaml_scalar
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
from ..problems import CATALOGUE, Problem
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
        (folder / INDEX).write_text(
            entry_markdown(explanation, policy, video_name, today), encoding="utf-8"
        )
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
        (folder / ORIGIN_FILE).write_text(
            origin_text(submission, origin, video_sha, today), encoding="utf-8"
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


def origin_text(submission: str, origin: str, video_sha: str, today: dt.date) -> str:
    """The :data:`ORIGIN_FILE` of an imported entry."""
    return (
        json.dumps(
            {
                "submission": submission,
                "origin": origin,
                "video": video_sha,
                "imported": today.isoformat(),
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
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
    for video in sorted(schools_dir.glob("*/*/*")):
        key = f"{video.parent.parent.name}/{video.parent.name}"
        if key == besides or key in found or video.suffix.lower() not in VIDEO_SUFFIXES:
            continue
        try:
            if video.is_symlink() or video.stat().st_size != size:
                continue
            if hash_of(video) == video_sha:
                found.append(key)
        except OSError:
            continue
    return found


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
    atomic_write_text(entry_dir / INDEX, entry_markdown(explanation, project.policy, name, today))
    atomic_write_text(entry_dir / ORIGIN_FILE, origin_text(submission, origin, video_sha, today))
    if current is not None and current.name != name:
        current.unlink(missing_ok=True)  # the old copy, after index.md names the new one
    return Outcome("imported", entry=f"{school.slug}/{entry_dir.name}", problems=problems)


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
