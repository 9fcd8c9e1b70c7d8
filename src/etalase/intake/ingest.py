"""The ingest engine: one pass over the shared drop folder (``etalase ingest``'s work).

One run: match school folders to profiles by NPSN, leave files still being
uploaded for later, import each new complete submission through
:mod:`etalase.intake.stage` (the loader's own rules), remember it in the
ledger, and (re)write every school's ``LAPORAN-ETALASE.txt``. Nothing else in
the drop folder is written, moved or deleted. :mod:`etalase.intake.watch`
repeats it on file-system events; :mod:`etalase.commands.ingest` is the command
and the curator's desk rewrites one school's report with it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..content.layout import INDEX, SCHOOLS_DIR
from ..content.model import School
from ..content.reader import read_markdown
from ..content.roster import Roster, RosterSchool, hint, profiles_by_npsn
from ..errors import ConfigError
from ..files import atomic_write_text
from ..lock import exclusive
from ..paths import slugify
from ..problems import Problem, problem
from ..project import Project
from .drop import SchoolFolder, SubmissionFolder, scan_drop, still_growing
from .explanation import Explanation, explanation_notes, read_explanation
from .ledger import (
    Ledger,
    ProblemRecord,
    Record,
    folder_hash,
    record_problem,
    restore_problem,
    submission_hash,
)
from .report_file import State, SubmissionStatus, compose, write_report
from .stage import (
    ORIGIN_FILE,
    check_submission,
    clean_staging,
    find_by_origin,
    find_imported,
    import_submission,
    origin_text,
    read_origin,
    same_video_entries,
    update_submission,
)


@dataclass(slots=True)
class RunSummary:
    """What one ingest run did."""

    schools: int = 0
    imported: list[str] = field(default_factory=list)
    to_fix: list[str] = field(default_factory=list)  # drop paths of submissions to fix
    uploading: int = 0
    unknown_folders: list[str] = field(default_factory=list)
    reports_written: int = 0
    # New entries whose clip another entry already has: (entry, [other entries]).
    same_video: list[tuple[str, list[str]]] = field(default_factory=list)
    # What was not looked into (too deep, unreadable, a link): (school folder, problem).
    skipped: list[tuple[str, Problem]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.to_fix or self.unknown_folders or self.skipped)


class _Run:
    def __init__(
        self,
        project: Project,
        drop_dir: Path,
        settle: float,
        today: dt.date,
        only: str | None = None,
    ) -> None:
        self.only = only
        self.project = project
        self.drop_dir = drop_dir
        self.settle = settle
        self.today = today
        self.content = project.content_dir
        self.ledger = Ledger.load(project.cache.ledger)
        self.summary = RunSummary()
        self.roster: Roster | None = None
        self.base_url = project.site_url.rstrip("/") + "/" if project.site_url else ""
        self.content_problems: dict[str, list[Problem]] = {}

    def run(self) -> RunSummary:
        clean_staging(self.content)
        loaded = self.project.load(probe=False, root=self.project.root)
        valid = {s.npsn: s for s in loaded.catalogue.schools}
        self.content_problems = _entry_folder_problems(loaded.problems)
        profiles = profiles_by_npsn(self.content)
        folders = scan_drop(self.drop_dir)
        if self.only is not None:
            folders = [f for f in folders if f.folder.name == self.only]
        self.roster = loaded.roster
        if self.roster is not None:  # a school on the roster without a profile yet
            for folder in folders:
                listed = self.roster.get(folder.npsn or "")
                if listed is not None and listed.npsn not in valid | profiles:
                    valid[listed.npsn] = self.new_school(listed)
        known = [f for f in folders if f.npsn in valid]
        growing = still_growing(
            [p for f in known for s in f.submissions for p in s.files], self.settle
        )
        for folder in folders:
            self.summary.schools += 1
            school = valid.get(folder.npsn or "")
            problems = self.school_problems(folder, school, profiles)
            statuses = (
                [
                    s
                    for sub in folder.submissions
                    if (s := self.submission(sub, folder.folder, school, growing))
                ]
                if school
                else []
            )
            report = compose(
                folder.folder.name,
                problems,
                statuses,
                processed=school is not None,
                name=school.name if school is not None else None,
            )
            try:
                self.summary.reports_written += write_report(folder.folder, report)
            except OSError:
                continue  # the folder vanished or is read-only: the next run tries again
        if self.only is None:  # one school's pass keeps the other schools' stamps
            live = {str(p.resolve()) for f in known for s in f.submissions for p in s.files}
            self.ledger.stamps = {k: v for k, v in self.ledger.stamps.items() if k in live}
        self.ledger.save()
        return self.summary

    def new_school(self, listed: RosterSchool) -> School:
        """The profile a roster school gets with its first accepted submission (not written yet)."""
        base = self.content / SCHOOLS_DIR
        slug = slugify(listed.name)[:60].strip("-") or listed.npsn
        if (base / slug).exists() or (base / slug).is_symlink():
            slug = f"{slug}-{listed.npsn}"
        return School(
            slug=slug,
            source=base / slug / INDEX,
            name=listed.name,
            npsn=listed.npsn,
            level=listed.level,
            district=listed.district,
            body="",
            address=listed.address or None,
        )

    def school_problems(
        self, folder: SchoolFolder, school: School | None, profiles: dict[str, Path]
    ) -> list[Problem]:
        name = folder.folder.name
        problems: list[Problem] = []
        if folder.npsn is None:
            problems.append(problem("DROP_FOLDER_NO_NPSN", "", value=name))
        elif school is None and folder.npsn in profiles:
            school_file = _relative(profiles[folder.npsn], self.project.root)
            problems.append(
                problem("DROP_SCHOOL_INVALID", "", value=folder.npsn, school_file=school_file)
            )
        elif school is None and self.roster is not None:
            written = name[len(folder.npsn) :].strip(" -_.")
            closest = self.roster.closest(name=written, npsn=folder.npsn)
            problems.append(
                problem("DROP_NPSN_NOT_ON_ROSTER", "", value=folder.npsn, closest=hint(closest))
            )
        elif school is None:
            problems.append(problem("DROP_NPSN_UNKNOWN", "", value=folder.npsn))
        if school is None:
            self.summary.unknown_folders.append(name)

        def shown(path: Path) -> str:
            return "" if path == folder.folder else path.relative_to(folder.folder).as_posix()

        problems += [problem("DROP_LOOSE_FILE", p.name, name=p.name) for p in folder.loose]
        skipped = [
            problem("DROP_FOLDER_UNREADABLE", shown(p), name=p.name) for p in folder.unreadable
        ]
        if school is not None:
            skipped += [problem("DROP_TOO_DEEP", shown(p), name=shown(p)) for p in folder.too_deep]
            skipped += [problem("DROP_LINK_SKIPPED", shown(p), name=p.name) for p in folder.links]
        self.summary.skipped += [(name, p) for p in skipped]
        problems += skipped
        if school is not None:  # the school's own entry folders, e.g. a video left without text
            problems += self.content_problems.get(school.slug, [])
        return problems

    def submission(
        self, sub: SubmissionFolder, school_dir: Path, school: School, growing: set[Path]
    ) -> SubmissionStatus | None:
        name = sub.folder.relative_to(school_dir).as_posix()  # "Lomba" or "Kegiatan 2025/Lomba"

        def shown(path: Path) -> str:
            return path.relative_to(school_dir).as_posix()

        if not sub.files:
            return None  # a folder just made; nothing to say yet
        if growing & set(sub.files):
            self.summary.uploading += 1
            return SubmissionStatus(name, "uploading")
        where = shown(sub.folder)
        notes = _folder_notes(sub, shown)
        self.summary.skipped += [
            (school_dir.name, p) for p in notes if p.code != "DROP_TEXT_FORMAT"
        ]
        shape = _shape_problems(sub, where)
        if shape or any(p.severity == "error" for p in notes):
            problems = (*shape, *notes, *self.inspect(school, sub, shown))
            self.summary.to_fix.append(f"{school_dir.name}/{name}")
            errors = {p.code for p in problems if p.severity == "error"}
            state: State = "incomplete" if errors <= INCOMPLETE_CODES else "refused"
            return SubmissionStatus(name, state, problems=problems)
        video, text = sub.videos[0], sub.texts[0]
        try:
            video_sha = self.ledger.file_hash(video)
            key = submission_hash(video_sha, self.ledger.file_hash(text))
        except OSError:
            self.summary.uploading += 1
            return SubmissionStatus(name, "uploading")
        origin = sub.folder.relative_to(self.drop_dir).as_posix()
        remembered = f"{school.slug}/{key}"  # the same files sent by two schools are two entries
        record = self.ledger.submissions.get(remembered)
        holder = self.holder(record) if record is not None else None
        if holder is not None and holder[1] != key:
            # Its entry holds other files by now: this folder's own files changed back,
            # or the folder this one was copied from changed since.
            record = None
        if record is None:
            record = self.take(school, video, text, video_sha, key, shown(text), sub.captions)
            if record is None:
                self.summary.uploading += 1
                return SubmissionStatus(name, "uploading")
            self.ledger.submissions[remembered] = record
            self.ledger.save()
            holder = self.holder(record)
        copied = self.copied_from(record, holder, key, origin)
        if copied is not None:
            self.summary.to_fix.append(f"{school_dir.name}/{name}")
            other = copied.partition("/")[2] if copied.startswith(school_dir.name + "/") else copied
            same = problem("DROP_SAME_AS_FOLDER", where, other=other)
            return SubmissionStatus(name, "refused", problems=(same, *notes))
        status = self.status(name, record, {"video": shown(video), "text": shown(text)})
        if notes:
            status = replace(status, problems=(*status.problems, *notes))
        if status.state == "refused":
            self.summary.to_fix.append(f"{school_dir.name}/{name}")
        return status

    def holder(self, record: Record) -> tuple[str, str] | None:
        """The submission folder and submission its entry holds now, from the origin file."""
        entry = record.get("entry")
        if record.get("state") != "imported" or not entry:
            return None
        data = read_origin(self.content / SCHOOLS_DIR / entry)
        if data is None:
            return None
        return str(data.get("origin", "")), str(data.get("submission", ""))

    def copied_from(
        self, record: Record, holder: tuple[str, str] | None, key: str, origin: str
    ) -> str | None:
        """The folder (``<school>/<folder>``) this one is an exact copy of, when that folder
        is still there (``holder`` is what :meth:`holder` says of ``record``). A folder
        renamed since it was imported takes its entry along."""
        if holder is None or holder[0] == origin or holder[1] != key:
            return None
        other = holder[0]
        if other and (self.drop_dir / other).is_dir():
            return other
        entry_dir = self.content / SCHOOLS_DIR / str(record.get("entry"))
        data = read_origin(entry_dir) or {}
        video_sha, imported = str(data.get("video", "")), str(data.get("imported", ""))
        with contextlib.suppress(OSError, ValueError):
            when = dt.date.fromisoformat(imported) if imported else self.today
            atomic_write_text(entry_dir / ORIGIN_FILE, origin_text(key, origin, video_sha, when))
        return None

    def inspect(
        self, school: School, sub: SubmissionFolder, shown: Callable[[Path], str]
    ) -> list[Problem]:
        """Everything wrong with the files of a folder that cannot be imported as it is.

        Each explanation is read and each video probed (through a staged check
        that imports nothing), so a school with two videos still hears that one
        is too long. Remembered in the ledger by the folder's contents.
        """
        try:
            key = folder_hash(
                [(p.name, self.ledger.file_hash(p)) for p in (*sub.videos, *sub.texts)]
            )
        except OSError:
            return []
        record = self.ledger.submissions.get(key)
        if record is None:
            record = {
                "state": "checked",
                "at": self.today.isoformat(),
                "problems": self.check_files(school, sub),
            }
            self.ledger.submissions[key] = record
            self.ledger.save()
        names = {p.name: shown(p) for p in (*sub.videos, *sub.texts)}
        return [
            restore_problem(p, names.get(p["role"], p["role"])) for p in record.get("problems", [])
        ]

    def check_files(self, school: School, sub: SubmissionFolder) -> list[ProblemRecord]:
        """Problems of every video and explanation in ``sub``, each named by its file."""
        found: list[ProblemRecord] = []
        readable: list[tuple[Path, Explanation]] = []
        for text_file in sub.texts:
            explanation, bad = read_explanation(text_file, text_file.name)
            if explanation is None:
                assert bad is not None
                found.append(record_problem(text_file.name, bad))
            else:
                readable.append((text_file, explanation))
                found += [
                    record_problem(text_file.name, note)
                    for note in explanation_notes(explanation, text_file.name)
                ]
        # Each video with the first readable text (or a stand-in), each other text with
        # the first video (or none): every file is checked once, nothing is said twice.
        stand_in = Explanation(title="x", body="x", consent=True)
        pairs: list[tuple[Path | None, Path | None, Explanation, set[str]]] = []
        first_text, first = readable[0] if readable else (None, stand_in)
        for i, video in enumerate(sub.videos):
            roles = {"video", "text"} if i == 0 and first_text else {"video"}
            pairs.append((video, first_text, first, roles))
        for other, explanation in readable[0 if not sub.videos else 1 :]:
            pairs.append((sub.videos[0] if sub.videos else None, other, explanation, {"text"}))
        for pair_video, pair_text, explanation, roles in pairs:
            checked = check_submission(
                self.project,
                school=school,
                video=pair_video,
                explanation=explanation,
                today=self.today,
            )
            for role, item in checked:
                file = pair_video if role == "video" else pair_text
                if role in roles and file is not None:
                    found.append(record_problem(file.name, item))
        return found

    def take(
        self,
        school: School,
        video: Path,
        text: Path,
        video_sha: str,
        key: str,
        text_shown: str,
        captions: tuple[Path, ...] = (),
    ) -> Record | None:
        """Import one new submission (its captions with it); None when it changed while
        being copied."""
        explanation, bad = read_explanation(text, text_shown)
        at = self.today.isoformat()
        if explanation is None:
            assert bad is not None
            return {"state": "refused", "at": at, "problems": [record_problem("text", bad)]}
        found = find_imported(self.content / SCHOOLS_DIR / school.slug, key)
        if found is not None:  # imported before, but the ledger does not know it
            return {
                "state": "imported",
                "at": at,
                "title": explanation.title,
                "entry": f"{school.slug}/{found}",
                "problems": [],
            }
        origin = text.parent.relative_to(self.drop_dir).as_posix()
        same = find_by_origin(self.content / SCHOOLS_DIR / school.slug, origin)
        state = self.entry_state(f"{school.slug}/{same.name}")[0] if same is not None else None
        if same is not None and state == "published":  # a corrected submission, too late
            entry = f"{school.slug}/{same.name}"
            note = problem("DROP_ALREADY_PUBLISHED", text_shown, entry=entry)
            return {
                "state": "imported",
                "at": at,
                "title": explanation.title,
                "entry": entry,
                "problems": [record_problem("text", note)],
            }
        if same is not None and state in ("review", "draft", "rejected"):
            outcome = update_submission(
                self.project,
                school=school,
                entry_dir=same,
                video=video,
                explanation=explanation,
                video_sha=video_sha,
                submission=key,
                origin=origin,
                today=self.today,
                captions=captions,
            )
        else:
            outcome = import_submission(
                self.project,
                school=school,
                video=video,
                explanation=explanation,
                video_sha=video_sha,
                submission=key,
                origin=origin,
                today=self.today,
                captions=captions,
            )
        if outcome.state == "changed":
            return None
        notes = [("text", p) for p in explanation_notes(explanation, text_shown)]
        record: Record = {
            "state": outcome.state,
            "at": at,
            "title": explanation.title,
            "problems": [record_problem(r, p) for r, p in (*outcome.problems, *notes)],
        }
        if outcome.entry:
            record["entry"] = outcome.entry
            self.summary.imported.append(outcome.entry)
        if outcome.entry and same is None:  # a new entry: is its clip already in the catalogue?
            copy = self.content / SCHOOLS_DIR / outcome.entry / "video"
            with contextlib.suppress(OSError):
                size = copy.with_suffix(video.suffix.lower()).stat().st_size
                others = same_video_entries(
                    self.content / SCHOOLS_DIR,
                    video_sha,
                    size,
                    outcome.entry,
                    self.ledger.file_hash,
                )
                if others:
                    self.summary.same_video.append((outcome.entry, others))
        return record

    def status(self, name: str, record: Record, paths: dict[str, str]) -> SubmissionStatus:
        problems = tuple(
            restore_problem(p, paths.get(p["role"], "")) for p in record.get("problems", [])
        )
        title, received = record.get("title"), record.get("at")
        if record.get("state") != "imported":
            return SubmissionStatus(name, "refused", title=title, problems=problems)
        entry = record.get("entry", "")
        state, note = self.entry_state(entry)
        cut = self.truncated(entry, paths.get("video", "")) if state != "removed" else None
        if cut is not None:  # the media step decoded less than its headers said: never accepted
            return SubmissionStatus(
                name, "refused", title=title, entry=entry, problems=(*problems, cut)
            )
        if state == "published" and not self.built(entry):
            state = "approved"  # published by the curator, not yet on any site built here
        url = f"{self.base_url}{SCHOOLS_DIR}/{entry}/" if state == "published" else None
        return SubmissionStatus(
            name,
            state,
            title=title,
            entry=entry,
            received=received,
            problems=problems,
            note=note,
            url=url,
        )

    def truncated(self, entry: str, video_shown: str) -> Problem | None:
        """``VIDEO_TRUNCATED`` when the media step found the entry's clip cut short.

        Ingest reads headers only; a clip that states no size passes them and is
        imported. The media step decodes it, finds less, and the probe's memory
        says so from then on (stat only, no process): the school hears it here.
        """
        index = self.content / SCHOOLS_DIR / entry / INDEX
        source, _ = read_markdown(index, index.name)
        video = source.meta.get("video") if source is not None else None
        if not isinstance(video, str) or not video:
            return None
        policy = self.project.policy
        try:
            prober = self.project.media_cache().prober(self.project.tools(), policy.probe_timeout)
            known = prober.known(index.parent / video)
        except (OSError, ConfigError):
            return None
        if known is None or known.failure != "truncated":
            return None
        return problem("VIDEO_TRUNCATED", video_shown, value=Path(video_shown).name)

    def built(self, entry: str) -> bool:
        """Whether the last build of this project holds the entry's page ("Sudah tayang")."""
        return (self.project.site_dir / SCHOOLS_DIR / entry / "index.html").is_file()

    def entry_state(self, entry: str) -> tuple[State, str | None]:
        """The entry's current status in the catalogue, and the curator's note."""
        index = self.content / SCHOOLS_DIR / entry / INDEX
        if not index.is_file():
            return "removed", None
        source, _ = read_markdown(index, index.name)
        meta: dict[str, Any] = source.meta if source is not None else {}
        status = str(meta.get("status") or self.project.policy.default_status).lower()
        note = meta.get("review_note")
        states: dict[str, State] = {
            "published": "published",
            "rejected": "rejected",
            "draft": "draft",
        }
        return states.get(status, "review"), str(note) if note else None


#: Problems of a school's entry folders that its report repeats (no submission tells them).
SCHOOL_FOLDER_CODES = frozenset({"ENTRY_TEXT_MISSING"})


def _entry_folder_problems(problems: tuple[Problem, ...]) -> dict[str, list[Problem]]:
    """Problems in :data:`SCHOOL_FOLDER_CODES`, by the slug of the school they are about."""
    found: dict[str, list[Problem]] = {}
    for item in problems:
        parts = Path(item.path).parts
        if item.code in SCHOOL_FOLDER_CODES and SCHOOLS_DIR in parts[:-1]:
            found.setdefault(parts[parts.index(SCHOOLS_DIR) + 1], []).append(item)
    return found


#: Codes that mean a submission folder is still being filled: "[BELUM LENGKAP]".
INCOMPLETE_CODES = frozenset({"DROP_NO_VIDEO", "DROP_NO_TEXT"})


def _shape_problems(sub: SubmissionFolder, where: str) -> list[Problem]:
    """A missing video or text, or more than one of either."""
    found: list[Problem] = []
    if not sub.videos:
        found.append(problem("DROP_NO_VIDEO", where))
    if not sub.texts and not sub.unsupported:
        found.append(problem("DROP_NO_TEXT", where))
    if len(sub.videos) > 1:
        found.append(
            problem("DROP_MANY_VIDEOS", where, names=", ".join(p.name for p in sub.videos))
        )
    if len(sub.texts) > 1:
        found.append(problem("DROP_MANY_TEXTS", where, names=", ".join(p.name for p in sub.texts)))
    return found


def _folder_notes(sub: SubmissionFolder, shown: Callable[[Path], str]) -> list[Problem]:
    """Files we cannot read, folders we do not look into, links we do not follow."""
    notes = [
        problem("DROP_TEXT_FORMAT", shown(p), name=p.name, suffix=p.suffix.lower())
        for p in sub.unsupported
    ]
    notes += [problem("DROP_NESTED_FOLDER", shown(p), name=p.name) for p in sub.nested]
    notes += [problem("DROP_LINK_SKIPPED", shown(p), name=p.name) for p in sub.links]
    return notes


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def ingest_once(
    project: Project,
    drop_dir: Path,
    *,
    settle: float = 2.0,
    today: dt.date | None = None,
    only: str | None = None,
) -> RunSummary:
    """One pass over the drop folder (or over its school folder named ``only``).

    Raises:
        ConfigError: another ingest holds the lock (two runs could import the
            same submission twice), or the ledger is damaged.
    """
    with exclusive(project.cache.ingest_lock, "ingest"):
        return _Run(project, drop_dir, settle, today or dt.date.today(), only).run()
