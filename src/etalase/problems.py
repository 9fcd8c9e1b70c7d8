"""Problems as values: stable codes, Indonesian and English wording, and the report.

Every check in Etalase returns :class:`Problem` values instead of raising. A
problem names the file, carries a stable ``code`` that tests, scripts and
curators can rely on, and renders its message and fix in Indonesian (the
default) or English from the catalogue below. Parameters are kept apart from
the wording so the same problem can be shown in either language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple, TypedDict

Severity = Literal["error", "warning"]
Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")


class Wording(NamedTuple):
    """The four texts of one problem code."""

    severity: Severity
    message_id: str
    fix_id: str
    message_en: str
    fix_en: str


# The catalogue of stable codes. Codes never change meaning once released;
# add new ones instead. Placeholders are filled from ``Problem.params``.
CATALOGUE: dict[str, Wording] = {
    # --- reading a Markdown file -------------------------------------------------
    "FILE_UNREADABLE": Wording(
        "error",
        "Berkas tidak bisa dibaca ({reason}).",
        "Pastikan berkas ada dan boleh dibaca, lalu kirim ulang.",
        "The file cannot be read ({reason}).",
        "Make sure the file exists and is readable, then send it again.",
    ),
    "FILE_NOT_REGULAR": Wording(
        "error",
        "'{value}' bukan berkas biasa (misalnya pipa atau perangkat), jadi tidak dibaca.",
        "Ganti dengan berkas teks biasa, atau hapus dari folder.",
        "'{value}' is not a regular file (a pipe or a device, for example), so it is not read.",
        "Replace it with an ordinary text file, or remove it from the folder.",
    ),
    "FILE_LINKED": Wording(
        "error",
        "'{value}' adalah tautan (symlink) ke berkas lain, jadi tidak dibaca.",
        "Ganti tautannya dengan berkas teks biasa yang disimpan di folder ini.",
        "'{value}' is a symbolic link to another file, so it is not read.",
        "Replace the link with an ordinary text file saved in this folder.",
    ),
    "FILE_TOO_LARGE": Wording(
        "error",
        "Berkas teks terlalu besar ({size_kb} KB; maksimal {max_kb} KB).",
        "Penjelasan cukup beberapa paragraf. Persingkat teksnya.",
        "The text file is too large ({size_kb} KB; at most {max_kb} KB).",
        "A few paragraphs are enough. Shorten the text.",
    ),
    "TEXT_NOT_UTF8": Wording(
        "error",
        "Berkas tidak tersimpan sebagai teks UTF-8 (karakter tak dikenal di baris {line}).",
        "Buka berkas di editor teks lalu simpan ulang dengan encoding UTF-8.",
        "The file is not saved as UTF-8 text (unknown character on line {line}).",
        "Open the file in a text editor and save it again as UTF-8.",
    ),
    "FRONTMATTER_MISSING": Wording(
        "error",
        "Bagian data di awal berkas (diapit baris '---') tidak ditemukan.",
        "Mulai berkas dengan baris '---', isi data (title, date, ...), lalu tutup "
        "dengan '---'. Lihat templat di panduan.",
        "The data block at the top of the file (between '---' lines) is missing.",
        "Start the file with a '---' line, the fields (title, date, ...), and close "
        "it with '---'. See the template in the guide.",
    ),
    "YAML_INVALID": Wording(
        "error",
        "Bagian data tidak bisa dibaca: {reason} (baris {line}).",
        "Periksa baris itu: setiap isian ditulis 'nama: nilai', dan teks yang "
        "memuat ':' atau '#' diberi tanda kutip.",
        "The data block cannot be parsed: {reason} (line {line}).",
        "Check that line: each field is 'name: value', and text containing ':' "
        "or '#' is put in quotes.",
    ),
    "YAML_ALIAS": Wording(
        "error",
        "Bagian data memakai alias/anchor YAML ('&' atau '*'), yang tidak diizinkan.",
        "Tulis setiap nilai secara langsung tanpa '&' dan '*'.",
        "The data block uses YAML aliases/anchors ('&' or '*'), which are not allowed.",
        "Write every value out directly, without '&' and '*'.",
    ),
    "YAML_TOO_COMPLEX": Wording(
        "error",
        "Bagian data terlalu panjang atau terlalu bersarang.",
        "Cukup isian sederhana seperti pada templat.",
        "The data block is too long or too deeply nested.",
        "Use simple fields as in the template.",
    ),
    "FRONTMATTER_NOT_MAPPING": Wording(
        "error",
        "Bagian data harus berupa daftar isian 'nama: nilai'.",
        "Salin templat dari panduan lalu isi nilainya.",
        "The data block must be a list of 'name: value' fields.",
        "Copy the template from the guide and fill in the values.",
    ),
    # --- fields ------------------------------------------------------------------
    "FIELD_MISSING": Wording(
        "error",
        "Isian wajib '{field}' belum ada.",
        "Tambahkan baris '{field}: ...' di bagian data.",
        "The required field '{field}' is missing.",
        "Add a line '{field}: ...' to the data block.",
    ),
    "FIELD_TYPE": Wording(
        "error",
        "Isian '{field}' harus berupa {expected}.",
        "Perbaiki nilai '{field}', contoh: {example}",
        "The field '{field}' must be {expected_en}.",
        "Fix the value of '{field}', for example: {example}",
    ),
    "FIELD_UNKNOWN": Wording(
        "warning",
        "Isian '{field}' tidak dikenal dan diabaikan.",
        "Periksa ejaannya; isian yang dikenal: {known}.",
        "The field '{field}' is unknown and ignored.",
        "Check its spelling; known fields: {known}.",
    ),
    "TEXT_TOO_LONG": Wording(
        "error",
        "Isian '{field}' terlalu panjang ({length} karakter; maksimal {limit}).",
        "Persingkat '{field}'.",
        "The field '{field}' is too long ({length} characters; at most {limit}).",
        "Shorten '{field}'.",
    ),
    "BODY_EMPTY": Wording(
        "warning",
        "Penjelasan singkat di bawah bagian data masih kosong.",
        "Tulis 2-4 paragraf: apa kegiatannya, siapa yang terlibat, dan apa yang dipelajari.",
        "The short explanation below the data block is empty.",
        "Write 2-4 paragraphs: what happened, who took part, and what was learned.",
    ),
    # --- schools -----------------------------------------------------------------
    "NPSN_FORMAT": Wording(
        "error",
        "NPSN '{value}' tidak valid: harus 8 angka.",
        'Tulis NPSN sekolah (8 angka) dalam tanda kutip, contoh: npsn: "20312345".',
        "NPSN '{value}' is invalid: it must be 8 digits.",
        'Write the school\'s NPSN (8 digits) in quotes, for example: npsn: "20312345".',
    ),
    "NPSN_DUPLICATE": Wording(
        "error",
        "NPSN {value} juga dipakai oleh {other}, jadi profil ini ditolak.",
        "Setiap sekolah punya NPSN sendiri. Periksa NPSN di Dapodik dan perbaiki salah satunya.",
        "NPSN {value} is also used by {other}, so this profile is refused.",
        "Each school has its own NPSN. Look it up in Dapodik and fix one of them.",
    ),
    "NPSN_DUPLICATE_KEPT": Wording(
        "warning",
        "NPSN {value} juga ditulis di {other}; sekolah ini tetap tayang, profil itu ditolak.",
        "Periksa {other}: bila itu sekolah lain, tulis NPSN-nya sendiri dari Dapodik.",
        "NPSN {value} is also written in {other}; this school keeps publishing, that profile "
        "is refused.",
        "Check {other}: if it is another school, write its own NPSN from Dapodik.",
    ),
    "SCHOOL_NOT_ON_ROSTER": Wording(
        "error",
        "NPSN {value} tidak ada di daftar sekolah Dinas ({roster}).",
        "Periksa NPSN di Dapodik. Yang paling mirip di daftar: {closest}. Bila sekolah ini "
        "memang baru, minta Dinas memperbarui daftar dengan: etalase roster import",
        "NPSN {value} is not on the office's school roster ({roster}).",
        "Check the NPSN in Dapodik. Closest on the roster: {closest}. If the school is new, "
        "ask the office to update the roster with: etalase roster import",
    ),
    "SCHOOL_ROSTER_MISMATCH": Wording(
        "warning",
        "Isian '{field}' ('{value}') berbeda dengan daftar sekolah Dinas ('{roster_value}'); "
        "situs memakai isi daftar.",
        "Samakan isian '{field}' dengan daftar, atau hapus isian itu dari profil.",
        "Field '{field}' ('{value}') differs from the office's school roster "
        "('{roster_value}'); the site uses the roster.",
        "Make '{field}' match the roster, or remove the field from the profile.",
    ),
    "LEVEL_UNKNOWN": Wording(
        "error",
        "Jenjang '{value}' tidak dikenal.",
        "Pilih salah satu: {allowed}.",
        "Unknown school level '{value}'.",
        "Choose one of: {allowed}.",
    ),
    "DISTRICT_UNKNOWN": Wording(
        "error",
        "Kecamatan '{value}' tidak ada dalam daftar.",
        "Tulis nama kecamatan persis seperti daftar: {allowed}.",
        "District (kecamatan) '{value}' is not in the list.",
        "Write the district exactly as listed: {allowed}.",
    ),
    "URL_INVALID": Wording(
        "warning",
        "Alamat '{value}' pada isian '{field}' bukan tautan http(s) dan diabaikan.",
        "Tulis alamat lengkap yang diawali https://.",
        "'{value}' in field '{field}' is not an http(s) link and is ignored.",
        "Write the full address starting with https://.",
    ),
    "SCHOOL_MISSING": Wording(
        "error",
        "Folder sekolah '{school}' tidak punya berkas profil index.md, jadi entrinya tidak "
        "bisa ditampilkan.",
        "Buat profil sekolah dengan: etalase new school {school}",
        "The school folder '{school}' has no profile index.md, so its entries cannot be shown.",
        "Create the school profile with: etalase new school {school}",
    ),
    "SCHOOL_INVALID": Wording(
        "error",
        "Profil sekolah bermasalah, jadi entri ini tidak bisa ditampilkan.",
        "Perbaiki dulu masalah pada {school_file}.",
        "The school profile has problems, so this entry cannot be shown.",
        "First fix the problems in {school_file}.",
    ),
    "ENTRY_OFF_ROSTER": Wording(
        "error",
        "Entri tayang ini HILANG dari situs: NPSN {value} sekolahnya ({school_file}) tidak ada "
        "di daftar sekolah Dinas ({roster}).",
        "Bila sekolah itu tidak tutup, impor ulang ekspor Dapodik yang lengkap dengan: etalase "
        "roster import BERKAS; bila NPSN di profil salah, perbaiki NPSN-nya.",
        "This published entry is GONE from the site: its school's NPSN {value} ({school_file}) "
        "is not on the office's school roster ({roster}).",
        "If the school did not close, import the complete Dapodik export again with: etalase "
        "roster import FILE; if the profile's NPSN is wrong, fix it.",
    ),
    "SLUG_INVALID": Wording(
        "error",
        "Nama folder '{value}' tidak bisa dipakai sebagai alamat halaman.",
        "Ganti nama folder menjadi '{suggestion}' (huruf kecil, angka dan tanda hubung).",
        "The folder name '{value}' cannot be used in a page address.",
        "Rename the folder to '{suggestion}' (lowercase letters, digits and hyphens).",
    ),
    # --- entries -----------------------------------------------------------------
    "DATE_INVALID": Wording(
        "error",
        "Tanggal '{value}' tidak valid.",
        "Tulis tanggal dengan format TAHUN-BULAN-HARI, contoh: date: 2026-08-17.",
        "The date '{value}' is invalid.",
        "Write the date as YEAR-MONTH-DAY, for example: date: 2026-08-17.",
    ),
    "DATE_FUTURE": Wording(
        "warning",
        "Tanggal {value} masih di masa depan.",
        "Isi dengan tanggal kegiatan atau tanggal perekaman.",
        "The date {value} is in the future.",
        "Use the date of the activity or of the recording.",
    ),
    "CATEGORY_UNKNOWN": Wording(
        "error",
        "Kategori '{value}' tidak dikenal.",
        "Pilih salah satu: {allowed}.",
        "Unknown category '{value}'.",
        "Choose one of: {allowed}.",
    ),
    "STATUS_UNKNOWN": Wording(
        "error",
        "Status '{value}' tidak dikenal.",
        "Pilih salah satu: draft, review, published, rejected.",
        "Unknown status '{value}'.",
        "Choose one of: draft, review, published, rejected.",
    ),
    "CONSENT_MISSING": Wording(
        "error",
        "Belum ada persetujuan orang tua/wali untuk menayangkan siswa dalam video.",
        "Setelah orang tua/wali siswa yang tampil setuju, tulis 'consent: true'.",
        "There is no guardian consent to publish the pupils shown in the video.",
        "Once the guardians of the pupils shown agree, write 'consent: true'.",
    ),
    "TAG_INVALID": Wording(
        "warning",
        "Tag '{value}' diabaikan: tag berupa kata singkat (maksimal {limit} karakter).",
        "Tulis tag sebagai daftar kata singkat, contoh: tags: [robotik, daur ulang].",
        "Tag '{value}' is ignored: a tag is a short word (at most {limit} characters).",
        "Write tags as a list of short words, for example: tags: [robotics, recycling].",
    ),
    "POSTER_TIME_INVALID": Wording(
        "error",
        "poster_time '{value}' tidak valid: harus detik di dalam durasi video.",
        "Tulis detik gambar sampul, contoh: poster_time: 5, atau hapus barisnya.",
        "poster_time '{value}' is invalid: it must be a second within the video.",
        "Write the second of the cover frame, for example: poster_time: 5, or remove the line.",
    ),
    "VIDEO_STILL": Wording(
        "warning",
        "Video '{value}' tampak hanya satu gambar diam (atau layar gelap) dari awal sampai akhir.",
        "Video tetap terbit, tetapi pengunjung ingin melihat kegiatannya: bila bisa, rekam "
        "kegiatannya sendiri lalu kirim ulang.",
        "The video '{value}' seems to be one still picture (or a dark screen) from start to end.",
        "It is still published, but visitors want to see the activity: if you can, record "
        "the activity itself and send it again.",
    ),
    "FOLDER_LINKED": Wording(
        "error",
        "Folder '{value}' adalah tautan (symlink) ke tempat lain, jadi isinya tidak dibaca.",
        "Ganti tautan itu dengan folder sungguhan yang berisi index.md dan berkas-berkasnya.",
        "The folder '{value}' is a symbolic link to somewhere else, so nothing in it is read.",
        "Replace the link with a real folder holding the index.md and its files.",
    ),
    "PATH_OUTSIDE": Wording(
        "error",
        "Berkas '{value}' pada isian '{field}' berada di luar folder ini.",
        "Letakkan berkasnya di folder yang sama dengan index.md dan tulis namanya saja.",
        "The file '{value}' in field '{field}' lies outside this folder.",
        "Put the file in the same folder as index.md and write just its name.",
    ),
    "FILE_NAME_CASE": Wording(
        "error",
        "Berkas '{value}' pada isian '{field}' tidak ditemukan; di folder ini ada '{found}' "
        "(huruf besar/kecil berbeda).",
        "Tulis '{field}: {found}', atau ganti nama berkasnya menjadi '{value}'.",
        "The file '{value}' in field '{field}' is not there; this folder has '{found}' "
        "(different upper/lower case).",
        "Write '{field}: {found}', or rename the file to '{value}'.",
    ),
    "ENTRY_TEXT_MISSING": Wording(
        "error",
        "Folder entri '{entry}' berisi video ({video}) tetapi tidak punya berkas index.md, "
        "jadi entri ini tidak tampil.",
        "Tambahkan index.md ke folder itu: judul, tanggal, kategori, izin dan penjelasan "
        "(salin templat entri dari panduan).",
        "The entry folder '{entry}' holds a video ({video}) but no index.md, so the entry is "
        "not shown.",
        "Add an index.md to that folder: title, date, category, consent and the explanation "
        "(copy the entry template from the guide).",
    ),
    "PLACEHOLDER_VALUE": Wording(
        "error",
        "Isian '{field}' masih berisi contoh dari templat ('{value}').",
        "Ganti contoh itu dengan nilai yang sebenarnya.",
        "The field '{field}' still holds the template's sample value ('{value}').",
        "Replace the sample with the real value.",
    ),
    "FILE_MISSING": Wording(
        "error",
        "Berkas '{value}' pada isian '{field}' tidak ditemukan di folder ini.",
        "Periksa ejaan nama berkas (huruf besar/kecil berpengaruh) atau unggah berkasnya.",
        "The file '{value}' in field '{field}' is not in this folder.",
        "Check the file name's spelling (case matters) or upload the file.",
    ),
    "CAPTIONS_INVALID": Wording(
        "error",
        "Berkas teks terjemahan '{value}' bukan WebVTT yang valid.",
        "Simpan teks terjemahan sebagai .vtt yang diawali baris 'WEBVTT'.",
        "The captions file '{value}' is not valid WebVTT.",
        "Save the captions as a .vtt file that starts with the line 'WEBVTT'.",
    ),
    "IMAGE_INVALID": Wording(
        "warning",
        "Berkas gambar '{value}' tidak dikenali sebagai PNG, JPEG, WebP atau SVG.",
        "Pakai logo berformat PNG, JPEG atau WebP.",
        "The image '{value}' is not recognised as PNG, JPEG, WebP or SVG.",
        "Use a PNG, JPEG or WebP logo.",
    ),
    "IMAGE_MISSING": Wording(
        "warning",
        "Gambar '{value}' yang disebut di teks tidak ada di folder ini, jadi tidak ditampilkan.",
        "Unggah gambarnya (JPEG, PNG atau WebP) ke folder yang sama dengan index.md, atau "
        "hapus gambar itu dari teks.",
        "The picture '{value}' named in the text is not in this folder, so it is not shown.",
        "Upload the picture (JPEG, PNG or WebP) to the same folder as index.md, or remove it "
        "from the text.",
    ),
    "IMAGE_NAME_CASE": Wording(
        "warning",
        "Gambar '{value}' yang disebut di teks tidak ada; di folder ini ada '{found}' "
        "(huruf besar/kecil berbeda), jadi gambarnya tidak ditampilkan.",
        "Tulis '{found}' di teks, atau ganti nama berkasnya menjadi '{value}'.",
        "The picture '{value}' named in the text is not there; this folder has '{found}' "
        "(different upper/lower case), so the picture is not shown.",
        "Write '{found}' in the text, or rename the file to '{value}'.",
    ),
    "IMAGE_NOT_SHOWN": Wording(
        "warning",
        "Gambar '{value}' yang disebut di teks tidak ikut ditayangkan: situs hanya memuat "
        "foto JPEG, PNG atau WebP yang ada langsung di folder ini.",
        "Simpan gambarnya sebagai JPEG atau PNG di folder yang sama dengan index.md, lalu "
        "tulis namanya di teks.",
        "The picture '{value}' named in the text is not published: the site only carries JPEG, "
        "PNG or WebP photos directly in this folder.",
        "Save the picture as JPEG or PNG in the same folder as index.md and write its name in "
        "the text.",
    ),
    "FILE_NOT_PUBLISHED": Wording(
        "warning",
        "Berkas '{value}' tidak ikut ditayangkan: situs hanya memuat teks, video, teks "
        "terjemahan (.vtt) dan foto JPEG, PNG atau WebP.",
        "Hapus berkas itu dari folder. Gambar SVG simpan ulang sebagai PNG; isi halaman "
        "HTML atau dokumen tulis di index.md.",
        "The file '{value}' is not published: the site only carries the text, the video, "
        "captions (.vtt) and JPEG, PNG or WebP photos.",
        "Remove the file from the folder. Save an SVG picture again as PNG; write what an "
        "HTML page or document says in index.md.",
    ),
    # Links in a school's text to what is not published (issue #28, offline editions).
    "LINK_NOT_PUBLISHED": Wording(
        "warning",
        "Tautan ke '{value}' mengarah ke berkas atau entri yang tidak ditayangkan; di situs "
        "dan edisi luring kata-katanya tampil tanpa tautan.",
        "Tayangkan dulu entri yang dituju, tulis isi berkasnya di index.md, atau hapus tautannya.",
        "The link to '{value}' leads to a file or entry that is not published; on the site "
        "and the offline editions its words are shown without the link.",
        "Publish the entry it leads to first, write what the file says in index.md, or "
        "remove the link.",
    ),
    "IMAGE_UNUSABLE": Wording(
        "warning",
        "Gambar '{value}' tidak bisa dibaca sebagai foto ({reason}), jadi tidak ditayangkan.",
        "Simpan ulang gambarnya sebagai JPEG atau PNG lalu kirim lagi.",
        "The picture '{value}' cannot be read as a photo ({reason}), so it is not published.",
        "Save the picture again as JPEG or PNG and send it again.",
    ),
    # --- videos ------------------------------------------------------------------
    "VIDEO_EMPTY": Wording(
        "error",
        "Berkas video '{value}' kosong (0 byte).",
        "Unggah ulang videonya; kemungkinan pengiriman terputus.",
        "The video file '{value}' is empty (0 bytes).",
        "Upload the video again; the transfer was probably cut off.",
    ),
    "VIDEO_LFS_POINTER": Wording(
        "error",
        "'{value}' hanya penunjuk Git LFS, bukan videonya: video belum ikut terunggah.",
        "Pasang Git LFS ('git lfs install'), lalu 'git lfs push --all origin' dari komputer "
        "yang menyimpan videonya (lihat Panduan, bagian Git LFS).",
        "'{value}' is only a Git LFS pointer, not the video: the video itself was not uploaded.",
        "Install Git LFS ('git lfs install'), then run 'git lfs push --all origin' from the "
        "computer that has the video (see the guide's Git LFS section).",
    ),
    "VIDEO_TOO_BIG": Wording(
        "error",
        "Berkas video {size_mb} MB; maksimal {max_mb} MB.",
        "Rekam dengan resolusi 720p atau 1080p, atau kompres videonya lalu kirim ulang.",
        "The video file is {size_mb} MB; at most {max_mb} MB.",
        "Record at 720p or 1080p, or compress the video, then send it again.",
    ),
    "VIDEO_CODEC_UNKNOWN": Wording(
        "error",
        "Gambar dalam berkas '{value}' memakai kodek yang tidak dikenal ({reason}).",
        "Ekspor ulang videonya sebagai MP4 (H.264) dari ponsel atau aplikasi penyunting, "
        "lalu kirim ulang.",
        "The picture in '{value}' uses an unknown codec ({reason}).",
        "Export the video again as MP4 (H.264) from the phone or an editing app, then "
        "send it again.",
    ),
    "VIDEO_UNREADABLE": Wording(
        "error",
        "Berkas '{value}' tidak bisa dibaca sebagai video ({reason}).",
        "Pastikan berkasnya video utuh (MP4, MOV, 3GP, WebM) yang bisa diputar di "
        "ponsel, lalu kirim ulang.",
        "The file '{value}' cannot be read as a video ({reason}).",
        "Make sure it is a complete video (MP4, MOV, 3GP, WebM) that plays on a "
        "phone, then send it again.",
    ),
    "VIDEO_NO_PICTURE": Wording(
        "error",
        "Berkas '{value}' hanya berisi suara, tanpa gambar.",
        "Kirim berkas video yang ada gambarnya.",
        "The file '{value}' holds only sound, no picture.",
        "Send a video file that has a picture.",
    ),
    "VIDEO_TOO_SHORT": Wording(
        "error",
        "Durasi video {seconds} detik; minimal {min_s} detik.",
        "Rekam video yang lebih panjang ({min_s}-{max_s} detik) lalu kirim ulang.",
        "The video is {seconds} seconds long; at least {min_s} seconds.",
        "Record a longer video ({min_s}-{max_s} seconds) and send it again.",
    ),
    "VIDEO_TOO_LONG": Wording(
        "error",
        "Durasi video {seconds} detik; maksimal {max_s} detik.",
        "Potong videonya lalu kirim ulang.",
        "The video is {seconds} seconds long; at most {max_s} seconds.",
        "Trim the video and send it again.",
    ),
    "VIDEO_DURATION_UNKNOWN": Wording(
        "error",
        "Durasi video '{value}' tidak terbaca.",
        "Simpan ulang video sebagai MP4 dari aplikasi kamera atau penyunting video.",
        "The duration of the video '{value}' cannot be read.",
        "Save the video again as MP4 from the camera or editing app.",
    ),
    "VIDEO_PROBE_TIMEOUT": Wording(
        "error",
        "Pemeriksaan video '{value}' melebihi batas waktu {timeout} detik.",
        "Kemungkinan berkasnya rusak. Simpan ulang sebagai MP4 lalu kirim ulang.",
        "Checking the video '{value}' took longer than {timeout} seconds.",
        "The file is probably damaged. Save it again as MP4 and send it again.",
    ),
    "VIDEO_EXTRA": Wording(
        "warning",
        "Folder entri berisi lebih dari satu video; hanya '{value}' yang dipakai.",
        "Satu entri satu video. Pindahkan video lain ({others}) ke entri tersendiri.",
        "The entry folder holds more than one video; only '{value}' is used.",
        "One entry, one video. Move the others ({others}) into entries of their own.",
    ),
    # --- truncated uploads (a stalled upload keeps headers that promise more, #28.3) ---
    "VIDEO_TRUNCATED": Wording(
        "error",
        "Video '{value}' tidak lengkap (terpotong saat diunggah): isinya lebih pendek "
        "daripada yang tercatat di berkasnya.",
        "Unggah ulang videonya sampai selesai (tunggu sampai pengunggahan tuntas), lalu "
        "periksa bahwa video itu bisa diputar sampai akhir.",
        "The video '{value}' is incomplete (cut off while uploading): it holds less than "
        "the file itself says.",
        "Upload the video again until it finishes, then check that it plays to the end.",
    ),
    # --- innovation profiles (content/inovasi/) -------------------------------------
    "INNOVATION_SECTION_MISSING": Wording(
        "error",
        "Bagian '## {section}' belum ada.",
        "Tambahkan judul '## {section}' beserta isinya; keenam bagian mengikuti kriteria KIPP. "
        "Templat: etalase new innovation NAMA",
        "The section '## {section}' is missing.",
        "Add the heading '## {section}' and its text; the six sections follow the KIPP "
        "criteria. Template: etalase new innovation NAME",
    ),
    "INNOVATION_SECTION_EMPTY": Wording(
        "error",
        "Bagian '## {section}' masih kosong.",
        "Tulis isinya di bawah judul itu (petunjuk dalam <!-- --> tidak dihitung).",
        "The section '## {section}' is empty.",
        "Write its text below that heading (guidance inside <!-- --> does not count).",
    ),
    "INNOVATION_SECTION_SHORT": Wording(
        "warning",
        "Bagian '## {section}' baru {words} kata; disarankan minimal {min} kata.",
        "Lengkapi bagian ini: juri dan indeks inovasi daerah menilai uraian yang rinci.",
        "The section '## {section}' has {words} words; at least {min} are advised.",
        "Complete this section: juries and the regional innovation index judge detailed text.",
    ),
    "INNOVATION_SECTION_UNKNOWN": Wording(
        "warning",
        "Judul '## {value}' bukan salah satu dari enam bagian; isinya digabung ke bagian "
        "sebelumnya.",
        "Pakai judul bagian persis: {allowed}. Untuk sub-judul pakai '###'.",
        "The heading '## {value}' is not one of the six sections; its text joins the section "
        "before it.",
        "Use the section headings exactly: {allowed}. For sub-headings use '###'.",
    ),
    "INNOVATION_STAGE_UNKNOWN": Wording(
        "error",
        "Tahap '{value}' tidak dikenal.",
        "Pilih salah satu: {allowed}.",
        "Unknown stage '{value}'.",
        "Choose one of: {allowed}.",
    ),
    "INNOVATION_THEME_UNKNOWN": Wording(
        "error",
        "Tema '{value}' tidak ada dalam daftar.",
        "Pilih dari: {allowed}.",
        "Theme '{value}' is not in the list.",
        "Choose from: {allowed}.",
    ),
    "INNOVATION_STARTED_INVALID": Wording(
        "error",
        "Waktu mulai '{value}' tidak valid.",
        'Tulis tahun dan bulan mulai, contoh: started: "2019-07".',
        "The start '{value}' is invalid.",
        'Write the year and month it started, for example: started: "2019-07".',
    ),
    "INNOVATION_SCHOOL_UNKNOWN": Wording(
        "error",
        "Sekolah '{value}' pada isian '{field}' tidak terdaftar di Etalase.",
        "Tulis NPSN atau nama folder sekolah yang ada di content/sekolah/, atau "
        "'office: true' untuk inovasi Dinas.",
        "The school '{value}' in field '{field}' is not registered in Etalase.",
        "Write the NPSN or folder name of a school in content/sekolah/, or 'office: true' for "
        "an innovation of the office.",
    ),
    "INNOVATION_EVIDENCE_UNKNOWN": Wording(
        "error",
        "Bukti '{value}' bukan entri yang ada di katalog.",
        "Tulis kunci entri sebagai SEKOLAH/ENTRI, contoh: sdn-4-jiken/jumat-bersih.",
        "The evidence '{value}' is not an entry of the catalogue.",
        "Write the entry's key as SCHOOL/ENTRY, for example: sdn-4-jiken/jumat-bersih.",
    ),
    "INNOVATION_EVIDENCE_UNPUBLISHED": Wording(
        "warning",
        "Bukti '{value}' belum terbit, jadi belum tampil di halaman inovasi.",
        "Minta kurator memeriksa dan menerbitkan entri itu: etalase publish {value}",
        "The evidence '{value}' is not published, so it is not shown on the innovation page.",
        "Ask the curator to review and publish that entry: etalase publish {value}",
    ),
    "INNOVATION_CHECK_OLD": Wording(
        "warning",
        "Inovasi ditandai masih berjalan, tetapi terakhir dipastikan {checked}: masih berjalan?",
        "Pastikan inovasinya masih berjalan lalu perbarui 'checked: {today}', atau tulis "
        "'running: false'.",
        "The innovation is marked as running, but was last confirmed {checked}: still running?",
        "Confirm it still runs and update 'checked: {today}', or write 'running: false'.",
    ),
    "INNOVATION_IMPACT_INCOMPLETE": Wording(
        "error",
        "Baris dampak ke-{row} ('{value}') belum punya angka sebelum dan sesudah.",
        "Isi 'measure', 'unit', 'before' dan 'after' (angka), contoh: "
        "{{measure: Angka putus sekolah, unit: siswa, before: 12, after: 3, "
        "year_before: 2019, year_after: 2023}}",
        "Impact row {row} ('{value}') lacks a before and an after number.",
        "Fill in 'measure', 'unit', 'before' and 'after' (numbers), for example: "
        "{{measure: Dropouts, unit: pupils, before: 12, after: 3, year_before: 2019, "
        "year_after: 2023}}",
    ),
    "INNOVATION_IMPACT_NEGATIVE": Wording(
        "error",
        "Baris dampak ke-{row} ('{value}'): '{field}: {number}' bernilai negatif, padahal "
        "jumlah atau nilai tidak mungkin kurang dari nol.",
        "Tulis angka sebenarnya (0 atau lebih). Untuk penurunan, tulis angka sebelum dan "
        "sesudahnya, bukan selisihnya.",
        "Impact row {row} ('{value}'): '{field}: {number}' is negative, but a count or a "
        "score cannot be below zero.",
        "Write the real number (0 or more). For a decrease, write the numbers before and "
        "after, not the difference.",
    ),
    "INNOVATION_IMPACT_OVER_100": Wording(
        "error",
        "Baris dampak ke-{row} ('{value}'): '{field}: {number}' lebih dari 100 persen.",
        "Periksa angkanya: persentase paling besar 100. Bila yang dimaksud jumlah, ganti "
        "satuannya (misalnya 'unit: murid').",
        "Impact row {row} ('{value}'): '{field}: {number}' is more than 100 per cent.",
        "Check the number: a percentage is at most 100. If it is a count, change the unit "
        "(for example 'unit: pupils').",
    ),
    "INNOVATION_IMPACT_OVER_POPULATION": Wording(
        "error",
        "Baris dampak ke-{row} ('{value}'): '{field}: {number}' lebih besar daripada "
        "jumlah seluruhnya ('population: {population}').",
        "Periksa kedua angka itu: yang dihitung tidak mungkin lebih banyak daripada "
        "jumlah seluruhnya (misalnya jumlah murid sekolah).",
        "Impact row {row} ('{value}'): '{field}: {number}' is more than the whole "
        "('population: {population}').",
        "Check both numbers: what is counted cannot exceed the whole it is counted in "
        "(for example the school's pupils).",
    ),
    "INNOVATION_AWARD_INVALID": Wording(
        "warning",
        "Penghargaan ke-{row} diabaikan: perlu 'competition', 'level', 'year' dan 'result'.",
        "Contoh: {{competition: KIPP, level: provinsi, year: 2024, result: Top 10}}",
        "Award {row} is ignored: it needs 'competition', 'level', 'year' and 'result'.",
        "For example: {{competition: KIPP, level: province, year: 2024, result: Top 10}}",
    ),
    "INNOVATION_PARENT_UNKNOWN": Wording(
        "warning",
        "Inovasi asal '{value}' (derived_from) tidak ditemukan, masih bermasalah, atau sama "
        "dengan inovasi ini.",
        "Tulis nama folder inovasi asalnya di content/inovasi/ (perbaiki dulu masalahnya bila "
        "ada), atau hapus baris derived_from.",
        "The parent innovation '{value}' (derived_from) is not found, has problems of its own, "
        "or is this innovation itself.",
        "Write the folder name of the innovation it grew from in content/inovasi/ (fix its "
        "problems first, if any), or remove the derived_from line.",
    ),
    "INNOVATION_NOT_FOUND": Wording(
        "error",
        "Inovasi '{value}' tidak ditemukan atau bermasalah.",
        "Periksa nama folder di content/inovasi/ dan jalankan 'etalase check'.",
        "Innovation '{value}' is not found or has problems.",
        "Check the folder name in content/inovasi/ and run 'etalase check'.",
    ),
    # --- an innovation's life: years, decree, budget, replications (#31.3) ----------
    "INNOVATION_LIFE_INVALID": Wording(
        "warning",
        "Baris 'life' ke-{row} diabaikan: perlu 'year' (tahun) dan 'status' ({allowed}).",
        "Contoh: {{year: 2023, status: berjalan, note: Masuk program kerja sekolah}}",
        "Row {row} of 'life' is ignored: it needs 'year' and 'status' ({allowed}).",
        "For example: {{year: 2023, status: berjalan, note: Part of the school's work plan}}",
    ),
    "INNOVATION_LIFE_REPEATED": Wording(
        "warning",
        "Tahun {year} ditulis lebih dari sekali di 'life'; hanya baris pertama yang dipakai.",
        "Tulis satu baris untuk setiap tahun.",
        "The year {year} is written more than once in 'life'; only the first row is used.",
        "Write one row for each year.",
    ),
    "INNOVATION_LIFE_CONFLICT": Wording(
        "warning",
        "Menurut 'life', pada {year} inovasi ini '{status}', tetapi 'running' berisi {running}.",
        "Samakan keduanya: 'running: true' bila tahun terakhir 'berjalan', 'running: false' "
        "bila 'jeda' atau 'berhenti'.",
        "According to 'life' the innovation was '{status}' in {year}, but 'running' is {running}.",
        "Make them agree: 'running: true' when the last year is 'berjalan', 'running: false' "
        "when it is 'jeda' or 'berhenti'.",
    ),
    "INNOVATION_SK_INVALID": Wording(
        "warning",
        "Isian 'sk' diabaikan: perlu 'number' (nomor SK), 'date' (tanggal YYYY-MM-DD) dan "
        "'by' (yang menetapkan).",
        "Contoh: sk: {{number: 421/123/2023, date: 2023-01-16, by: Kepala SDN 2 Sambongrejo}}",
        "'sk' is ignored: it needs 'number' (the decree's number), 'date' (YYYY-MM-DD) and "
        "'by' (who issued it).",
        "For example: sk: {{number: 421/123/2023, date: 2023-01-16, by: Head of SDN 2}}",
    ),
    "INNOVATION_BUDGET_UNKNOWN": Wording(
        "warning",
        "Sumber anggaran '{value}' tidak dikenal dan diabaikan.",
        "Pilih salah satu: {allowed}.",
        "The budget source '{value}' is unknown and ignored.",
        "Choose one of: {allowed}.",
    ),
    "INNOVATION_REPLICATION_INVALID": Wording(
        "warning",
        "Replikasi ke-{row} diabaikan: tulis 'school' (NPSN atau nama folder sekolah di "
        "kabupaten ini), atau 'name' dan 'place' untuk sekolah di luar kabupaten; 'year' "
        "berupa tahun.",
        "Contoh: {{school: smpn-4-randublatung, year: 2024}} atau {{name: SD Negeri 1 Sulang, "
        "place: Kabupaten Rembang, year: 2025}}",
        "Replication {row} is ignored: write 'school' (the NPSN or folder name of a school in "
        "this regency), or 'name' and 'place' for a school outside it; 'year' is a year.",
        "For example: {{school: smpn-4-randublatung, year: 2024}} or {{name: SD Negeri 1 "
        "Sulang, place: Kabupaten Rembang, year: 2025}}",
    ),
    # --- the competition video (export innovation --video, #30.7) ---------------------
    "INNOVATION_VIDEO_NO_EVIDENCE": Wording(
        "error",
        "Inovasi '{value}' belum punya video bukti yang terbit, jadi video lomba tidak bisa "
        "dibuat.",
        "Tulis entri yang sudah terbit di 'evidence:' (SEKOLAH/ENTRI), atau minta kurator "
        "menerbitkannya: etalase publish SEKOLAH/ENTRI",
        "Innovation '{value}' has no published evidence clip, so no competition video can be made.",
        "List published entries under 'evidence:' (SCHOOL/ENTRY), or ask the curator to "
        "publish them: etalase publish SCHOOL/ENTRY",
    ),
    # --- curation (publish, reject, feature) ---------------------------------------
    "FRONTMATTER_UNEDITABLE": Wording(
        "error",
        "Isian {field} tidak bisa diubah otomatis dengan aman ({reason}); berkas tidak diubah.",
        "Ubah isian {field} langsung di berkas itu dengan editor teks.",
        "The field(s) {field} cannot be changed automatically and safely ({reason}); the file "
        "was left as it was.",
        "Change {field} in that file with a text editor.",
    ),
    "ENTRY_NOT_FOUND": Wording(
        "error",
        "Entri '{value}' tidak ditemukan.",
        "Tulis entri sebagai SEKOLAH/ENTRI, contoh: sdn-4-jiken/jumat-bersih. Daftar entri "
        "yang menunggu: etalase review",
        "Entry '{value}' not found.",
        "Name the entry as SCHOOL/ENTRY, for example: sdn-4-jiken/jumat-bersih. Entries "
        "waiting: etalase review",
    ),
    "REJECT_REASON_MISSING": Wording(
        "error",
        "Alasan penolakan belum ditulis.",
        'Tulis alasan yang bisa dipahami sekolah: --reason "Durasi terlalu panjang ..."',
        "The reason for the rejection is missing.",
        'Write a reason the school can understand: --reason "The clip is too long ..."',
    ),
    "ENTRY_CHANGED": Wording(
        "error",
        "Entri ini sudah diubah sejak halamannya Anda buka (oleh kurator lain atau di luar "
        "meja), jadi keputusan Anda tidak dijalankan.",
        "Lihat keadaannya sekarang di halaman ini, lalu putuskan lagi bila masih perlu.",
        "This entry was changed after you opened its page (by another curator or outside "
        "the desk), so your decision was not carried out.",
        "See its state now on this page, then decide again if it is still needed.",
    ),
    "ENTRY_HAS_ERRORS": Wording(
        "error",
        "Entri masih bermasalah, jadi belum bisa diterbitkan.",
        "Perbaiki masalah di atas (atau tolak entri dengan alasannya), lalu terbitkan lagi.",
        "The entry still has problems, so it cannot be published.",
        "Fix the problems above (or reject the entry with a reason), then publish again.",
    ),
    # --- the school roster (content/sekolah.csv, etalase roster import) ------------
    "ROSTER_UNREADABLE": Wording(
        "error",
        "Daftar sekolah tidak bisa dibaca ({reason}).",
        "Pastikan berkasnya ada dan boleh dibaca, lalu jalankan lagi.",
        "The school roster cannot be read ({reason}).",
        "Make sure the file exists and is readable, then run again.",
    ),
    "ROSTER_EMPTY": Wording(
        "error",
        "Berkas daftar sekolah kosong.",
        "Ekspor ulang data sekolah dari Dapodik sebagai .xlsx atau .csv.",
        "The school roster file is empty.",
        "Export the school data from Dapodik again as .xlsx or .csv.",
    ),
    "ROSTER_TOO_LARGE": Wording(
        "error",
        "Berkas daftar sekolah terlalu besar ({size_mb} MB; maksimal {max_mb} MB).",
        "Ekspor hanya kolom yang diperlukan (NPSN, nama, bentuk pendidikan, status, "
        "kecamatan, desa, alamat).",
        "The school roster file is too large ({size_mb} MB; at most {max_mb} MB).",
        "Export only the columns needed (NPSN, name, level, status, district, village, address).",
    ),
    "ROSTER_TOO_LARGE_ROWS": Wording(
        "error",
        "Berkas daftar sekolah berisi lebih dari {max_rows} baris.",
        "Ekspor hanya sekolah kabupaten ini.",
        "The school roster file holds more than {max_rows} rows.",
        "Export only this regency's schools.",
    ),
    "ROSTER_OLD_EXCEL": Wording(
        "error",
        "Berkas ini format Excel lama (.xls), yang tidak bisa dibaca.",
        "Buka di Excel lalu Simpan Sebagai 'Buku Kerja Excel (.xlsx)' atau 'CSV', dan impor "
        "berkas itu.",
        "This file is in the old Excel format (.xls), which cannot be read.",
        "Open it in Excel, Save As 'Excel Workbook (.xlsx)' or 'CSV', and import that file.",
    ),
    "ROSTER_NOT_SPREADSHEET": Wording(
        "error",
        "Berkas ini bukan lembar kerja (bukan .xlsx dan bukan teks CSV).",
        "Ekspor data sekolah dari Dapodik sebagai .xlsx atau .csv, lalu impor berkas itu.",
        "This file is not a spreadsheet (neither .xlsx nor CSV text).",
        "Export the school data from Dapodik as .xlsx or .csv and import that file.",
    ),
    "ROSTER_NOT_SPREADSHEET_XLSX": Wording(
        "error",
        "Berkas ini berupa arsip zip tetapi bukan buku kerja .xlsx yang bisa dibaca ({reason}).",
        "Buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx atau .csv.",
        "This file is a zip archive but not a readable .xlsx workbook ({reason}).",
        "Open it in Excel or LibreOffice and save it again as .xlsx or .csv.",
    ),
    "ROSTER_ZIP_REFUSED": Wording(
        "error",
        "Buku kerja ini tidak dibuka karena isinya tidak wajar: {reason}.",
        "Simpan ulang data sekolah sebagai .csv dari Excel atau LibreOffice, lalu impor "
        "berkas itu.",
        "This workbook is not opened because its content is abnormal: {reason}.",
        "Save the school data again as .csv from Excel or LibreOffice and import that file.",
    ),
    "ROSTER_NO_HEADER": Wording(
        "error",
        "Baris judul kolom dengan 'NPSN' dan 'Nama Sekolah' tidak ditemukan (kolom yang "
        "terbaca: {columns}).",
        "Pastikan ada baris judul kolom, minimal NPSN dan Nama Sekolah (atau Nama Satuan "
        "Pendidikan), di 30 baris pertama.",
        "No header row with 'NPSN' and 'Nama Sekolah' was found (columns read: {columns}).",
        "Make sure there is a header row, with at least NPSN and Nama Sekolah (or Nama "
        "Satuan Pendidikan), within the first 30 rows.",
    ),
    "ROSTER_NPSN_INVALID": Wording(
        "error",
        "Baris {row}: NPSN '{value}' tidak bisa dipakai (harus 8 angka).",
        "Perbaiki NPSN di baris itu. Bila kolom NPSN di Excel berformat angka (muncul "
        "seperti 2,03E+07), ubah formatnya menjadi Teks lalu ekspor ulang.",
        "Row {row}: NPSN '{value}' cannot be used (it must be 8 digits).",
        "Fix the NPSN on that row. If Excel formats the NPSN column as a number (shown like "
        "2.03E+07), format it as Text and export again.",
    ),
    "ROSTER_NAME_MISSING": Wording(
        "error",
        "Baris {row}: sekolah dengan NPSN {npsn} tidak punya nama.",
        "Isi nama sekolah di baris itu.",
        "Row {row}: the school with NPSN {npsn} has no name.",
        "Fill in the school's name on that row.",
    ),
    "ROSTER_TEXT_TOO_LONG": Wording(
        "error",
        "Baris {row}: isian '{field}' terlalu panjang (maksimal {limit} huruf).",
        "Persingkat isian itu.",
        "Row {row}: the field '{field}' is too long (at most {limit} characters).",
        "Shorten that field.",
    ),
    "ROSTER_LEVEL_UNKNOWN": Wording(
        "error",
        "Baris {row}: jenjang '{value}' tidak dikenal.",
        "Pakai salah satu: {allowed} (atau tambahkan jenjang itu ke 'levels' di mkdocs.yml).",
        "Row {row}: unknown school level '{value}'.",
        "Use one of: {allowed} (or add that level to 'levels' in mkdocs.yml).",
    ),
    "ROSTER_DISTRICT_UNKNOWN": Wording(
        "error",
        "Baris {row}: kecamatan '{value}' tidak ada dalam daftar kecamatan.",
        "Tulis salah satu: {allowed}.",
        "Row {row}: district (kecamatan) '{value}' is not in the list.",
        "Write one of: {allowed}.",
    ),
    "ROSTER_NPSN_DUPLICATE": Wording(
        "error",
        "Baris {row}: NPSN {value} sudah ada di baris {first}; baris ini dilewati.",
        "Setiap sekolah muncul sekali. Hapus baris yang dobel, atau perbaiki NPSN-nya.",
        "Row {row}: NPSN {value} is already on row {first}; this row is skipped.",
        "Each school appears once. Remove the repeated row, or fix its NPSN.",
    ),
    # --- shared-folder drop (etalase ingest) ---------------------------------------
    "DROP_FOLDER_NO_NPSN": Wording(
        "error",
        "Nama folder '{value}' tidak diawali NPSN sekolah (8 angka).",
        "Ganti nama folder menjadi '<NPSN> <nama sekolah>', contoh: '20312345 SD Negeri 1 Blora'.",
        "The folder name '{value}' does not start with the school's NPSN (8 digits).",
        "Rename the folder to '<NPSN> <school name>', for example: '20312345 SD Negeri 1 Blora'.",
    ),
    "DROP_NPSN_UNKNOWN": Wording(
        "error",
        "NPSN {value} belum terdaftar di Etalase, jadi kiriman di folder ini belum diproses.",
        "Periksa NPSN pada nama folder. Bila sudah benar, minta kurator Dinas membuat profil "
        "sekolah Anda; kiriman akan diproses otomatis setelahnya.",
        "NPSN {value} is not registered in Etalase, so submissions in this folder were not "
        "processed.",
        "Check the NPSN in the folder name. If it is right, ask the office's curator to add your "
        "school's profile; the submissions are then processed automatically.",
    ),
    "DROP_NPSN_NOT_ON_ROSTER": Wording(
        "error",
        "NPSN {value} tidak ada di daftar sekolah Dinas, jadi kiriman di folder ini belum "
        "diproses.",
        "Periksa NPSN pada nama folder. Yang paling mirip di daftar: {closest}. Bila NPSN "
        "sudah benar, hubungi kurator Dinas.",
        "NPSN {value} is not on the office's school roster, so submissions in this folder "
        "were not processed.",
        "Check the NPSN in the folder name. Closest on the roster: {closest}. If the NPSN is "
        "right, contact the office's curator.",
    ),
    "DROP_SCHOOL_INVALID": Wording(
        "error",
        "Profil sekolah dengan NPSN {value} sedang bermasalah di Etalase, jadi kiriman belum "
        "diproses.",
        "Kurator Dinas perlu memperbaiki {school_file}; kiriman diproses otomatis setelahnya.",
        "The profile of the school with NPSN {value} has problems, so submissions were not "
        "processed.",
        "The office's curator needs to fix {school_file}; submissions are processed after that.",
    ),
    "DROP_LOOSE_FILE": Wording(
        "warning",
        "Berkas '{name}' ada langsung di folder sekolah, bukan di dalam folder kiriman.",
        "Buat satu folder untuk setiap kiriman (contoh: 'Robot Pemilah Sampah'), lalu salin "
        "video dan berkas penjelasannya ke sana.",
        "The file '{name}' is directly in the school folder, not inside a submission folder.",
        "Make one folder per submission (for example 'Robot Pemilah Sampah') and copy the "
        "video and its explanation into it.",
    ),
    "DROP_NO_VIDEO": Wording(
        "error",
        "Folder kiriman belum berisi berkas video.",
        "Unggah satu berkas video (sebaiknya MP4) ke folder kiriman ini.",
        "The submission folder holds no video file.",
        "Upload one video file (preferably MP4) into this submission folder.",
    ),
    "DROP_NO_TEXT": Wording(
        "error",
        "Folder kiriman belum berisi berkas penjelasan.",
        "Tambahkan satu berkas .docx, .txt atau .md: baris pertama judul, di bawahnya "
        "penjelasan singkat dan baris 'Izin: ya'.",
        "The submission folder holds no explanation file.",
        "Add one .docx, .txt or .md file: the title on the first line, the short explanation "
        "and an 'Izin: ya' line below it.",
    ),
    "DROP_MANY_VIDEOS": Wording(
        "error",
        "Folder kiriman berisi lebih dari satu video ({names}).",
        "Satu folder kiriman untuk satu video. Pindahkan video lain ke folder kiriman sendiri.",
        "The submission folder holds more than one video ({names}).",
        "One submission folder per video. Move the other videos into folders of their own.",
    ),
    "DROP_MANY_TEXTS": Wording(
        "error",
        "Folder kiriman berisi lebih dari satu berkas penjelasan ({names}).",
        "Sisakan satu berkas penjelasan saja di folder ini.",
        "The submission folder holds more than one explanation file ({names}).",
        "Keep just one explanation file in this folder.",
    ),
    "DROP_ALREADY_PUBLISHED": Wording(
        "warning",
        "Isi kiriman ini (penjelasan atau video) diubah, tetapi entrinya ({entry}) sudah "
        "tayang; perubahan tidak diambil otomatis.",
        "Minta kurator Dinas mengubah entri {entry}, atau buat folder kiriman baru bila ini "
        "kiriman lain.",
        "This submission (its explanation or video) changed, but its entry ({entry}) is "
        "already published; the change is not taken automatically.",
        "Ask the office's curator to change the entry {entry}, or make a new submission folder "
        "if this is a different submission.",
    ),
    "DROP_SAME_AS_FOLDER": Wording(
        "error",
        "Kiriman ini sama persis (video dan penjelasannya) dengan kiriman di folder '{other}', "
        "yang sudah diterima; tidak disimpan dua kali.",
        "Hapus folder salinan ini. Bila ini kiriman lain, ganti video atau penjelasannya.",
        "This submission is identical (video and explanation) to the one in the folder "
        "'{other}', which was already accepted; it is not stored twice.",
        "Delete this copied folder. If it is a different submission, change its video or "
        "explanation.",
    ),
    "DROP_TEXT_FORMAT": Wording(
        "error",
        "Berkas penjelasan '{name}' berformat {suffix}, yang tidak bisa dibaca Etalase.",
        "Buka berkasnya lalu simpan sebagai dokumen Word .docx (Simpan Sebagai > Dokumen "
        "Word), atau tulis penjelasannya di berkas .txt, lalu unggah ulang di folder ini.",
        "The explanation file '{name}' is a {suffix} file, which Etalase cannot read.",
        "Open it and save it as a Word .docx document (Save As > Word Document), or write "
        "the explanation in a .txt file, then upload it again into this folder.",
    ),
    "DROP_DOCX_PICTURES": Wording(
        "warning",
        "Dokumen Word ini berisi {n} gambar, bagan atau kotak teks; isinya tidak ikut ke "
        "Etalase. Yang diambil hanya teks biasa dan tabelnya.",
        "Tulis hal penting dari gambar atau kotak teks itu sebagai teks biasa di dokumen ini. "
        "Foto kegiatan tidak perlu dimasukkan ke Word: videonya yang tayang. Bila fotonya "
        "tetap ingin dimuat, kirim fotonya ke kurator Dinas sebagai berkas JPG atau PNG.",
        "This Word document holds {n} pictures, charts or text boxes; they do not reach "
        "Etalase. Only its plain text and tables are taken.",
        "Write what matters in those pictures or text boxes as plain text in the document. "
        "Activity photos need not be in the Word file: the video is what is shown. To have a "
        "photo shown anyway, send it to the office's curator as a JPG or PNG file.",
    ),
    "DROP_NESTED_FOLDER": Wording(
        "warning",
        "Folder '{name}' ada di dalam folder kiriman; isinya tidak diperiksa.",
        "Satu kiriman satu folder, di folder sekolah atau di satu folder kelompok di "
        "dalamnya. Pindahkan isi '{name}' ke folder kiriman ini atau ke folder kiriman sendiri.",
        "The folder '{name}' is inside the submission folder; its files are not looked at.",
        "One submission, one folder, in the school folder or in one grouping folder inside "
        "it. Move the files of '{name}' into this submission folder or into a submission "
        "folder of their own.",
    ),
    "DROP_TOO_DEEP": Wording(
        "error",
        "Folder '{name}' terlalu dalam: isinya hanya folder lagi, jadi tidak diperiksa.",
        "Folder kiriman (satu video dan satu berkas penjelasan) boleh langsung di folder "
        "sekolah atau di satu folder kelompok (contoh: 'Kegiatan 2025/Lomba'), tidak lebih "
        "dalam. Pindahkan folder kirimannya naik satu tingkat.",
        "The folder '{name}' is too deep: it holds only folders again, so it is not looked at.",
        "A submission folder (one video and one explanation file) goes directly in the school "
        "folder or in one grouping folder (for example 'Kegiatan 2025/Lomba'), no deeper. "
        "Move its submission folders up one level.",
    ),
    "DROP_FOLDER_UNREADABLE": Wording(
        "error",
        "Folder '{name}' tidak bisa dibuka, jadi isinya tidak diperiksa.",
        "Periksa izin berbagi folder itu (Etalase harus boleh membacanya), atau salin isinya "
        "ke folder baru.",
        "The folder '{name}' cannot be opened, so its files are not looked at.",
        "Check the folder's sharing permissions (Etalase must be allowed to read it), or copy "
        "its files into a new folder.",
    ),
    "DROP_LINK_SKIPPED": Wording(
        "warning",
        "'{name}' adalah pintasan (tautan simbolik), bukan berkas; tidak diikuti.",
        "Salin berkas aslinya ke folder ini, bukan pintasannya.",
        "'{name}' is a shortcut (symbolic link), not a file; it is not followed.",
        "Copy the real file into this folder, not a shortcut to it.",
    ),
    "DROP_TEXT_UNREADABLE": Wording(
        "error",
        "Berkas penjelasan tidak bisa dibaca ({reason}).",
        "Simpan ulang dari Word sebagai .docx, atau sebagai teks biasa (.txt), lalu unggah ulang.",
        "The explanation file cannot be read ({reason}).",
        "Save it again from Word as .docx, or as plain text (.txt), and upload it again.",
    ),
    "DROP_TITLE_MISSING": Wording(
        "error",
        "Berkas penjelasan kosong: judul di baris pertama belum ada.",
        "Tulis judul di baris pertama, lalu penjelasan singkat di bawahnya.",
        "The explanation file is empty: there is no title on the first line.",
        "Write the title on the first line and the short explanation below it.",
    ),
    "DROP_BODY_EMPTY": Wording(
        "warning",
        "Penjelasan singkat di bawah judul masih kosong.",
        "Tulis 2-4 paragraf di bawah judul: apa kegiatannya, siapa yang terlibat, dan apa "
        "yang dipelajari.",
        "The short explanation below the title is empty.",
        "Write 2-4 paragraphs below the title: what happened, who took part, what was learned.",
    ),
    "DROP_CONSENT_MISSING": Wording(
        "error",
        "Berkas penjelasan belum menyatakan izin orang tua/wali untuk menayangkan siswa.",
        "Setelah orang tua/wali siswa yang tampil setuju, tambahkan baris 'Izin: ya' di berkas "
        "penjelasan, lalu unggah ulang.",
        "The explanation does not state that guardians agreed to publish the pupils shown.",
        "Once the guardians of the pupils shown agree, add a line 'Izin: ya' to the "
        "explanation and upload it again.",
    ),
    "DROP_DATE_INVALID": Wording(
        "error",
        "Tanggal '{value}' tidak dikenali.",
        "Tulis baris 'Tanggal: 2026-08-14' atau 'Tanggal: 14 Agustus 2026'.",
        "The date '{value}' is not understood.",
        "Write a line 'Tanggal: 2026-08-14' or 'Tanggal: 14 Agustus 2026'.",
    ),
    "DROP_CATEGORY_UNKNOWN": Wording(
        "error",
        "Kategori '{value}' tidak dikenal.",
        "Tulis baris 'Kategori: ...' dengan salah satu: {allowed}.",
        "Unknown category '{value}'.",
        "Write a line 'Kategori: ...' with one of: {allowed}.",
    ),
    "DROP_TAG_INVALID": Wording(
        "warning",
        "Tag '{value}' diabaikan: tag berupa kata singkat (maksimal {limit} karakter).",
        "Tulis baris 'Tag: robotik, daur ulang' (kata singkat dipisah koma).",
        "Tag '{value}' is ignored: tags are short words (at most {limit} characters).",
        "Write a line 'Tag: robotik, daur ulang' (short words separated by commas).",
    ),
    # --- media step (posters, renditions) -----------------------------------------
    "MEDIA_FAILED": Wording(
        "error",
        "Video '{value}' gagal diolah menjadi {expected} ({reason}).",
        "Simpan ulang video sebagai MP4 dari aplikasi kamera atau penyunting video lalu "
        "kirim ulang. Bila tetap gagal, laporkan ke pengelola situs.",
        "The video '{value}' could not be turned into the {expected_en} ({reason}).",
        "Save the video again as MP4 from the camera or editing app and send it again. "
        "If it still fails, tell the site maintainer.",
    ),
    "MEDIA_TIMEOUT": Wording(
        "error",
        "Pengolahan video '{value}' menjadi {expected} melebihi batas waktu {timeout} detik.",
        "Kemungkinan berkasnya rusak atau sangat besar. Simpan ulang sebagai MP4 "
        "(720p atau 1080p) lalu kirim ulang.",
        "Turning the video '{value}' into the {expected_en} took longer than {timeout} seconds.",
        "The file is probably damaged or very large. Save it again as MP4 (720p or "
        "1080p) and send it again.",
    ),
    # --- the reach totals file (etalase stats import, #31) ---------------------------
    "STATS_DAMAGED": Wording(
        "warning",
        "Berkas kunjungan tidak bisa dibaca ({reason}); situs dibangun tanpa angka kunjungan.",
        "Pulihkan berkasnya dari git (git checkout -- stats/kunjungan.json) atau selesaikan "
        "konflik gabungannya, lalu bangun lagi.",
        "The visits file cannot be read ({reason}); the site is built without visit figures.",
        "Restore the file from git (git checkout -- stats/kunjungan.json) or resolve its "
        "merge conflict, then build again.",
    ),
    # --- captions from schools and machine drafts (#30.1, #30.2) ---------------------
    "CAPTIONS_TOO_LARGE": Wording(
        "warning",
        "Berkas takarir '{value}' terlalu besar (lebih dari {max_kb} KB), jadi tidak dipakai.",
        "Takarir video satu menit hanya beberapa KB. Ekspor ulang takarirnya sebagai .srt "
        "dari aplikasi penyunting video.",
        "The captions file '{value}' is too large (over {max_kb} KB), so it is not used.",
        "Captions of a one-minute clip are a few KB. Export the captions again as .srt "
        "from the video editing app.",
    ),
    "CAPTIONS_BINARY": Wording(
        "warning",
        "Berkas takarir '{value}' bukan teks (mungkin berkas lain yang diganti namanya), "
        "jadi tidak dipakai.",
        "Ekspor takarir sebagai .srt atau .vtt dari aplikasi penyunting video; jangan hanya "
        "mengganti nama berkas lain.",
        "The captions file '{value}' is not text (perhaps another file renamed), so it is "
        "not used.",
        "Export the captions as .srt or .vtt from the video editing app; do not just rename "
        "another file.",
    ),
    "CAPTIONS_EMPTY": Wording(
        "warning",
        "Berkas takarir '{value}' tidak berisi satu pun teks berwaktu yang bisa dipakai.",
        "Setiap teks perlu baris waktu seperti '00:00:01,000 --> 00:00:03,500'. Ekspor ulang "
        "sebagai .srt.",
        "The captions file '{value}' has no timed text that can be used.",
        "Each caption needs a timing line such as '00:00:01,000 --> 00:00:03,500'. Export "
        "it again as .srt.",
    ),
    "CAPTIONS_TIME_INVALID": Wording(
        "warning",
        "Baris waktu takarir tidak terbaca atau negatif (baris {line}; {count} teks), "
        "jadi teks itu dilewati.",
        "Tulis waktunya seperti '00:00:01,000 --> 00:00:03,500'.",
        "A caption timing cannot be read or is negative (line {line}; {count} captions), "
        "so that caption is skipped.",
        "Write the timing as '00:00:01,000 --> 00:00:03,500'.",
    ),
    "CAPTIONS_TIME_ORDER": Wording(
        "warning",
        "Teks takarir berakhir sebelum dimulai (baris {line}; {count} teks), jadi dilewati.",
        "Periksa waktu akhirnya: harus sesudah waktu mulai.",
        "A caption ends before it starts (line {line}; {count} captions), so it is skipped.",
        "Check its end time: it must come after the start time.",
    ),
    "CAPTIONS_OVERLAP": Wording(
        "warning",
        "Teks takarir tumpang tindih dengan teks sebelumnya (baris {line}; {count} teks).",
        "Mulai setiap teks sesudah teks sebelumnya selesai, supaya tidak tampil bertumpuk.",
        "A caption overlaps the one before it (line {line}; {count} captions).",
        "Start each caption after the previous one ends, so they are not shown stacked.",
    ),
    "CAPTIONS_PAST_END": Wording(
        "warning",
        "Teks takarir berjalan melewati akhir video (baris {line}; {count} teks).",
        "Periksa apakah takarirnya milik video ini; teks sesudah akhir video dibuang.",
        "A caption runs past the end of the clip (line {line}; {count} captions).",
        "Check that the captions belong to this clip; text after its end is dropped.",
    ),
    "CAPTIONS_LINE_LONG": Wording(
        "warning",
        "Teks takarir terlalu panjang untuk dibaca di ponsel (baris {line}; {count} teks; "
        "paling banyak {max_lines} baris dan {max_chars} huruf per baris).",
        "Bagi teks panjang menjadi beberapa teks yang lebih pendek.",
        "A caption is too long to read on a phone (line {line}; {count} captions; at most "
        "{max_lines} lines of {max_chars} characters).",
        "Split long captions into several shorter ones.",
    ),
    "CAPTIONS_MARKUP": Wording(
        "warning",
        "Takarir berisi format atau kode (misalnya <b>, <font> atau {{\\an8}}) yang dibuang; "
        "hanya teks biasa yang dipakai (baris {line}; {count} teks).",
        "Tidak perlu diubah bila teksnya sudah benar; ekspor takarir tanpa gaya bila bisa.",
        "The captions hold formatting or code (such as <b>, <font> or {{\\an8}}), which is "
        "removed; only plain text is used (line {line}; {count} captions).",
        "Nothing to do if the text is right; export captions without styles if you can.",
    ),
    "CAPTIONS_SCRIPT": Wording(
        "warning",
        "Takarir berisi skrip (<script>) yang dibuang dan tidak pernah tampil "
        "(baris {line}; {count} teks).",
        "Hapus skrip itu dari berkas takarir; takarir hanya boleh berisi teks.",
        "The captions hold a script (<script>), which is removed and never shown "
        "(line {line}; {count} captions).",
        "Remove the script from the captions file; captions may only hold text.",
    ),
    "CAPTIONS_LANGUAGE_INVALID": Wording(
        "warning",
        "Kode bahasa '{value}' tidak dikenal, jadi takarir '{file}' tidak dipakai.",
        "Pakai kode bahasa dua atau tiga huruf kecil, misalnya id (Indonesia), jv (Jawa) "
        "atau su (Sunda): captions: {{id: teks.srt}}.",
        "The language code '{value}' is not known, so the captions '{file}' are not used.",
        "Use a two- or three-letter lowercase language code, such as id (Indonesian), jv "
        "(Javanese) or su (Sundanese): captions: {{id: teks.srt}}.",
    ),
    "CAPTIONS_KIND": Wording(
        "warning",
        "Berkas takarir '{value}' bukan .srt atau .vtt, jadi tidak dipakai.",
        "Ekspor takarir sebagai .srt (SubRip) atau .vtt (WebVTT).",
        "The captions file '{value}' is not .srt or .vtt, so it is not used.",
        "Export the captions as .srt (SubRip) or .vtt (WebVTT).",
    ),
    # --- captions: two files in one language (#30, captions2) --------------------------
    "CAPTIONS_DUPLICATE": Wording(
        "warning",
        "Ada dua berkas takarir berbahasa '{language}' untuk video ini: '{value}' dan "
        "'{used}'. Yang dipakai '{used}'; '{value}' tidak tayang.",
        "Hapus atau ganti nama salah satunya supaya jelas takarir mana yang tayang. Takarir "
        "yang sudah diperiksa di meja kurator (NOTE diperiksa oleh ...) selalu didahulukan.",
        "There are two captions files in language '{language}' for this clip: '{value}' "
        "and '{used}'. '{used}' is used; '{value}' is not shown.",
        "Delete or rename one of them so it is clear which captions are shown. Captions "
        "checked in the curator's desk (NOTE diperiksa oleh ...) always come first.",
    ),
    "LANGUAGE_INVALID": Wording(
        "error",
        "Isian language '{value}' bukan kode bahasa.",
        "Tulis kode bahasa video dua atau tiga huruf kecil, misalnya language: id "
        "(Indonesia), jv (Jawa) atau su (Sunda).",
        "The field language '{value}' is not a language code.",
        "Write the clip's language as a two- or three-letter lowercase code, such as "
        "language: id (Indonesian), jv (Javanese) or su (Sundanese).",
    ),
    # --- #28.10 (desk helper): the same clip twice, a curator's edits kept ------------
    "ENTRY_SAME_CLIP": Wording(
        "warning",
        "Videonya sama persis dengan video entri {others}: mungkin kiriman yang sama terkirim "
        "dua kali.",
        "Tonton keduanya sebelum menerbitkan; tolak salah satunya bila kirimannya sama.",
        "Its video is identical to the video of {others}: the same submission may have been "
        "sent twice.",
        "Watch both before publishing; reject one of them if they are the same submission.",
    ),
    "DROP_CURATOR_KEPT": Wording(
        "warning",
        "Penjelasan baru Anda sudah dipakai, tetapi {fields} entri ini sudah diubah kurator "
        "Dinas, jadi tetap seperti ubahan kurator.",
        "Bila {fields} memang perlu diganti lagi, hubungi kurator Dinas.",
        "Your new explanation is in use, but the curator already changed this entry's "
        "{fields_en}, so those stay as the curator set them.",
        "If the {fields_en} must really change again, contact the office's curator.",
    ),
    "ENTRY_CURATOR_KEPT": Wording(
        "warning",
        "Sekolah mengirim ulang penjelasannya ({when}); teks barunya dipakai, tetapi {fields} "
        "yang diubah kurator dipertahankan. Sekolah sudah diberi tahu di laporannya.",
        "Baca teks barunya; bandingkan {fields} dengan kiriman sekolah bila perlu.",
        "The school sent its explanation again ({when}); the new text is in use, but the "
        "{fields_en} the curator changed were kept. The school was told in its report.",
        "Read the new text; compare the {fields_en} with the school's submission if needed.",
    ),
}


class ProblemJSON(TypedDict):
    """One problem in ``etalase check --format json``."""

    path: str
    severity: str
    code: str
    message: str
    fix: str


def _format(template: str, params: Mapping[str, object]) -> str:
    try:
        return template.format_map(dict(params))
    except (KeyError, IndexError, ValueError):
        return template


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file.

    Attributes:
        path: The file the problem is about, relative to the project when possible.
        code: A stable code from :data:`CATALOGUE`.
        params: Values for the message placeholders.
        severity: ``error`` keeps an entry off the site; ``warning`` does not.
    """

    path: str
    code: str
    params: tuple[tuple[str, str], ...] = ()
    severity: Severity = "error"

    def message(self, lang: Lang = "id") -> str:
        """The problem in the given language."""
        wording = CATALOGUE[self.code]
        text = (wording.message_id, wording.message_en)[LANGS.index(lang)]
        return _format(text, self._params(lang))

    def fix(self, lang: Lang = "id") -> str:
        """How to fix it, in the given language."""
        wording = CATALOGUE[self.code]
        text = (wording.fix_id, wording.fix_en)[LANGS.index(lang)]
        return _format(text, self._params(lang))

    def _params(self, lang: Lang) -> dict[str, str]:
        """The placeholders' values; in English, ``x_en`` stands for ``x`` where given."""
        params = dict(self.params)
        suffix = ("", "_en")[LANGS.index(lang)]
        if suffix:
            params.update({k[: -len(suffix)]: v for k, v in self.params if k.endswith(suffix)})
        return params

    def as_json(self, lang: Lang = "id") -> ProblemJSON:
        """The JSON shape used by ``etalase check --format json``."""
        return {
            "path": self.path,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "fix": self.fix(lang),
        }


def problem(code: str, path: str, **params: object) -> Problem:
    """Make a problem with the catalogue's severity for ``code``.

    ``expected_en`` defaults to ``expected`` so callers may pass one wording.
    """
    wording = CATALOGUE[code]
    if "expected" in params and "expected_en" not in params:
        params["expected_en"] = params["expected"]
    items = tuple(sorted((k, str(v)) for k, v in params.items()))
    return Problem(path=path, code=code, params=items, severity=wording.severity)
