"""Front-matter edits change only the keys they set; every other byte stays as it was."""

from __future__ import annotations

import pytest

from etalase.curation.frontmatter_edit import edit_front_matter, render_value

COMMENTED = (
    "---\n"
    "# Diisi oleh operator SD N 4 Jiken\n"
    "video: video.mp4\n"
    "title: 'Batik: Pewarna Daun Jati'   # judul dari guru\n"
    "consent: true\n"
    "status: review  # sekolah menulis review\n"
    "tags:\n"
    "  - batik\n"
    "  # warna alami\n"
    "  - jati\n"
    "date: 2025-11-20\n"
    "category: kreativitas-siswa\n"
    "---\n"
    "Murid kelas 6 membuat batik.\n"
)


def edit(text: str | bytes, **changes: object) -> bytes:
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = edit_front_matter(data, changes, "index.md")  # type: ignore[arg-type]
    assert result.problem is None, result.problem
    assert result.data is not None
    return result.data


def test_publish_keeps_comments_order_and_the_same_line_comment() -> None:
    out = edit(COMMENTED, status="published").decode()
    assert out == COMMENTED.replace("status: review  #", "status: published  #")


def test_reject_adds_the_note_before_the_closing_line_and_nothing_else() -> None:
    out = edit(COMMENTED, status="rejected", review_note="Durasi 75 detik: potong jadi 60.")
    expected = COMMENTED.replace("status: review  #", "status: rejected  #").replace(
        "category: kreativitas-siswa\n---",
        'category: kreativitas-siswa\nreview_note: "Durasi 75 detik: potong jadi 60."\n---',
    )
    assert out.decode() == expected


def test_crlf_and_bom_are_kept_and_new_lines_use_crlf() -> None:
    original = "\ufeff" + COMMENTED.replace("\n", "\r\n")
    out = edit(original, featured=True)
    assert out.startswith(b"\xef\xbb\xbf---\r\n")
    assert out.decode("utf-8-sig") == original[1:].replace(
        "category: kreativitas-siswa\r\n---", "category: kreativitas-siswa\r\nfeatured: true\r\n---"
    )
    assert b"\n" not in out.replace(b"\r\n", b"")


def test_unusual_key_order_and_a_multi_line_note_are_replaced_whole() -> None:
    original = (
        "---\n"
        "review_note: |\n"
        "  Suara kurang jelas.\n"
        "\n"
        "  Mohon rekam ulang.\n"
        "featured: false\n"
        "status: rejected\n"
        "title: Pojok Baca\n"
        "---\n"
        "Isi.\n"
    )
    out = edit(original, status="published", review_note=None, featured=True).decode()
    assert out == "---\nfeatured: true\nstatus: published\ntitle: Pojok Baca\n---\nIsi.\n"


def test_a_quoted_value_keeps_its_comment() -> None:
    out = edit('---\ntitle: A\nstatus: "review"   # oleh sekolah\n---\n', status="published")
    assert out == b"---\ntitle: A\nstatus: published   # oleh sekolah\n---\n"


def test_setting_the_value_it_already_has_changes_no_byte() -> None:
    data = COMMENTED.encode()
    assert edit(data, status="review") == data


def test_text_that_yaml_would_misread_is_quoted() -> None:
    assert render_value("published") == "published"
    assert render_value("yes") == '"yes"'
    assert render_value('Video "rusak": # kirim ulang') == '"Video \\"rusak\\": # kirim ulang"'
    out = edit("---\ntitle: A\n---\n", review_note="no")
    assert out == b'---\ntitle: A\nreview_note: "no"\n---\n'


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Tanpa bagian data.\n", "'---'"),
        ("---\ntitle: A\nstatus: review\n", "'---'"),
        ("---\nstatus: review\nstatus: draft\n---\n", "status"),
        ("---\n{title: A, status: review}\n---\n", "verified"),
        ("---\ntitle: [tidak ditutup\n---\n", "read"),
    ],
)
def test_files_it_cannot_edit_safely_are_refused_with_a_problem(text: str, why: str) -> None:
    result = edit_front_matter(text.encode(), {"status": "published"}, "a/index.md")
    assert result.data is None
    assert result.problem is not None
    assert result.problem.code == "FRONTMATTER_UNEDITABLE"
    assert result.problem.path == "a/index.md"
    assert why in result.problem.message("en")


def test_latin1_file_is_refused() -> None:
    result = edit_front_matter(
        "---\ntitle: Caf\xe9\n---\n".encode("latin-1"), {"featured": True}, "x"
    )
    assert result.problem is not None and result.data is None


@pytest.mark.parametrize("key", ['"status"', "'status'"])
def test_a_quoted_key_is_edited_not_written_twice(key: str) -> None:
    """#12.19: a quoted ``"status":`` is the same key to YAML; a second line was appended."""
    data = f"---\ntitle: Kebun\n{key}: review\n---\nIsi\n".encode()
    edited = edit_front_matter(data, {"status": "published"}, "x")
    assert edited.data == f"---\ntitle: Kebun\n{key}: published\n---\nIsi\n".encode()
