"""The ``etalase`` command line: argument wiring only; the work is in :mod:`etalase.commands`.

``main(argv) -> int`` funnels every environment or configuration error into
exit code 2 with a readable message, and never lets a traceback reach a
school operator.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import cast

from . import __version__
from .errors import ConfigError
from .folders import FolderRefused
from .media.shard import Shard
from .messages import ARGPARSE_ID, text
from .problems import LANGS, Lang
from .project import Project, load_project


def _parser(lang: str = "id") -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", help="mkdocs.yml (bawaan: ./mkdocs.yml)")
    common.add_argument(
        "--lang",
        choices=LANGS,
        default=os.environ.get("ETALASE_LANG", "id"),
        help="bahasa pesan: id (bawaan) atau en",
    )

    parser = argparse.ArgumentParser(
        prog="etalase", description="Etalase Sekolah: katalog video unggulan sekolah."
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"etalase {__version__}",
        help="tampilkan versi Etalase lalu selesai",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    check = sub.add_parser("check", parents=[common], help="periksa sekolah, entri dan video")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--jobs", type=int, default=None, help="jumlah ffprobe sekaligus")

    media = sub.add_parser(
        "media", parents=[common], help="buat poster dan video web (hemat kuota), bertahap"
    )
    media.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        help="jumlah video yang diolah sekaligus (bawaan: jumlah CPU)",
    )
    media.add_argument(
        "--prune", action="store_true", help="hapus berkas cache yang tidak dipakai lagi"
    )
    media.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="K/N",
        help="olah hanya bagian K dari N (untuk beberapa mesin CI)",
    )
    media.add_argument(
        "--pull",
        type=Path,
        default=None,
        metavar="FOLDER_BERSAMA",
        help="ambil bagian pekerjaan dari folder bersama (PC kantor yang menganggur), "
        "kerjakan, lalu salin hasilnya ke cache bersama; berulang sampai habis",
    )
    media.add_argument(
        "--batch",
        type=_positive,
        default=10,
        metavar="N",
        help="dengan --pull: jumlah entri per bagian (bawaan 10)",
    )
    media.add_argument(
        "--lease",
        type=_positive,
        default=120,
        metavar="MENIT",
        help="dengan --pull: klaim yang tidak diperbarui selama MENIT diambil alih (bawaan 120)",
    )

    captions = sub.add_parser(
        "captions",
        parents=[common],
        help="buat draf takarir dengan pengenal suara di mesin kantor (paket tambahan stt)",
    )
    captions.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    captions.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        help="jumlah video yang diolah sekaligus (bawaan: 1)",
    )

    build = sub.add_parser("build", parents=[common], help="bangun situs ke folder site/")
    build.add_argument("--strict", action="store_true", help="gagal bila ada entri bermasalah")

    serve = sub.add_parser("serve", parents=[common], help="pratinjau langsung")
    serve.add_argument("-a", "--dev-addr", default=None, help="alamat, bawaan 127.0.0.1:8000")
    serve.add_argument(
        "--preview",
        action="store_true",
        help="tampilkan juga entri yang belum terbit (untuk kurator)",
    )

    new = sub.add_parser("new", parents=[common], help="buat profil sekolah atau entri baru")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="JENIS")
    school = kinds.add_parser("school", parents=[common], help="profil sekolah baru")
    school.add_argument("slug", help="nama folder, contoh: sdn-1-blora")
    school.add_argument("--name")
    school.add_argument("--npsn")
    school.add_argument("--level")
    school.add_argument("--district")
    entry = kinds.add_parser("entry", parents=[common], help="entri baru")
    entry.add_argument("target", metavar="SEKOLAH/ENTRI", help="contoh: sdn-1-blora/robot-bekas")
    entry.add_argument("--title")
    entry.add_argument("--category")
    entry.add_argument("--video")
    innovation = kinds.add_parser(
        "innovation", parents=[common], help="profil inovasi (enam bagian KIPP)"
    )
    innovation.add_argument("slug", help="nama folder, contoh: gelis")
    innovation.add_argument("--title")
    innovation.add_argument("--school", help="nama folder sekolah pemilik inovasi")

    ingest = sub.add_parser("ingest", parents=[common], help="ambil kiriman dari folder bersama")
    ingest.add_argument("drop_dir", type=Path, metavar="FOLDER_BERSAMA")
    ingest.add_argument(
        "--watch", action="store_true", help="terus berjalan dan ambil kiriman baru"
    )
    ingest.add_argument(
        "--settle",
        type=float,
        default=2.0,
        help="detik menunggu untuk memastikan unggahan selesai (bawaan 2)",
    )
    ingest.add_argument(
        "--interval",
        type=float,
        default=60.0,
        help="dengan --watch: periksa ulang paling lambat tiap N detik",
    )

    sub.add_parser("review", parents=[common], help="daftar entri yang menunggu pemeriksaan")
    publish = sub.add_parser("publish", parents=[common], help="terbitkan entri")
    publish.add_argument("entry", metavar="SEKOLAH/ENTRI")
    reject = sub.add_parser("reject", parents=[common], help="tolak entri dengan alasan")
    reject.add_argument("entry", metavar="SEKOLAH/ENTRI")
    reject.add_argument("--reason", required=True, help="alasan untuk sekolah")
    feature = sub.add_parser("feature", parents=[common], help="jadikan entri unggulan")
    feature.add_argument("entry", metavar="SEKOLAH/ENTRI")
    feature.add_argument("--off", action="store_true", help="batalkan status unggulan")

    desk = sub.add_parser(
        "desk", parents=[common], help="meja kurator di peramban: antrean, pratinjau, keputusan"
    )
    desk.add_argument(
        "--bind",
        default="127.0.0.1",
        help="alamat yang didengar (bawaan 127.0.0.1; alamat jaringan butuh ETALASE_DESK_PASSWORD)",
    )
    desk.add_argument("--port", type=_positive, default=8000, help="porta (bawaan 8000)")
    desk.add_argument(
        "--as",
        dest="curator",
        default=None,
        metavar="NAMA",
        help=(
            "nama kurator di riwayat keputusan bila peramban tidak menyebut namanya "
            "(bawaan: pengguna git)"
        ),
    )
    desk.add_argument(
        "--commit", action="store_true", help="jadikan setiap keputusan satu commit git"
    )
    desk.add_argument(
        "--drop",
        type=Path,
        default=None,
        metavar="FOLDER_BERSAMA",
        help="folder bersama: laporan sekolah diperbarui seketika",
    )

    export = sub.add_parser(
        "export",
        parents=[common],
        help="ekspor inventaris, daftar inovasi, atau dossier satu inovasi",
    )
    export.add_argument(
        "what",
        nargs="?",
        choices=("innovation", "innovations", "programme"),
        metavar="APA",
        help="kosong: inventaris; 'innovations': daftar inovasi; "
        "'innovation NAMA': dossier .docx satu inovasi; 'programme': dossier program etalase",
    )
    export.add_argument("slug", nargs="?", metavar="NAMA", help="nama folder inovasi")
    export.add_argument("--format", choices=("csv", "json", "xlsx", "docx", "pkri"), default=None)
    export.add_argument(
        "--letter",
        choices=("replikasi",),
        default=None,
        help="innovation NAMA: surat kesepakatan replikasi (.docx) untuk ditandatangani",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="berkas keluaran (bawaan: inventaris.<format>; '-' = layar)",
    )
    export.add_argument(
        "--allow-local",
        action="store_true",
        help="dossier: tetap buat walau site_url kosong atau lokal (kode QR tidak bisa dibuka)",
    )

    sub.add_parser("report", parents=[common], help="laporan cakupan untuk kurator")
    stats = sub.add_parser("stats", parents=[common], help="kunjungan dari log server kantor")
    stats_what = stats.add_subparsers(dest="stats_command", required=True, metavar="PERINTAH")
    stats_import = stats_what.add_parser(
        "import",
        parents=[common],
        help="hitung tayangan dan putaran video dari log nginx/Apache (tanpa menyimpan IP)",
    )
    stats_import.add_argument("logs", nargs="+", type=Path, metavar="LOG")
    deploy = sub.add_parser(
        "deploy",
        parents=[common],
        help="kirim situs (halaman dan media) ke server kantor lewat rclone",
    )
    how = deploy.add_mutually_exclusive_group()
    how.add_argument(
        "--dry-run",
        action="store_const",
        dest="mode",
        const="dry-run",
        help="tampilkan yang akan dikirim atau dihapus, tanpa mengirim",
    )
    how.add_argument(
        "--check",
        action="store_const",
        dest="mode",
        const="check",
        help="periksa pengaturan, kredensial dan koneksi saja",
    )
    how.add_argument(
        "--verify",
        action="store_const",
        dest="mode",
        const="verify",
        help="periksa situs publik: beranda, satu entri dan videonya",
    )
    how.add_argument(
        "--fetch-logs",
        action="store_const",
        dest="mode",
        const="fetch-logs",
        help="ambil log server (deploy.logs) lewat rclone lalu hitung kunjungannya",
    )
    deploy.add_argument(
        "--no-verify", action="store_true", help="jangan periksa situs publik setelah deploy"
    )
    deploy.add_argument(
        "--repair",
        action="store_true",
        help="bandingkan dengan isi server dan kirim ulang yang hilang atau berbeda",
    )

    offline = sub.add_parser(
        "offline",
        parents=[common],
        help="edisi luring: folder untuk kartu SD atau flashdisk (dan ZIM untuk Kiwix)",
    )
    offline.add_argument("--folder", action="store_true", help="tulis edisi folder (index.html)")
    offline.add_argument("--zim", action="store_true", help="tulis berkas ZIM untuk Kiwix")
    offline.add_argument(
        "--since",
        type=functools.partial(_since, lang=lang),
        default=None,
        metavar="TANGGAL",
        help="paket pembaruan: hanya entri yang terbit sejak TANGGAL (contoh 2026-10-01)",
    )
    offline.add_argument(
        "--max-size",
        type=functools.partial(_size, lang=lang),
        default=None,
        metavar="UKURAN",
        help="batas ukuran edisi, contoh 4G; lebih besar: tidak ditulis (keluar 1)",
    )
    offline.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="folder edisi (bawaan: offline/etalase atau offline/etalase-pembaruan-TANGGAL)",
    )

    roster = sub.add_parser("roster", parents=[common], help="daftar sekolah kabupaten (Dapodik)")
    roster_actions = roster.add_subparsers(dest="action", required=True, metavar="AKSI")
    roster_import = roster_actions.add_parser(
        "import", parents=[common], help="impor ekspor Dapodik (.xlsx atau .csv) ke daftar sekolah"
    )
    roster_import.add_argument("source", type=Path, metavar="BERKAS")
    roster_import.add_argument(
        "--allow-removals",
        action="store_true",
        help="tulis daftar walau ada sekolah berentri tayang yang tidak ada lagi di dalamnya",
    )
    for name, run in RUNNERS.items():
        sub.choices[name].set_defaults(run=run)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat positif: {text!r}")
    return value


def _since(value: str, *, lang: str) -> dt.date:
    from .commands.offline import parse_since

    try:
        return parse_since(value)
    except ValueError:
        message = text("offline.bad_since", _lang(lang), value=value)
        raise argparse.ArgumentTypeError(message) from None


def _size(value: str, *, lang: str) -> int:
    from .commands.offline import parse_size

    try:
        return parse_size(value)
    except ValueError:
        message = text("offline.bad_size", _lang(lang), value=value)
        raise argparse.ArgumentTypeError(message) from None


def _lang(value: str) -> Lang:
    return value if value in LANGS else "id"


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"harus K/N dengan 1 ≤ K ≤ N, contoh 1/4: {text!r}"
        ) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    asked = _asked_lang(sys.argv[1:] if argv is None else argv)
    with _argparse_words(asked):
        parser = _parser(asked)
        args = parser.parse_args(argv)
        if getattr(args, "shard", None) is not None and getattr(args, "prune", False):
            parser.error(
                "--prune tidak bisa dipakai bersama --shard: "
                "jalankan --prune sekali setelah semua bagian digabung"
            )
        if getattr(args, "pull", None) is not None and (args.shard is not None or args.prune):
            parser.error(
                "--pull tidak bisa dipakai bersama --shard atau --prune: "
                "--pull membagi pekerjaan sendiri; jalankan --prune di mesin build"
            )
    lang = cast(Lang, args.lang)
    try:
        return _dispatch(args, lang)
    except ConfigError as exc:
        print(f"etalase: {exc.text(lang)}", file=sys.stderr)
        return 2
    except FolderRefused as exc:  # nothing was written or deleted
        print(f"etalase: {exc.text(lang)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `etalase check | head -1`: the reader has what it wanted
        return _reader_gone()
    except Exception:  # a bug of ours: say so briefly, details on request
        if os.environ.get("ETALASE_DEBUG"):
            traceback.print_exc()
        print(f"etalase: {text('cli.internal_error', lang)}", file=sys.stderr)
        return 2


def _asked_lang(argv: Sequence[str]) -> str:
    """The ``--lang`` of ``argv`` before it is parsed (argparse's own words need it first)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return os.environ.get("ETALASE_LANG", "id")


@contextlib.contextmanager
def _argparse_words(lang: str) -> Iterator[None]:
    """argparse speaks Indonesian (:data:`messages.ARGPARSE_ID`) unless ``lang`` is ``en``.

    argparse words its usage, help and errors through its module's gettext
    functions ``_`` and ``ngettext``; they are swapped for the parse and put back.
    """
    if lang in LANGS and LANGS.index(lang) > 0:  # argparse's own English
        yield
        return
    saved = vars(argparse)["_"], vars(argparse)["ngettext"]  # argparse's gettext

    def plural(singular: str, many: str, n: int) -> str:
        return ARGPARSE_ID.get(singular if n == 1 else many, singular if n == 1 else many)

    words = vars(argparse)
    words.update(_=lambda message: ARGPARSE_ID.get(message, message), ngettext=plural)
    try:
        yield
    finally:
        words.update(_=saved[0], ngettext=saved[1])


def _export(args: argparse.Namespace, project: Project, lang: Lang) -> int:
    fmt = args.format
    if args.letter and args.what != "innovation":
        raise ConfigError(
            "--letter hanya untuk: etalase export innovation NAMA --letter replikasi",
            "--letter is only for: etalase export innovation NAME --letter replikasi",
        )
    if args.what == "innovation":
        if not args.slug or fmt not in (None, "docx", "pkri"):
            raise ConfigError(
                "pakai: etalase export innovation NAMA [--format docx|pkri] [--letter replikasi]",
                "usage: etalase export innovation NAME [--format docx|pkri] [--letter replikasi]",
            )
        if fmt == "pkri" or args.letter:
            from .commands.pkri import run_pkri

            return run_pkri(
                project,
                args.slug,
                letter=bool(args.letter),
                output=args.output,
                allow_local=args.allow_local,
                lang=lang,
            )
        from .commands.dossier import run_dossier

        return run_dossier(
            project, args.slug, output=args.output, allow_local=args.allow_local, lang=lang
        )
    if args.slug is not None:
        raise ConfigError(f"argumen tidak dikenal: {args.slug}", f"unknown argument: {args.slug}")
    if args.what == "programme":
        if fmt not in (None, "docx"):
            raise ConfigError(
                "pakai: etalase export programme [--format docx]",
                "usage: etalase export programme [--format docx]",
            )
        from .commands.programme import run_programme

        return run_programme(project, output=args.output, allow_local=args.allow_local, lang=lang)
    if args.what == "innovations":
        if fmt not in (None, "csv", "xlsx"):
            raise ConfigError(
                "daftar inovasi: --format csv atau xlsx",
                "the innovations list: --format csv or xlsx",
            )
        from .commands.dossier import run_innovations_export

        return run_innovations_export(project, fmt=fmt or "csv", output=args.output, lang=lang)
    if fmt in ("docx", "pkri"):
        raise ConfigError(
            "--format docx/pkri hanya untuk: etalase export innovation NAMA",
            "--format docx/pkri is only for: etalase export innovation NAME",
        )
    from .commands.export import run_export

    return run_export(project, fmt=fmt or "csv", output=args.output, lang=lang)


def _reader_gone() -> int:
    """Leave quietly when stdout's reader has gone, as a Unix tool killed by SIGPIPE does.

    Whatever is still buffered for stdout goes to ``/dev/null`` (flushing it at
    exit would fail again); 141 is 128 + SIGPIPE, what a shell reports for such a tool.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE


def _dispatch(args: argparse.Namespace, lang: Lang) -> int:
    run: Callable[[Project, argparse.Namespace, Lang], int] = args.run
    return run(load_project(args.config_file), args, lang)


def _run_check(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.check import run_check

    return run_check(project, args.paths, fmt=args.format, lang=lang, jobs=args.jobs)


def _run_media(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    if args.pull is not None:
        from .commands.pull import run_pull_command

        return run_pull_command(
            project,
            args.pull,
            jobs=args.jobs,
            lang=lang,
            batch_size=args.batch,
            lease_minutes=args.lease,
        )
    from .commands.media import run_media_command

    return run_media_command(project, jobs=args.jobs, lang=lang, prune=args.prune, shard=args.shard)


def _run_captions(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.captions import run_captions

    return run_captions(project, args.paths, jobs=args.jobs, lang=lang)


def _run_build(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.site import run_build

    return run_build(project, strict=args.strict, lang=lang)


def _run_serve(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.site import run_serve

    return run_serve(project, dev_addr=args.dev_addr, preview=args.preview, lang=lang)


def _run_new(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands import new

    if args.kind == "school":
        return new.new_school(
            project,
            args.slug,
            name=args.name,
            npsn=args.npsn,
            level=args.level,
            district=args.district,
            lang=lang,
        )
    if args.kind == "innovation":
        return new.new_innovation(
            project, args.slug, title=args.title, school=args.school, lang=lang
        )
    school, _, slug = args.target.partition("/")
    return new.new_entry(
        project,
        school,
        slug,
        title=args.title,
        category=args.category,
        video=args.video,
        lang=lang,
    )


def _run_ingest(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.ingest import run_ingest

    return run_ingest(
        project,
        args.drop_dir,
        watch=args.watch,
        settle=args.settle,
        interval=args.interval,
        lang=lang,
    )


def _run_review(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands import review

    if args.command == "review":
        return review.run_review(project, lang=lang)
    if args.command == "publish":
        return review.run_publish(project, args.entry, lang=lang)
    if args.command == "reject":
        return review.run_reject(project, args.entry, args.reason, lang=lang)
    return review.run_feature(project, args.entry, on=not args.off, lang=lang)


def _run_desk(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.desk import run_desk

    return run_desk(
        project,
        bind=args.bind,
        port=args.port,
        curator=args.curator,
        commit=args.commit,
        drop_dir=args.drop,
        lang=lang,
    )


def _run_export(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    return _export(args, project, lang)


def _run_report(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.report import run_report

    return run_report(project, lang=lang)


def _run_deploy(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    if args.mode == "fetch-logs":
        from .commands.stats import run_fetch_logs

        return run_fetch_logs(project, lang=lang)
    from .commands.deploy import run_deploy

    return run_deploy(
        project,
        mode=args.mode or "deploy",
        verify=not args.no_verify,
        repair=args.repair,
        lang=lang,
    )


def _run_stats(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.stats import run_stats_import

    return run_stats_import(project, args.logs, lang=lang)


def _run_offline(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.offline import run_offline

    both = not args.folder and not args.zim  # neither asked: every edition there is
    return run_offline(
        project,
        folder=args.folder or both,
        zim=args.zim or both,
        since=args.since,
        max_size=args.max_size,
        output=args.output,
        lang=lang,
    )


def _run_roster(project: Project, args: argparse.Namespace, lang: Lang) -> int:
    from .commands.roster import run_roster_import

    return run_roster_import(project, args.source, allow_removals=args.allow_removals, lang=lang)


#: Each sub-command and the function that runs it (bound with ``set_defaults(run=...)``).
RUNNERS: dict[str, Callable[[Project, argparse.Namespace, Lang], int]] = {
    "check": _run_check,
    "media": _run_media,
    "captions": _run_captions,
    "build": _run_build,
    "serve": _run_serve,
    "new": _run_new,
    "ingest": _run_ingest,
    "review": _run_review,
    "publish": _run_review,
    "reject": _run_review,
    "feature": _run_review,
    "desk": _run_desk,
    "export": _run_export,
    "report": _run_report,
    "deploy": _run_deploy,
    "stats": _run_stats,
    "offline": _run_offline,
    "roster": _run_roster,
}
