"""Fuzzing the front-matter reader: any text or bytes give a value or problems, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.content.reader import parse_markdown, read_markdown
from etalase.content.schema import parse_entry
from etalase.policy import default_policy

YAMLISH = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`,? \n\t0123456789.eé")), max_size=300
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(front=YAMLISH, body=st.text(max_size=200))
def test_any_front_matter_gives_a_mapping_or_problems(front: str, body: str) -> None:
    source, problems = parse_markdown(f"---\n{front}\n---\n{body}", "x.md")
    assert (source is None) == bool(problems)
    if source is not None:
        assert isinstance(source.meta, dict)


@FUZZ
@given(data=st.binary(max_size=400))
def test_any_bytes_give_a_mapping_or_problems(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "index.md"
    path.write_bytes(data)
    source, problems = read_markdown(path, "index.md")
    assert (source is None) == bool(problems)


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=5),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)
KEYS = st.sampled_from(
    [
        "title",
        "date",
        "category",
        "video",
        "tags",
        "consent",
        "status",
        "featured",
        "review_note",
        "captions",
        "poster_time",
        "lain",
    ]
)


@FUZZ
@given(meta=st.dictionaries(KEYS, VALUES, max_size=12))
def test_any_field_values_give_an_entry_or_problems(
    tmp_path_factory: pytest.TempPathFactory, meta: dict[str, object]
) -> None:
    folder = tmp_path_factory.mktemp("entry")
    entry, problems = parse_entry(
        "sekolah",
        "entri",
        folder / "index.md",
        "index.md",
        meta,
        "isi",
        default_policy(),
        dt.date(2026, 11, 23),
    )
    errors = [p for p in problems if p.severity == "error"]
    assert (entry is None) == bool(errors)
    for item in problems:
        assert item.message() and item.fix() and item.message("en")
