"""Words the public site shows, in Indonesian (default) and English.

Material translates its own interface from ``theme.language``; these are the
words of the catalogue pages, chosen with the same setting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

SiteLang = Literal["id", "en"]

MONTHS: Mapping[SiteLang, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

TEXTS: Mapping[SiteLang, Mapping[str, str]] = {
    "id": {
        "home": "Beranda",
        "schools": "Sekolah",
        "districts": "Kecamatan",
        "levels": "Jenjang",
        "categories": "Kategori",
        "years": "Tahun",
        "tags": "Tag",
        "search": "Cari",
        "stats": "Statistik",
        "guide": "Panduan",
        "featured": "Pilihan",
        "latest": "Terbaru",
        "all_entries": "Semua video",
        "entries": "video",
        "n_entries": "{n} video",
        "n_schools": "{n} sekolah",
        "n_districts": "{n} kecamatan",
        "school": "Sekolah",
        "district": "Kecamatan",
        "level": "Jenjang",
        "category": "Kategori",
        "date": "Tanggal",
        "year": "Tahun",
        "duration": "Durasi",
        "address": "Alamat",
        "website": "Situs web",
        "npsn": "NPSN",
        "saver": "Hemat kuota",
        "saver_help": "Video berukuran kecil, cocok untuk sinyal lemah atau kuota terbatas.",
        "player_label": "Video: {title}",
        "captions": "Teks (Bahasa Indonesia)",
        # --- captions on the page (#30.4) ---
        "track_label": "{language} ({origin})",
        "origin_school": "sekolah",
        "origin_checked": "diperiksa",
        "origin_draft": "otomatis",
        "draft_unchecked": "Takarir otomatis – belum diperiksa",
        "lang_id": "Indonesia",
        "lang_jv": "Jawa",
        "lang_su": "Sunda",
        "lang_en": "Inggris",
        "lang_mad": "Madura",
        "lang_ban": "Bali",
        "transcript": "Transkrip",
        "transcript_help": "Pilih baris untuk memutar video dari saat itu.",
        "transcript_language": "Bahasa transkrip",
        "slower": "Putar 0,75×",
        "captioned": "Bertakarir",
        "captioned_facet": "Takarir",
        "no_video": "Video untuk entri ini belum selesai diproses.",
        "poster_alt": "Cuplikan video {title}",
        "logo_alt": "Logo {name}",
        "page_of": "Halaman {page} dari {pages}",
        "newer": "Lebih baru",
        "older": "Lebih lama",
        "pagination": "Halaman",
        "no_entries": "Belum ada video.",
        "school_entries": "Video dari sekolah ini",
        "schools_without": "Sekolah yang belum mengirim video",
        "districts_without": "Kecamatan yang belum punya sekolah terdaftar",
        "coverage": "Sekolah per kecamatan",
        "coverage_level": "Sekolah per jenjang",
        "contributing": "{c} dari {n} sekolah sudah mengirim",
        "taking_part": "{c} dari {n} sekolah di kabupaten ini sudah menampilkan video",
        "n_without": "{n} sekolah",
        "n_more": "… dan {n} sekolah lainnya.",
        "entries_per": "Video per {what}",
        "none": "Tidak ada.",
        "search_placeholder": "Cari video, sekolah, desa…",
        "search_label": "Cari di katalog",
        "search_none": "Tidak ada video yang cocok.",
        "search_found": "{n} video cocok.",
        "update_pack": "Paket pembaruan: hanya video yang terbit sejak {date}. Simpan "
        "bersama paket sebelumnya.",
        "search_noscript": "Pencarian memerlukan JavaScript. Jelajahi lewat Sekolah, "
        "Kecamatan, Jenjang atau Kategori.",
        "feed": "Umpan video terbaru",
        "preview_banner": "Pratinjau kurator: entri ini berstatus \u201c{status}\u201d dan "
        "tidak tampil di situs publik.",
        "preview_site": "Mode pratinjau: entri yang belum terbit ikut ditampilkan dengan tanda.",
        "draft_marker": "BELUM TERBIT",
        "draft_marker_help": "Halaman ini hanya ada di pratinjau, tidak ikut ke situs publik.",
        "status_draft": "draf",
        "status_review": "menunggu tinjauan",
        "status_rejected": "ditolak",
        "status_published": "terbit",
        "unpublished": "Belum terbit",
        "open_entry": "Tonton {title}",
        "watch": "Tonton",
        "share": "Bagikan",
        "innovations": "Inovasi",
        "innovation": "Inovasi",
        "n_innovations": "{n} inovasi",
        "office": "Dinas Pendidikan",
        "running": "Masih berjalan",
        "stopped": "Sudah berhenti",
        "stage": "Tahap",
        "stage_inisiatif": "Inisiatif",
        "stage_uji-coba": "Uji coba",
        "stage_penerapan": "Penerapan",
        "theme": "Tema",
        "started": "Mulai",
        "checked": "Terakhir dipastikan berjalan",
        "state": "Keadaan",
        "evidence": "Video bukti",
        "impact_numbers": "Dampak dalam angka",
        "before": "Sebelum",
        "after": "Sesudah",
        "up": "naik {percent}%",
        "down": "turun {percent}%",
        "same": "tetap",
        "awards": "Penghargaan",
        "award_level": "Tingkat",
        "derived_from": "Tumbuh dari",
        "replicated_by": "Ditiru oleh",
        "versions": "Versi dan turunan",
        "origins": "Asal dan replikasi",
        "evidence_for": "Video ini menjadi bukti inovasi",
        "school_innovations": "Inovasi sekolah ini",
        "innovations_per": "Inovasi per {what}",
        "innovations_state": "Inovasi masih berjalan dan sudah berhenti",
        "no_innovations": "Belum ada inovasi.",
        "kind_video": "video",
        "kind_innovation": "inovasi",
        "no_evidence": "Video bukti belum ada yang terbit.",
        "evidence_elsewhere": "{n} video bukti lain terbit sebelum paket ini: ada di edisi "
        "lengkap Etalase.",
        "entries_elsewhere": "{n} video sekolah ini terbit sebelum paket ini: ada di edisi "
        "lengkap Etalase.",
        # an innovation's life, decree, budget and replications (#31.3)
        "timeline": "Perjalanan inovasi",
        "life_berjalan": "Berjalan",
        "life_jeda": "Jeda",
        "life_berhenti": "Berhenti",
        "decree": "Surat keputusan (SK)",
        "decree_text": "Nomor {number}, {date}, oleh {by}",
        "budget": "Sumber anggaran",
        "outside_regency": "Luar kabupaten",
        "replication_by_district": "Replikasi per kecamatan",
        "replication_count": "Sekolah yang meniru",
        "not_found": "Halaman tidak ditemukan",
        "og_locale": "id_ID",
        "decimal_point": ",",
        # --- reach from the office's web-server logs, and contributions over time (#31) ---
        "reach_heading": "Kunjungan dan kontribusi dari waktu ke waktu",
        "reach_note": "Kunjungan dihitung dari log server kantor sendiri; bot dan pemeriksaan "
        "kantor tidak dihitung, alamat IP tidak disimpan.",
        "views_per_month": "Halaman dilihat per bulan",
        "views_per_month_desc": "Berapa kali halaman katalog dibuka pengunjung tiap bulan.",
        "plays_per_month": "Video diputar per bulan",
        "plays_per_month_desc": "Berapa kali video diputar tiap bulan (satu pengunjung, satu "
        "video, satu hari dihitung sekali).",
        "most_watched": "Video yang paling sering dilihat",
        "most_watched_desc": "Video dengan halaman yang paling sering dibuka, dari yang terbanyak.",
        "entries_per_month": "Video terbit per bulan",
        "entries_per_month_desc": "Berapa video terbit tiap bulan.",
        "schools_per_month": "Sekolah yang mengirim per bulan",
        "schools_per_month_desc": "Berapa sekolah yang videonya terbit tiap bulan.",
        "coverage_per_month": "Cakupan sekolah dari waktu ke waktu",
        "coverage_per_month_desc": "Persentase sekolah yang sudah punya video terbit, sampai "
        "akhir tiap bulan.",
        "month": "Bulan",
        "views": "Dilihat",
        "plays": "Diputar",
        "percent_schools": "Sekolah (%)",
        "chart_numbers": "Angka",
        "entry_by_school": "{title} ({school})",
        "reach_school": "Halaman sekolah ini dan videonya dilihat {views} kali; videonya "
        "diputar {plays} kali.",
        "reach_innovation": "Halaman inovasi ini dilihat {views} kali.",
        "not_found_help": "Alamat ini tidak ada atau sudah berubah. Cari videonya di katalog "
        "atau kembali ke beranda.",
    },
    "en": {
        "home": "Home",
        "schools": "Schools",
        "districts": "Districts",
        "levels": "Levels",
        "categories": "Categories",
        "years": "Years",
        "tags": "Tags",
        "search": "Search",
        "stats": "Statistics",
        "guide": "Guide",
        "featured": "Featured",
        "latest": "Latest",
        "all_entries": "All videos",
        "entries": "videos",
        "n_entries": "{n} videos",
        "n_schools": "{n} schools",
        "n_districts": "{n} districts",
        "school": "School",
        "district": "District",
        "level": "Level",
        "category": "Category",
        "date": "Date",
        "year": "Year",
        "duration": "Duration",
        "address": "Address",
        "website": "Website",
        "npsn": "NPSN",
        "saver": "Data saver",
        "saver_help": "A small video, for weak signal or limited data.",
        "player_label": "Video: {title}",
        "captions": "Captions (Indonesian)",
        # --- captions on the page (#30.4) ---
        "track_label": "{language} ({origin})",
        "origin_school": "school",
        "origin_checked": "checked",
        "origin_draft": "automatic",
        "draft_unchecked": "Automatic captions – not checked yet",
        "lang_id": "Indonesian",
        "lang_jv": "Javanese",
        "lang_su": "Sundanese",
        "lang_en": "English",
        "lang_mad": "Madurese",
        "lang_ban": "Balinese",
        "transcript": "Transcript",
        "transcript_help": "Choose a line to play the video from there.",
        "transcript_language": "Transcript language",
        "slower": "Play at 0.75×",
        "captioned": "Captioned",
        "captioned_facet": "Captions",
        "no_video": "The video of this entry has not been processed yet.",
        "poster_alt": "Still from the video {title}",
        "logo_alt": "Logo of {name}",
        "page_of": "Page {page} of {pages}",
        "newer": "Newer",
        "older": "Older",
        "pagination": "Pages",
        "no_entries": "No videos yet.",
        "school_entries": "Videos from this school",
        "schools_without": "Schools that have not sent a video yet",
        "districts_without": "Districts without a registered school",
        "coverage": "Schools per district",
        "coverage_level": "Schools per level",
        "contributing": "{c} of {n} schools have contributed",
        "taking_part": "{c} of the regency's {n} schools show videos",
        "n_without": "{n} schools",
        "n_more": "… and {n} more schools.",
        "entries_per": "Videos per {what}",
        "none": "None.",
        "search_placeholder": "Search videos, schools, villages…",
        "search_label": "Search the catalogue",
        "search_none": "No video matches.",
        "search_found": "{n} videos match.",
        "update_pack": "Update pack: only the videos published since {date}. Keep it "
        "with the earlier packs.",
        "search_noscript": "Search needs JavaScript. Browse by school, district, level or "
        "category instead.",
        "feed": "Feed of the latest videos",
        "preview_banner": "Curator preview: this entry is \u201c{status}\u201d and is not on "
        "the public site.",
        "preview_site": "Preview mode: unpublished entries are shown, marked as such.",
        "draft_marker": "NOT PUBLISHED",
        "draft_marker_help": "This page is only in the preview, not on the public site.",
        "status_draft": "draft",
        "status_review": "waiting for review",
        "status_rejected": "rejected",
        "status_published": "published",
        "unpublished": "Not published",
        "open_entry": "Watch {title}",
        "watch": "Watch",
        "share": "Share",
        "innovations": "Innovations",
        "innovation": "Innovation",
        "n_innovations": "{n} innovations",
        "office": "Education office",
        "running": "Still running",
        "stopped": "Stopped",
        "stage": "Stage",
        "stage_inisiatif": "Initiative",
        "stage_uji-coba": "Trial",
        "stage_penerapan": "In practice",
        "theme": "Theme",
        "started": "Started",
        "checked": "Last confirmed running",
        "state": "State",
        "evidence": "Evidence videos",
        "impact_numbers": "Impact in numbers",
        "before": "Before",
        "after": "After",
        "up": "up {percent}%",
        "down": "down {percent}%",
        "same": "unchanged",
        "awards": "Awards",
        "award_level": "Level",
        "derived_from": "Grew out of",
        "replicated_by": "Replicated by",
        "versions": "Versions",
        "origins": "Origins and replication",
        "evidence_for": "This video is evidence for the innovation",
        "school_innovations": "Innovations of this school",
        "innovations_per": "Innovations per {what}",
        "innovations_state": "Innovations running and stopped",
        "no_innovations": "No innovations yet.",
        "kind_video": "video",
        "kind_innovation": "innovation",
        "no_evidence": "No evidence video is published yet.",
        "evidence_elsewhere": "{n} more evidence videos were published before this pack: "
        "they are in the full edition of Etalase.",
        "entries_elsewhere": "{n} videos of this school were published before this pack: "
        "they are in the full edition of Etalase.",
        # an innovation's life, decree, budget and replications (#31.3)
        "timeline": "The innovation's years",
        "life_berjalan": "Running",
        "life_jeda": "Paused",
        "life_berhenti": "Stopped",
        "decree": "Decree (SK)",
        "decree_text": "Number {number}, {date}, by {by}",
        "budget": "Budget",
        "outside_regency": "Outside the regency",
        "replication_by_district": "Replications per district",
        "replication_count": "Schools that replicated it",
        "not_found": "Page not found",
        "og_locale": "en_US",
        "decimal_point": ".",
        # --- reach from the office's web-server logs, and contributions over time (#31) ---
        "reach_heading": "Visits and contributions over time",
        "reach_note": "Visits are counted from the office's own server logs; bots and the "
        "office's checks are left out, no IP address is kept.",
        "views_per_month": "Page views per month",
        "views_per_month_desc": "How often visitors opened the catalogue's pages each month.",
        "plays_per_month": "Clips played per month",
        "plays_per_month_desc": "How often clips were played each month (one visitor, one "
        "clip, one day counts once).",
        "most_watched": "Most viewed clips",
        "most_watched_desc": "The clips whose pages were opened most often, most first.",
        "entries_per_month": "Clips published per month",
        "entries_per_month_desc": "How many clips were published each month.",
        "schools_per_month": "Contributing schools per month",
        "schools_per_month_desc": "How many schools had a clip published each month.",
        "coverage_per_month": "School coverage over time",
        "coverage_per_month_desc": "The share of schools with a published clip, at the end of "
        "each month.",
        "month": "Month",
        "views": "Views",
        "plays": "Plays",
        "percent_schools": "Schools (%)",
        "chart_numbers": "Numbers",
        "entry_by_school": "{title} ({school})",
        "reach_school": "This school's page and clips were viewed {views} times; its clips "
        "were played {plays} times.",
        "reach_innovation": "This innovation's page was viewed {views} times.",
        "not_found_help": "This address does not exist or has changed. Search the catalogue "
        "or go back to the home page.",
    },
}


class Strings:
    """The site's words in one language, with date and duration formatting.

    Args:
        language: Material's ``theme.language``; anything starting with ``en``
            selects English, everything else Indonesian.
    """

    def __init__(self, language: str | None) -> None:
        self.lang: SiteLang = "en" if (language or "").lower().startswith("en") else "id"
        self._texts = TEXTS[self.lang]

    def __call__(self, key: str, **params: object) -> str:
        text = self._texts[key]
        return text.format(**params) if params else text

    def date(self, value: dt.date) -> str:
        """``14 Agustus 2026`` / ``14 August 2026``."""
        return f"{value.day} {MONTHS[self.lang][value.month - 1]} {value.year}"

    def month(self, year_month: str) -> str:
        """``Juli 2021`` / ``July 2021`` from ``2021-07``."""
        year, month = year_month.split("-")
        return f"{MONTHS[self.lang][int(month) - 1]} {year}"

    def short_month(self, year_month: str) -> str:
        """``Jul 21`` / ``Jul 21`` from ``2021-07``: a chart's axis label."""
        year, month = year_month.split("-")
        return f"{MONTHS[self.lang][int(month) - 1][:3]} {year[2:]}"

    def language_name(self, code: str) -> str:
        """``Jawa`` for ``jv``; a language without a name here shows its code."""
        return self._texts.get(f"lang_{code}", code)

    @staticmethod
    def duration(seconds: float) -> str:
        """``0:45``: minutes and seconds, rounded."""
        total = round(seconds)
        return f"{total // 60}:{total % 60:02d}"
