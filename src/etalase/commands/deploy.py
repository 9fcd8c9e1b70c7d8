"""``etalase deploy``: the built site to the office's hosts, in a safe order, incrementally.

The work is split: :mod:`etalase.deploy.plan` decides what moves and in which
order, :mod:`etalase.deploy.state` remembers what the hosts hold, rclone
(:mod:`etalase.deploy.rclone`) moves the files, :mod:`etalase.deploy.verify`
fetches what visitors get, :mod:`etalase.deploy.repair` (``--repair``) checks the
record against what the hosts really hold. Exit codes: 0 done, 1 a step or the
check of the public site failed (run again to finish), 2 configuration,
credentials, an SFTP host key not on record, or an unreachable host.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..deploy import rclone as rc
from ..deploy.plan import DeployPlan, Step, plan_deploy
from ..deploy.repair import compare
from ..deploy.state import DeployState, scan, scan_media
from ..deploy.verify import Fetched, verify_site
from ..lock import exclusive
from ..messages import decimal, text
from ..problems import Lang
from ..project import Project
from ..site.size import human

Mode = Literal["deploy", "dry-run", "check", "verify"]
_SECRET = re.compile(r"(pass(word)?|key|secret|token|bearer)\s*=|//[^/@:]+:[^/@]+@", re.I)


@dataclass(frozen=True, slots=True)
class DeploySettings:
    """Where things go, read from the project once."""

    site_dir: Path
    media_dir: Path | None  # None without media_url
    state_dir: Path
    pages: str | None
    media: str | None
    site_url: str
    media_url: str | None
    keep_days: float
    known_hosts: Path | None = None  # the SFTP hosts' keys (deploy_known_hosts)

    @property
    def flags(self) -> tuple[str, ...]:
        """rclone options for every call: the SFTP host keys to hold the hosts to."""
        if self.known_hosts is None:
            return ()
        return ("--sftp-known-hosts-file", str(self.known_hosts))

    @classmethod
    def of(cls, project: Project) -> DeploySettings:
        policy = project.policy
        targets = dict(policy.deploy)
        return cls(
            site_dir=project.site_dir,
            media_dir=project.root / policy.media_dir if policy.media_url else None,
            state_dir=project.cache.deploy,
            pages=targets.get("pages"),
            media=targets.get("media"),
            site_url=project.site_url,
            media_url=policy.media_url,
            keep_days=policy.media_keep_days,
            known_hosts=project.root / policy.deploy_known_hosts
            if policy.deploy_known_hosts
            else None,
        )

    def targets(self) -> list[tuple[str, str]]:
        out = [("pages", self.pages)] if self.pages else []
        return out + ([("media", self.media)] if self.media and self.media_url else [])


def run_deploy(
    project: Project,
    *,
    mode: Mode = "deploy",
    verify: bool = True,
    repair: bool = False,
    lang: Lang = "id",
    now: float | None = None,
) -> int:
    """Run ``etalase deploy`` in ``mode``; returns the exit code.

    Args:
        project: The project whose built site goes out.
        mode: ``deploy``, ``dry-run`` (say what would be done), ``check`` (settings,
            credentials and hosts) or ``verify`` (the public site only).
        verify: Check the public site after a deploy.
        repair: Before planning, compare the record with what the hosts hold and
            send again what is missing or differs there.
        lang: The language of what is printed.
        now: The clock (seconds since the epoch), for the media grace period.
    """
    settings = DeploySettings.of(project)
    if mode == "verify":
        return _verify(settings, lang)
    if mode == "check":
        return _check(settings, lang)
    errors = _config_errors(settings, lang) + _site_errors(settings, lang)
    if errors:
        for line in errors:
            print(f"etalase: {line}")
        return 2
    assert settings.pages is not None
    # A build swapping site/ in, or a second deploy sharing the state file, must wait.
    with exclusive(project.cache.build_lock, "deploy"):
        return _plan_and_deploy(
            settings, mode=mode, verify=verify, repair=repair, lang=lang, now=now
        )


def _plan_and_deploy(
    settings: DeploySettings,
    *,
    mode: Mode,
    verify: bool,
    repair: bool,
    lang: Lang,
    now: float | None,
) -> int:
    assert settings.pages is not None
    state = DeployState.load(settings.state_dir, settings.pages, settings.media or "")
    if repair:
        failed = _repair(state, settings, lang)
        if failed:
            return failed
    pages = scan(settings.site_dir, state.pages)
    media = scan_media(settings.media_dir) if settings.media_dir else None
    plan = plan_deploy(
        pages,
        state.pages,
        media,
        state.media,
        state.unreferenced,
        now=time.time() if now is None else now,
        keep_days=settings.keep_days,
    )
    if mode == "dry-run":
        print(text("deploy.dry_run", lang))
        for n, step in enumerate(plan.steps, 1):
            print(_step_line(n, len(plan.steps), step, settings, lang))
            for name in step.files:
                print(f"      {name}")
        sent = [step for step in plan.steps if not step.delete]
        print(
            text(
                "deploy.dry_total",
                lang,
                files=sum(len(step.files) for step in sent),
                size=human(sum(step.bytes for step in sent), lang),
                deletes=sum(len(step.files) for step in plan.steps if step.delete),
            )
        )
        _kept(plan, settings, lang)
        return 0
    code = _deploy(plan, state, pages, media, settings, lang)
    if code == 0 and verify and settings.site_url:
        return _verify(settings, lang)
    return code


def _deploy(
    plan: DeployPlan,
    state: DeployState,
    pages: dict[str, list[object]],
    media: dict[str, int] | None,
    settings: DeploySettings,
    lang: Lang,
) -> int:
    started = time.monotonic()
    if plan.empty:
        state.unreferenced = plan.unreferenced
        state.save(settings.state_dir)
        print(text("deploy.nothing", lang))
        _kept(plan, settings, lang)
        return 0
    used = {step.target for step in plan.steps}
    for target, remote in settings.targets():
        if target in used:
            made = rc.make_folder(remote, settings.flags)
            if not made.ok:
                print(f"etalase: {_failure(target, remote, made, lang)}")
                return 2
    sent = sent_bytes = deleted = 0
    for n, step in enumerate(plan.steps, 1):
        remote = _remote(step, settings)
        print(_step_line(n, len(plan.steps), step, settings, lang), flush=True)
        source = settings.site_dir
        if step.target == "media" and settings.media_dir is not None:
            source = settings.media_dir
        if step.delete:
            moved = rc.delete_files(remote, step.files, settings.flags)
            if moved.ok and step.name == "delete_pages":
                moved = _tidy_folders(remote, step.files, pages, moved, settings.flags)
        else:
            moved = rc.copy_files(source, remote, step.files, settings.flags)
        if not moved.ok:
            state.save(settings.state_dir)
            target = step.target
            if moved.failure in ("hostkey", "auth", "unreachable", "config"):
                print(f"etalase: {_failure(target, remote, moved, lang)}")
                return 2
            print(
                f"etalase: {text('deploy.step_failed', lang, step=_label(step, settings, lang), error=moved.error)}"
            )
            return 1
        _record(step, state, pages, media)
        state.save(settings.state_dir)
        sent += moved.files
        sent_bytes += moved.bytes
        deleted += moved.deletes
        print(
            text(
                "deploy.step_done",
                lang,
                files=moved.files,
                size=human(moved.bytes, lang),
                deletes=moved.deletes,
                seconds=decimal(moved.seconds, lang),
            ),
            flush=True,
        )
    state.unreferenced = plan.unreferenced
    state.save(settings.state_dir)
    print(
        text(
            "deploy.done",
            lang,
            files=sent,
            size=human(sent_bytes, lang),
            deletes=deleted,
            seconds=decimal(time.monotonic() - started, lang),
        )
    )
    _kept(plan, settings, lang)
    return 0


def _record(
    step: Step, state: DeployState, pages: dict[str, list[object]], media: dict[str, int] | None
) -> None:
    """What the hosts hold after ``step`` succeeded."""
    for name in step.files:
        if step.name == "delete_pages":
            state.pages.pop(name, None)
        elif step.name == "delete_media":
            state.media.pop(name, None)
            state.unreferenced.pop(name, None)
        elif step.target == "media" and media is not None and name in media:
            state.media[name] = media[name]
        else:
            state.pages[name] = pages[name]


def _tidy_folders(
    remote: str,
    gone: tuple[str, ...],
    pages: dict[str, list[object]],
    moved: rc.Moved,
    flags: tuple[str, ...],
) -> rc.Moved:
    """Remove the folders of deleted pages that hold nothing any more (no 403 left behind)."""
    alive = {"/".join(rel.split("/")[:i]) for rel in pages for i in range(1, rel.count("/") + 1)}
    tops: set[str] = set()
    for rel in gone:
        parts = rel.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            if folder not in alive:
                tops.add(folder)
                break
    tidy = rc.remove_empty_folders(remote, sorted(tops), flags)
    return moved if tidy.ok else tidy


def _repair(state: DeployState, settings: DeploySettings, lang: Lang) -> int:
    """Drop from ``state`` what the hosts lack or hold otherwise; 0, or the exit code of a
    failed listing."""
    for target, remote in settings.targets():
        listing, moved = rc.list_files(remote, settings.flags)
        if not moved.ok:
            print(f"etalase: {_failure(target, remote, moved, lang)}")
            return 2 if moved.failure in ("hostkey", "auth", "unreachable", "config") else 1
        if target == "pages":
            recorded = {rel: int(info[0]) for rel, info in state.pages.items()}
            folder = settings.site_dir
        else:
            recorded = dict(state.media)
            folder = settings.media_dir or settings.site_dir

        def local(name: str, folder: Path = folder) -> Path | None:
            path = folder / name
            return path if path.is_file() else None

        found = compare(recorded, listing, local)
        for name in found.wrong:
            if target == "pages":
                state.pages.pop(name, None)
            else:
                state.media.pop(name, None)
            state.unreferenced.pop(name, None)
        print(
            text(
                "deploy.repair",
                lang,
                target=target,
                remote=remote,
                listed=found.listed,
                missing=len(found.missing),
                differ=len(found.differ),
                unknown=found.unknown,
            )
        )
        for name in found.missing:
            print(text("deploy.repair_missing", lang, name=name))
        for name in found.differ:
            print(text("deploy.repair_differ", lang, name=name))
    return 0


def _remote(step: Step, settings: DeploySettings) -> str:
    remote = settings.media if step.target == "media" else settings.pages
    assert remote is not None
    return remote


def _label(step: Step, settings: DeploySettings, lang: Lang) -> str:
    return text(f"deploy.step.{step.name}", lang, days=_days(settings.keep_days, lang))


def _step_line(n: int, total: int, step: Step, settings: DeploySettings, lang: Lang) -> str:
    return text(
        "deploy.step",
        lang,
        n=n,
        total=total,
        label=_label(step, settings, lang),
        files=len(step.files),
        size=human(step.bytes, lang),
        target=_remote(step, settings),
    )


def _kept(plan: DeployPlan, settings: DeploySettings, lang: Lang) -> None:
    if plan.kept_media:
        print(
            text("deploy.kept_media", lang, n=plan.kept_media, days=_days(settings.keep_days, lang))
        )


def _days(days: float, lang: Lang) -> str:
    """Days as the office writes them: ``30``, ``0,5`` (the language's decimal point)."""
    return f"{days:g}".replace(".", text("number.decimal_point", lang))


def _failure(target: str, remote: str, moved: rc.Moved, lang: Lang) -> str:
    name = _remote_name(remote)
    if moved.failure == "config" and name:
        upper = re.sub(r"[^A-Za-z0-9]", "_", name).upper()
        return text("deploy.remote_unknown", lang, remote=name, target=target, upper=upper)
    key = {
        "hostkey": "deploy.hostkey",
        "auth": "deploy.auth",
        "unreachable": "deploy.unreachable",
    }.get(moved.failure or "", "deploy.remote_broken")
    return text(key, lang, target=target, remote=remote, error=moved.error)


# --- checks ------------------------------------------------------------------------
def _config_errors(settings: DeploySettings, lang: Lang) -> list[str]:
    """What is missing or wrong before any host is contacted."""
    if rc.rclone_path() is None:
        return [text("deploy.no_rclone", lang)]
    out = []
    if not settings.pages:
        out.append(text("deploy.no_pages", lang))
    if settings.media_url and not settings.media:
        out.append(text("deploy.no_media", lang))
    if settings.media and not settings.media_url:
        out.append(text("deploy.media_without_url", lang))
    if settings.known_hosts is not None and not settings.known_hosts.is_file():
        out.append(text("deploy.known_hosts_missing", lang, path=settings.known_hosts))
    known: set[str] | None = None
    for target, remote in (("pages", settings.pages), ("media", settings.media)):
        if not remote:
            continue
        if _SECRET.search(remote):
            out.append(text("deploy.secret_in_config", lang, target=target))
            continue
        name = _remote_name(remote)
        if name is None:
            continue
        known = rc.remote_names() if known is None else known
        if name not in known:
            upper = re.sub(r"[^A-Za-z0-9]", "_", name).upper()
            out.append(text("deploy.remote_unknown", lang, remote=name, target=target, upper=upper))
    return out


def _site_errors(settings: DeploySettings, lang: Lang) -> list[str]:
    out = []
    if not (settings.site_dir / "index.html").is_file():
        out.append(text("deploy.no_site", lang, site=settings.site_dir))
    if settings.media_dir is not None and not settings.media_dir.is_dir():
        out.append(text("deploy.no_media_dir", lang, folder=settings.media_dir))
    return out


def _check(settings: DeploySettings, lang: Lang) -> int:
    errors = _config_errors(settings, lang) + _site_errors(settings, lang)
    if not settings.site_url:
        errors.append(text("deploy.no_site_url", lang))
    if rc.rclone_path() is not None:
        for target, remote in settings.targets():
            if _SECRET.search(remote):
                continue
            moved = rc.reach(remote, settings.flags)
            if moved.ok:
                print(text("deploy.check_ok", lang, target=target, remote=remote))
                if settings.known_hosts is None and rc.sftp_unpinned(remote):
                    print(text("deploy.host_key_unchecked", lang, target=target, remote=remote))
            else:
                errors.append(_failure(target, remote, moved, lang))
    for line in errors:
        print(f"✗ {line}")
    if errors:
        print(text("deploy.check_failed", lang, n=len(errors)))
        return 2
    print(text("deploy.check_passed", lang))
    return 0


def _verify(settings: DeploySettings, lang: Lang) -> int:
    if not settings.site_url:
        print(f"etalase: {text('deploy.no_site_url', lang)}")
        return 2
    if not (settings.site_dir / "index.html").is_file():
        print(f"etalase: {text('deploy.no_site', lang, site=settings.site_dir)}")
        return 2
    results = verify_site(settings.site_url, settings.site_dir)
    for item in results:
        print(_verify_line(item, lang))
    failed = sum(not r.ok for r in results)
    print(text("verify.failed", lang, n=failed) if failed else text("verify.ok", lang))
    return 1 if failed else 0


def _verify_line(item: Fetched, lang: Lang) -> str:
    mark = "✓" if item.ok else "✗"
    kind = text(f"verify.kind.{item.kind}", lang)
    if item.status is None:
        return text("verify.no_answer", lang, mark=mark, kind=kind, url=item.url, error=item.error)
    ranged = ""
    if item.ranged is not None:
        ranged = text("verify.range_ok" if item.ranged else "verify.range_bad", lang)
    return text(
        "verify.line",
        lang,
        mark=mark,
        kind=kind,
        url=item.url,
        status=item.status,
        content_type=item.content_type or "-",
        range=ranged,
    )


def _remote_name(remote: str) -> str | None:
    """The configured remote a ``REMOTE:PATH`` names; ``None`` for a local path or an
    on-the-fly backend (``:sftp,host=...:path``)."""
    name, colon, _path = remote.partition(":")
    if not colon or remote.startswith(":") or "/" in name or len(name) == 1:
        return None  # a local folder (C:\\ counts as one too)
    return name
