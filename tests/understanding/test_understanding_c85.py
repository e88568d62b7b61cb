"""Round 85 (h-tuneC): what the story reader fills without asking. A desa said right after "di" by its name alone,
held once by the region data and the only place the whole story reads, is filled as a header naming it is; and the
teller's own "kami dari nagari X", X a name with namesakes, is their home, read with the rest of the story as any
level word is. Fresh sentences, written for this file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_a_desa_said_after_di_by_its_name_alone_is_filled() -> None:
    # a citizen seldom adds "desa" or the kecamatan: the name after "di", held once, is the place the story reads
    assert _filled("Kami guru honorer di Moronge Selatan belum digaji empat bulan, kepala sekolah bilang dana BOS "
                   "belum cair") == "71.04.17.2004"
    assert _filled("posyandu di Tanjung Pering tutup terus, bidannya tidak pernah datang, ibu hamil bingung periksa "
                   "ke mana") == "16.10.07.2001"
    # a name the region data holds in several kabupaten is asked
    assert _filled("lampu jalan di Kalipucang mati semua, anak sekolah pulang les gelap gelapan") is None
    # only the place's very name: "di rsud Sele …" is a hospital's, however leniently the resolver reads it
    assert _filled("pasien di rsud Tanjung Pering dibiarkan menunggu di lorong dua hari") is None
    # one word the region data only doubts as a desa's name may be a word of speech ("di muko": in front): asked
    # (round 88, c88: typed in lower case; written with a capital, as a name, it is filled)
    assert _filled("Kami guru honorer di sumbersekar belum digaji empat bulan, kepala sekolah bilang dana BOS belum "
                   "cair") is None
    # Sundanese "lembur abdi" is "my village", no Kec. Lembur of Alor, though the reading reads it
    assert _filled("madrasah di lembur abdi bocor hateupna, barudak diajar di teras") is None
    # a name another kabupaten's name follows is that kabupaten's ("pantai barat": no Distrik Pantai Barat of Sarmi)
    assert _filled("Sampah kiriman numpuk di pantai barat Pangandaran tiap musim hujan, petugas jarang datang") is None
    # the teller's home in another kabupaten: the office "di Entikong" is where they must go, asked
    assert _filled("Kami warga Bengkayang harus antre paspor berbulan-bulan, kantor imigrasi terdekat di Entikong "
                   "selalu penuh") is None
    # where a thing was bought is an errand's place, not where the trouble is: asked
    assert _filled("hp saya dijambret orang di jalan pulang, padahal baru beli di Tanjung Pering kemarin") is None
    # where someone or something came from is no place of the trouble: still asked
    assert _filled("pedagang dari Tanjung Pering dipungut retribusi di pasar kota dua kali sehari") is None


def test_the_tellers_own_dari_before_a_level_word_and_a_namesake_is_their_home() -> None:
    # "Tabek" is a name of several nagari and desa; the story's reading reads Kec. Timpeh, which holds one of them
    assert _filled("Bidan desa jarang datang ke posyandu di Timpeh, ibu hamil harus ke kota. Kami dari nagari Tabek. "
                   "Tolong dinkes tegur") == "13.10.06.2003"
    assert _filled("Pupuk subsidi langka di kios Pulau Punjung, harga dinaikkan. Kami dari nagari Koto Padang, mohon "
                   "ditindak") == "13.10.01.2008"
    # trucks' origin, not the teller's: still asked
    assert _filled("Truk pasir dari nagari Tabek lewat depan posyandu Timpeh tiap hari, debunya masuk rumah") is None


def test_a_level_word_before_the_very_name_of_the_one_desa_the_story_reads_is_filled() -> None:
    # "Bangunsari" names many desa, more than the resolver lists; the story's reading, led by Kec. Songgon, reads the
    # one of Songgon and no other: the words after "desa" are its whole name
    assert _filled("Pupuk bersubsidi di kios Songgon dijual di atas HET. Petani desa Bangunsari sudah lapor ke PPL "
                   "tapi diam saja") == "35.10.19.2009"
    # the reading keeps its namesakes: asked
    assert _filled("Jalan desa Sambeng berlubang besar, truk tebu lewat tiap hari") is None
