"""A school's pictures on its page: sized, and offered in the widths that were made."""

from __future__ import annotations

from etalase.site.pictures import copy_uri, sized_images
from etalase.site.views import ImageFile

FOLDER = "sekolah/sdn-1-blora/robot/"
FILES = (
    ImageFile(copy_uri(f"{FOLDER}foto lomba.jpg", 360), 360, 240),
    ImageFile(f"{FOLDER}foto lomba.jpg", 1600, 1067),
)


def test_a_name_with_spaces_is_one_candidate_of_the_srcset() -> None:
    page = '<p><img alt="Lomba" src="foto%20lomba.jpg" loading="lazy"></p>'
    made = sized_images(page, FOLDER, {FILES[-1].uri: FILES})
    assert 'srcset="_360w/foto%20lomba.jpg 360w, foto%20lomba.jpg 1600w"' in made
    assert 'width="1600" height="1067"' in made


def test_a_picture_of_another_folder_or_an_unknown_one_is_left_as_it_is() -> None:
    page = '<img src="../lain/foto lomba.jpg"><img src="tidak-ada.jpg">'
    assert sized_images(page, FOLDER, {FILES[-1].uri: FILES}) == page
