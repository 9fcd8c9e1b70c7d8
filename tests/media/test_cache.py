"""The media cache: stat fast path, content hash, probe memory, atomic manifest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from etalase import process
from etalase.content.loader import load_catalogue
from etalase.content.video import ProbeResult
from etalase.files import sha256_file
from etalase.media.cache import MANIFEST, MediaCache, job_key
from etalase.media.tools import Tools
from etalase.policy import Policy
from scenarios import Tree


def test_job_keys_change_with_any_part() -> None:
    base = job_key("rendition", "abc", "ffmpeg 5.1", (720, 520))
    assert base == job_key("rendition", "abc", "ffmpeg 5.1", (720, 520))
    assert base != job_key("rendition", "abc", "ffmpeg 6.0", (720, 520))
    assert base != job_key("rendition", "abd", "ffmpeg 5.1", (720, 520))
    assert base != job_key("rendition", "abc", "ffmpeg 5.1", (720, 500))


def test_the_hash_is_read_once_then_trusted_while_the_stat_is_unchanged(tmp_path: Path) -> None:
    clip = tmp_path / "video.mp4"
    clip.write_bytes(b"a" * 1000)
    cache = MediaCache(tmp_path / "cache")
    first = cache.source_hash(clip)
    assert first == sha256_file(clip)
    stat = clip.stat()
    clip.write_bytes(b"b" * 1000)  # same size...
    os.utime(clip, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ...and same mtime: trusted
    assert cache.source_hash(clip) == first
    os.utime(clip, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert cache.source_hash(clip) == sha256_file(clip) != first


def test_the_manifest_survives_a_new_process_and_ignores_junk(tmp_path: Path) -> None:
    clip = tmp_path / "video.mp4"
    clip.write_bytes(b"x" * 10)
    folder = tmp_path / "cache"
    cache = MediaCache(folder)
    sha = cache.source_hash(clip)
    out = cache.output_path("ab" * 32, "web.mp4")
    out.parent.mkdir(parents=True)
    out.write_bytes(b"mp4")
    cache.record("ab" * 32, [out], {"width": 2})
    cache.save()
    assert sorted(p.name for p in folder.iterdir()) == ["ab", MANIFEST]  # no temp files left
    again = MediaCache(folder)
    assert again.lookup("ab" * 32) == {"width": 2}
    assert again.source_hash(clip) == sha
    out.unlink()
    assert again.lookup("ab" * 32) is None  # a deleted output is made again
    (folder / MANIFEST).write_text("{not json", encoding="utf-8")
    assert MediaCache(folder).lookup("ab" * 32) is None
    (folder / MANIFEST).write_text(json.dumps({"version": 0, "outputs": {}}), encoding="utf-8")
    assert MediaCache(folder).lookup("ab" * 32) is None


def test_probe_answers_are_remembered_by_content(
    tmp_path: Path, tools: Tools, clips: dict[str, Path]
) -> None:
    a, b = tmp_path / "a.mp4", tmp_path / "b.mp4"
    shutil.copyfile(clips["ok_35"], a)
    shutil.copyfile(clips["ok_35"], b)
    shutil.copyfile(clips["text"], tmp_path / "c.mp4")
    cache = MediaCache(tmp_path / "cache")
    probe = cache.prober(tools, timeout=10)
    before = process.stats.started
    first = probe(a)
    assert first.info is not None and round(first.info.duration) == 35
    assert probe(b) == first  # same bytes elsewhere: no new ffprobe
    bad = probe(tmp_path / "c.mp4")
    assert bad.info is None and bad.failure == "unreadable"
    assert process.stats.started - before == 2
    cache.save()
    again = MediaCache(tmp_path / "cache").prober(tools, timeout=10)
    assert again(a) == first and again(tmp_path / "c.mp4") == bad
    assert process.stats.started - before == 2


def test_one_prober_per_ffprobe_and_timeout_so_a_memo_of_its_answers_holds(
    tmp_path: Path, tools: Tools
) -> None:
    cache = MediaCache(tmp_path / "cache")
    assert cache.prober(tools, timeout=10) is cache.prober(tools, timeout=10)
    assert cache.prober(tools, timeout=10) is not cache.prober(tools, timeout=20)


def test_the_ffmpeg_version_is_remembered_while_ffmpeg_is_unchanged(
    tmp_path: Path, tools: Tools
) -> None:
    cache = MediaCache(tmp_path / "cache")
    version = cache.tool_version(tools)
    assert version.startswith("ffmpeg version")
    cache.save()
    before = process.stats.started
    assert MediaCache(tmp_path / "cache").tool_version(tools) == version
    assert process.stats.started == before


def test_the_loader_probes_through_the_given_prober(
    tree: Tree, policy: Policy, tools: Tools
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    tree.entry("sdn-1-blora", "terlalu-panjang", clip="long")
    cache = MediaCache(tree.root / "cache")
    asked: list[str] = []

    def prober(path: Path) -> ProbeResult:
        asked.append(path.parent.name)
        return cache.prober(tools, 10)(path)

    first = load_catalogue(tree.content, policy, root=tree.root, prober=prober)
    assert sorted(asked) == ["robot-bekas", "terlalu-panjang"]
    assert [p.code for p in first.problems] == ["VIDEO_TOO_LONG"]
    before = process.stats.started
    again = load_catalogue(tree.content, policy, root=tree.root, prober=prober)
    assert process.stats.started == before
    assert again.catalogue == first.catalogue and again.problems == first.problems


def _written() -> int:
    """Bytes this process has passed to ``write`` so far (Linux)."""
    for line in Path("/proc/self/io").read_text(encoding="ascii").splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    raise AssertionError("no wchar in /proc/self/io")


def _fill(cache: MediaCache, count: int) -> None:
    for i in range(count):
        key = job_key("output", i)
        cache.record(key, [cache.output_path(key, "web.mp4")], {"width": 1280, "height": 720})


_LOOKUP = """
import json, sys
from pathlib import Path
from etalase.media.cache import MediaCache
cache = MediaCache(Path(sys.argv[1]))
print(json.dumps([cache.lookup(key) for key in sys.argv[2:]]))
"""


def test_a_save_after_one_new_output_writes_its_record_not_the_whole_manifest(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    cache = MediaCache(folder)
    _fill(cache, 2000)
    cache.save()
    manifest = folder / MANIFEST
    whole = manifest.stat()
    assert whole.st_size > 300_000

    clip = tmp_path / "video.mp4"
    clip.write_bytes(b"a new clip")
    sha = cache.source_hash(clip)
    key = job_key("output", "new")
    out = cache.output_path(key, "web.mp4")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"mp4")
    cache.record(key, [out], {"width": 1280, "height": 720})
    before = _written()
    cache.save()
    cost = _written() - before
    assert cost < 1000  # two records: the clip's hash and its output
    now = manifest.stat()
    assert (now.st_ino, now.st_mtime_ns) == (whole.st_ino, whole.st_mtime_ns)  # not rewritten

    old = job_key("output", 0)  # a record of the manifest
    cache.output_path(old, "web.mp4").parent.mkdir(parents=True, exist_ok=True)
    cache.output_path(old, "web.mp4").write_bytes(b"mp4")
    seen = subprocess.run(
        [sys.executable, "-c", _LOOKUP, str(folder), old, key],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert json.loads(seen) == [{"width": 1280, "height": 720}] * 2
    assert MediaCache(folder).source_hash(clip) == sha
    cache.save()  # nothing changed since: nothing written
    assert manifest.stat().st_mtime_ns == whole.st_mtime_ns


def test_a_shard_manifest_is_folded_into_one_complete_file(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = MediaCache(folder)
    cache.manifest_name = "manifest.shard-1-of-2.json"
    _fill(cache, 3)
    cache.save()
    _fill(cache, 5)  # two more: appended to the shard's journal
    cache.save()
    cache.fold()
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.shard-1-of-2.json"]
    data = json.loads((folder / "manifest.shard-1-of-2.json").read_text(encoding="utf-8"))
    assert len(data["outputs"]) == 5
