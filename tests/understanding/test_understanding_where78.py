"""Where the story is (round 78): the office of one kecamatan named by it ('KUA Narmada', 'polsek X') says the place
is meant; the teller's workplace said with any Javanese word for 'di' ('kerja ning kota Cirebon', 'kerja ten Jogja')
is set aside as 'kerja di' is; and the place one's own is said to be on the border with ('perbatasan sama Kendal')
is not where it is."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kec. Narmada (Lombok Barat): the KUA is the kecamatan's; the in-laws' house in Mataram is only a relative's
        ("akta nikah kami dari KUA narmada ada salah huruf, mertua di mataram bilang urus lagi bayar", "52.01"),
        # Kec. Cihideung (Kota Tasikmalaya): not the Garut the fiancé comes from
        ("daftar nikah di KUA cihideung disuruh bayar sejuta lebih, calon istri sy orang garut", "32.78"),
    ],
)
def test_the_office_of_one_kecamatan_names_the_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)
