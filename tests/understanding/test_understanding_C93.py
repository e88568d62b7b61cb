"""Round 93 (h-tuneC): what the story reader offers at "Di mana kejadiannya?" and keeps as the kabupaten a typed place
is looked for in first. Where the teller's kin, or the teller who also speaks of home, work or study away ("anak saya
kerja di Kendari", "ambo karajo di Pekanbaru, pulang sabulan sakali") is not where the trouble is; nor the town the
teller comes from to pass by, work or holiday here ("sa dari Sentani tiap hari lewat"). Every sentence here is fresh,
written for this file (none copied from a set)."""

from __future__ import annotations

from tests.understanding.conftest import story_reading


def _offered(story: str) -> list[str]:
    """The region codes offered as buttons at "Di mana kejadiannya?" (none when nothing is offered)."""
    offer = story_reading(story).answers.get("suggested_place")
    return [o["code"] for o in (offer, *offer.get("others", ()))] if offer else []


def _story_region(story: str) -> str | None:
    """The kabupaten/kota a typed place is looked for in first (None when the story reads none surely)."""
    return story_reading(story).answers.get("story_region")


def test_where_kin_or_the_teller_work_away_is_not_where_it_happened() -> None:
    """Class: the teller's kin work or study away, or the teller does and also speaks of home (blind44: 'anak saya
    kerja di Kendari tapi gaji kecil'; blind66: 'ambo marantau di Pekanbaru, kampuang di Sungai Limau kanai
    galodo'; blind8: 'inyong kerja nang jakarta … kudu mulih')."""
    assert _offered("Atap rumah nenek di kampung bocor dan dindingnya retak, bantuan bedah rumah tidak pernah datang. "
                    "Anak saya kerja di Kendari, gajinya kecil.") == []
    assert _story_region("Posyandu di jorong kami sudah tiga bulan tutup, bidan jarang datang. Suami ambo marantau ka "
                         "Pekanbaru, ambo surang jo anak.") is None
    assert _story_region("Irigasi sawah kami kering sejak bendungan rusak, petani gagal tanam. Ambo karajo di "
                         "Pekanbaru, pulang sabulan sakali.") is None
    # the teller's workplace is no button; the town of the trouble (Kota Pariaman) is
    assert _offered("Banjir lagi di Pariaman, rumah urang tuo ambo tarandam. Ambo karajo di Jambi, pulang sabulan "
                    "sakali.") == ["13.77"]
    assert _offered("Sekolah anak ambo di Payakumbuh minta uang pembangunan 2 juta. Ambo marantau di Batam, pulang "
                    "tiap lebaran.") == ["13.76"]
    # (edge cases, passing on both: the workplace said as such is the trouble; the teller's own work with no home
    # said nor other place read may be where it is)
    assert "32.15.05" in _offered("Pabrik tempat saya kerja di Klari belum bayar lembur tiga bulan.")
    assert "33.19" in _offered("Aku soko Pati kerjo neng Kudus, gaji buruh pabrik rokok telat dua minggu.")


def test_the_town_the_teller_comes_from_to_pass_by_is_not_where_it_happened() -> None:
    """Class: the teller names where they come from, then that they pass by, work, trade or holiday here (blind45:
    'sa dari sentani tiap hari lewat'; blind28: 'saya dr cibinong tiap hari kejebak'; blind19: 'kami dari Makassar
    mau liburan'; blind57: 'kami pedagang dari Kerinci tiap hari turun kesiko')."""
    # the town the teller comes from is no button beside the place of the trouble (Berastagi, Karo)
    assert _offered("sampah numpuk di dekat tugu jeruk Berastagi, kami dari Medan liburan malah foto sama sampah"
                    ) == ["12.06.02"]
    assert _story_region("jalan berlubang besar di depan terminal, sa dari Sentani tiap hari lewat, sudah dua kali "
                         "jatuh") is None
    assert _story_region("parkir liar di alun-alun minta 10 ribu, kami dari Medan liburan malah dipalak, tolong "
                         "ditertibkan") is None
    # (edge case, passing on both: where it is the only button left, it stays one: passed over, it keeps that town's
    # office from being suggested — blind28 'saya dr cibinong tiap hari kejebak' routed to Kab. Bogor without it)
    assert _offered("pungli di pintu masuk pantai, 30rb per motor tanpa karcis, sy dr Bangka ke sini mau wisata"
                    ) == ["19.01", "31.74.03.1002"]
    assert _story_region("Pedagang di pasar dipungut retribusi dua kali sehari, kami pedagang dari Kerinci tiap hari "
                         "turun ke pasar ini") is None
    # (edge cases, passing on both: the teller's home they go back to, and a relative's home, stay)
    assert _offered("sy orang kajang tapi kerja di makassar, tiap pulang kampung jalan poros rusak parah"
                    ) == ["73.02.06"]
    assert "32.12" in _offered("adik sy dari Indramayu berangkat kerja ke Malaysia lewat sponsor, paspor ditahan")
