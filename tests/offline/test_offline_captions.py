"""The folder edition's captions script: the cues of a school's WebVTT file, as a classic script."""

from __future__ import annotations

import json

from etalase.site.edition import Edition
from etalase.site.offline_captions import Cue, captions_script, parse_vtt

VTT = """\ufeffWEBVTT - dongeng

NOTE diperiksa Bu Sri

STYLE
::cue { color: yellow }

1
00:00:00.500 --> 00:00:04.500 align:start
Sugeng enjang.
Selamat pagi, teman-teman.

01:02,25 --> 01:04.000
<i>Mbah</i> Sikep

00:00:09.000 --> 00:00:08.000
terbalik: dilewati

bukan --> waktu
"""


def test_cues_are_read_with_their_times_and_lines_and_the_rest_is_skipped() -> None:
    assert parse_vtt(VTT) == [
        Cue(0.5, 4.5, "Sugeng enjang.\nSelamat pagi, teman-teman."),
        Cue(62.25, 64.0, "Mbah Sikep"),  # markup dropped, as the loader does
    ]


def test_the_script_adds_a_showing_track_from_its_own_data_attributes() -> None:
    script = captions_script([Cue(0.5, 4.5, 'Kata "jujur" </script>')])
    assert 'video.addTextTrack("captions", me.dataset.label' in script
    assert "new VTTCue(c[0], c[1], c[2])" in script
    rows = (
        script.split("\n")[6]
        .strip()
        .removesuffix(".forEach(function (c) { track.addCue(new VTTCue(c[0], c[1], c[2])); });")
    )
    assert json.loads(rows) == [[0.5, 4.5, 'Kata "jujur" </script>']]


def test_only_the_folder_edition_loads_captions_by_script() -> None:
    uri = "sekolah/sdn-2/dongeng/teks.vtt"
    assert Edition("folder").captions_script(uri) == "sekolah/sdn-2/dongeng/teks-video.js"
    assert Edition("zim").captions_script(uri) is None  # Kiwix serves the <track> over HTTP
    assert Edition().captions_script(uri) is None
