"""Round 92 (h-tuneC): what the story reader offers at "Di mana kejadiannya?", fills, and keeps as the kabupaten a
typed place is looked for in first. The teller's former home or workplace ("dulu kerja di Gresik, sekarang di
kampung") is not where the trouble is. Every sentence here is fresh, written for this file (none copied from a set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region, story_reading


def _offered(story: str) -> list[str]:
    """The region codes offered as buttons at "Di mana kejadiannya?" (none when nothing is offered)."""
    offer = story_reading(story).answers.get("suggested_place")
    return [o["code"] for o in (offer, *offer.get("others", ()))] if offer else []


def _story_region(story: str) -> str | None:
    """The kabupaten/kota a typed place is looked for in first (None when the story reads none surely)."""
    return story_reading(story).answers.get("story_region")


def test_the_tellers_former_place_is_not_where_it_happened() -> None:
    """Class: the teller was at a place back then and says how things are now or that they moved (blind92: 'Aku
    mbiyen buruh pabrik ning Surabaya … Saiki manggon ning Ngreco'; blind45: 'kami dulu tinggal di sigi, pindah ke
    sini')."""
    # the former workplace is no button: the home now (Wlingi, Blitar) is the one offered
    assert _offered("Aku mbiyen satpam pabrik ning Sidoarjo, saldo JHT ku wis telung sasi durung cair. Saiki omahku "
                    "ning Wlingi") == ["35.05.17"]
    assert filled_region("Sy mantan karyawan toko di Kota Batam, skrg sdh pulang kampung, BPJS TK sy blm bisa "
                         "dicairkan krn data perusahaan blm update") is None
    assert _offered("rumah bantuan kami retak semua, kami dulu tinggal di donggala, pindah ke sini setelah tsunami"
                    ) == []
    # (edge case, passing on both: "dari dulu" is all along, the place is where it is)
    assert _story_region("jalan desa di Banyumas rusak dari dulu, sekarang makin parah berlubang, mohon PU Banyumas "
                         "perbaiki") == "33.02"
