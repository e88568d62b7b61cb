"""Weighing a text's place hits (region_hits) into scored candidate regions, with what each piece of evidence adds.

A candidate's score adds up its own name, the level word before it, its ancestors named apart, the home region and
the regional speech of the text; the index's tables are read through `RegionTables`, as the hits are found.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.understanding.place_words import KIN_ASIDE
from bot.understanding.region_hits import MAX_NGRAM, RESPELLED, STREET, PlaceHit, RegionTables

MAX_CANDIDATES = 150
_OWN = 60.0
_MARKER_OK = 12.0
_MARKER_BAD = -30.0
_KOTA_BAD = -10.0
_VILLAGE_KIND_BAD = -4.0  # 'kelurahan X' for a desa, 'desa X' for a kelurahan
_SUPPORT = (10.0, 18.0, 18.0)  # ancestor named elsewhere: province, regency, district
_CONTRA = (-10.0, -20.0, -15.0)  # a province / regency / kec. named that is not ours
_UNEXPLAINED = -15.0  # a 'desa X' / 'kec. X' named that is not inside us
_SHADOWED = -10.0
_SHARED_VILLAGE = 6  # kabupaten, at most, whose villages share a name said after 'di', for it to set a home aside
_COUSIN = 8.0  # another place named in the same regency
# 'harga beras di Banggai naik ... saya tinggal di Kokini', 'ambulans RSUD Wonosari ... saya warga Karangrejek': of the
# places a name is shared by, the one holding the teller's home (named apart, set aside as where it happened) is meant
_HOME_HELD = 8.0
# 'kel Tual': of the desa/kelurahan so named, the one in the kabupaten/kota the same word names is its namesake seat
# (Kota Tual's Desa Tual), the place people mean; as much as another place of the regency named apart (_COUSIN)
_NAMESAKE = 8.0
_HOLDS = 6.0  # a kabupaten/kota holding a kecamatan named apart ('ciawi tasik': Kab., not Kota Tasikmalaya)
_LEVEL_AFTER = 6.0  # 'kab'/'kota' said after a name both share ('malang kabupaten')
# 'pak bupati' / 'walikota' called on elsewhere in the story, for a name both share: less than a level word said with it
_HEAD = 4.0
_BARE = 0.5
# a name after 'jalan' that is the only place a story names: the road there ('jalan batulicin rusak')
_STREET_ALONE = 0.6
_LATER_KECAMATAN = 0.95  # a kecamatan of another kabupaten named after the one a story opens on
_BARE_VILLAGE = 0.6  # a lone village name ('musyawarah') falls below MIN_SCORE (regions.py): one of 84k names, no cue
# a village elsewhere that only shares a well-known town's name ('Canggu', 'Ungaran'): in a story the town's
# offices come first; less than AMBIGUITY_MARGIN (regions.py), so typed alone both are still offered, the town first
_TOWN_SHADOW = -5.0
# 'tani di Subang, tapi bumi di Kuningan': a kabupaten's or kota's own name is that one, not the same-named kecamatan
# or desa of another named apart from it (Kec. Subang lies in Kuningan), unless the address puts it there ('Depok'
# alone still offers Kota Depok and the kecamatan Depok of Sleman and of Cirebon)
_REGENCY_SHADOW = -10.0
# 'irigasi ing pasuruhan lor': a desa whose name is only the first words of another place's name said in full
# (Pasuruhan of five kabupaten inside Pasuruhan Lor of Kudus), with nothing else of its own said, is no option beside
# it; read as an address ('di Duri Mandau': Duri in Mandau) it has its kecamatan's support and keeps only _SHADOWED
_SHADOWED_VILLAGE = -15.0
_PRIOR = (5.0, 6.0, 3.0, 0.0)  # bare names prefer the bigger place ('mataram' = the city)
_HOME = 10.0
_HOME_PROVINCE = 4.0
# a regional word in the story ('beta', 'sonde': Kupang) leans, like a home province, toward the places where it is
# spoken: enough to choose between same-named places, never against a place the story names
_SPEECH = 4.0
# ...and so does another place named, even as where someone came from or went ('lembang macet dari arah bandung')
_NEIGHBOUR = 4.0


@dataclass(slots=True)
class Candidate:
    """A scored candidate region."""

    idx: int
    score: float
    used: list[PlaceHit]


def _own(index: RegionTables, h: PlaceHit) -> float:
    """Evidence a hit gives for its own region."""
    score = _OWN * h.q * h.ctx
    if h.weak and h.marker is None:
        score *= 0.3
    if h.marker is not None:
        fit = _marker_fit(index, h)
        # ('jalan cimenyan ... antar sayur ke pasar kota Bandung'): a place said only as where one goes, once another
        # place is named, is discounted level word and all; its 'kota' no surer a place than its name
        score += fit * h.ctx if h.toward and fit > 0 else fit
    return score


def _marker_fit(index: RegionTables, h: PlaceHit) -> float:
    """Bonus when the level word agrees with the region's level, penalty when not."""
    assert h.marker is not None
    level, flavour = h.marker
    own = index._level[h.idx]
    if h.sided and level == 3 and own == 2:
        # 'kelurahan Cempaka Putih': Cempaka Putih Timur or Barat, in kecamatan Cempaka Putih (the halves are
        # kelurahan: 'desa Kandangan' is a desa so called before the town's Kandangan Kota and Kandangan Utara)
        return _MARKER_OK + (_VILLAGE_KIND_BAD if flavour == "desa" else 0.0)
    if level == own:
        if level == 1 and flavour and (flavour == "kota") != index._kota[h.idx]:
            if flavour == "kota" and h.idx not in index._kota_twins:
                return 0.0  # 'di kota Pati': there is no Kota Pati, the town of Kabupaten Pati is meant
            return _KOTA_BAD if flavour == "kota" else _MARKER_BAD
        # 'kelurahan Kalideres' is Jakarta's kelurahan before Cirebon's desa (BPS: 1xxx kelurahan, 2xxx desa);
        # people mix the two words, so it only breaks a tie
        if level == 3 and flavour and (flavour == "kel") != (index._codes[h.idx][-4:-3] == "1"):
            return _MARKER_OK + _VILLAGE_KIND_BAD
        return _MARKER_OK
    return _KOTA_BAD if flavour == "kota" else _MARKER_BAD


def _cued(index: RegionTables, h: PlaceHit, own: float) -> float:
    """A hit's own evidence, discounted as a lone word where nothing says a place is meant."""
    return own * (1.0 - _BARE) if index._level[h.idx] >= 2 and not h.cue else own


def _holds(outer: PlaceHit, inner: PlaceHit) -> bool:
    """Whether a clear mention's longer name holds another mention of the same region."""
    return (not outer.weak and outer.q >= 0.9 and outer.start <= inner.start and inner.end <= outer.end
            and outer.end - outer.start > inner.end - inner.start)


def _strong(h: PlaceHit) -> bool:
    """Whether a hit is clear enough to count against other readings."""
    return not h.weak and h.ctx >= 0.9 and h.q >= 0.85


def _hinted_provinces(index: RegionTables, hits: list[PlaceHit]
                      ) -> dict[tuple[int, int], dict[str, frozenset[str]]]:
    """For words naming places in several provinces ('lembang', 'tanjung raya'), the provinces among them that
    another place named apart lies in ('dari arah bandung', 'saudara di bukittinggi'): where the story is; with
    the kabupaten/kota of those places (their own places are supported by them already: 'desa sukamulya kec.
    sakra lotim' needs no other lean to Lombok Timur)."""
    levels: dict[tuple[int, int], int] = {}
    for h in hits:
        if not h.weak and h.q >= 0.85:
            span = (h.start, h.end)
            levels[span] = min(levels.get(span, 3), index._level[h.idx])
    provinces: dict[tuple[int, int], set[str]] = {}
    regencies: dict[tuple[int, int], set[str]] = {}
    for h in hits:
        span = (h.start, h.end)
        if not h.weak and h.q >= 0.85 and index._level[h.idx] == levels[span]:
            provinces.setdefault(span, set()).add(index._codes[h.idx][:2])
            regencies.setdefault(span, set()).add(index._codes[h.idx][:5])
    # (only a kabupaten/kota or a place set aside hints: a kecamatan named plainly competes with the shared name)
    aside = {(h.start, h.end) for h in hits if h.toward or h.teller or h.kin or h.born or h.route or h.feature}
    pointed = {span: next(iter(p)) for span, p in provinces.items()
               if len(p) == 1 and (levels[span] <= 1 or span in aside)}
    out: dict[tuple[int, int], dict[str, frozenset[str]]] = {}
    for span, p in provinces.items():
        if len(p) < 2 or levels[span] < 2:
            continue
        apart = [(prov, hint) for hint, prov in pointed.items() if hint[1] <= span[0] or hint[0] >= span[1]]
        near = {prov for prov, _ in apart} & p
        if near and near != p:
            out[span] = {prov: frozenset(r for q, hint in apart if q == prov for r in regencies[hint])
                         for prov in near}
    return out


def weigh(index: RegionTables, hits: list[PlaceHit], home: str | None, speech: frozenset[str] = frozenset(),
          story: bool = False, heads: frozenset[str] = frozenset()) -> list[Candidate]:
    """Add up the evidence for every region with a hit of its own (`speech`: the provinces and kabupaten/kota
    whose regional words the text uses; `story`: a sentence, not a few words sent in answer to "where?"; `heads`:
    'kab' and/or 'kota', the heads or governments the text calls on, place_words.HEADS)."""
    # An everyday word ('baru', 'jaya') only counts as a village where the text or the home
    # setting already points; elsewhere it names hundreds of villages and means none of them.
    areas = {index._codes[h.idx][:5] for h in hits if not h.weak}
    areas |= {c[:2] for c in areas}
    if home:
        areas |= {home[:5], home[:2]}
    hits = [h for h in hits if not h.weak or h.marker is not None
            or index._codes[h.idx][:5] in areas or index._codes[h.idx][:2] in areas]
    # 'sampah di kampung kami numpuk ... kmrn sy dr kab X lewat situ', 'puskesmas di sini tutup ... sodara sy di
    # kab Y jg ngalamin': once the story has put the trouble where the teller is without naming it, a place said
    # after that only as where someone came from, a relative's or where the teller was born names no place of the
    # trouble (asked rather than guessed)
    # ('saya tinggal di Kab Bima tapi tiap hari lewat situ', 'kmrn sy dr kab X lewat situ': where the teller lives,
    # works or comes from, passing the place of the trouble on the way, is not that place)
    if story:
        # ('sy asli jember kerja di sini 5 thn', 'kami orang aceh besar tp usaha di sini': where the teller comes
        # from or is registered, set against a 'di sini' said after it, is not where they are)
        # ('lapor ke dinsos kota X katanya bukan wilayah mereka': the office said the place is not theirs)
        hits = [h for h in hits if not (h.after_here and (h.origin or (h.kin and not h.teller) or h.born))
                and not (h.passing and (h.origin or h.teller) and not h.kin) and not (h.born and h.here_after)
                # ('keluarga sy di Sidrap bilang tiap datang ke sini': a relative's place they come here from)
                and not (h.kin and h.hither)
                and not h.disowned]
    if not hits:
        return []
    # 'jalan jatinangor ke arah cileunyi', 'turis dari jakarta': with another place named, the road's end is only
    # its direction and the visitors' home only where they came from
    toward = [h for h in hits if h.toward]
    # (a slip with nothing saying a place is meant, 'harus mundur' for Mundu, names no other place)
    if toward and any(not h.weak and not h.toward and (h.cue or h.q >= RESPELLED)
                      and all(h.end <= t.start or h.start >= t.end for t in toward) for h in hits):
        for h in toward:
            h.ctx = min(h.ctx, 0.35)
    for flag in ("feature", "route"):
        flagged = [h for h in hits if getattr(h, flag)]
        # ('sungai kampar di teluk meranti': the bay's word inside a kecamatan's own name said with 'di' is that
        # name's, no feature apart from it)
        if flagged and any(not h.weak and h.cue and not h.toward and not h.feature and not h.route
                           and not h.teller and all(h.end <= f.start or h.start >= f.end
                                                    or (h.start < f.start and f.end <= h.end) for f in flagged)
                           for h in hits):
            for h in flagged:
                h.ctx = min(h.ctx, 0.35)

    # 'saya warga Lhokseumawe, ... puskesmas di Lhoksukon': where the teller lives or works says who they are;
    # with a place apart from it named plainly, the complaint is about that one (a street's name is no such
    # place, the town whose square or terminal it is is: 'tinggal di Ciamis ... dekat alun-alun Tasikmalaya')
    # 'rumah sy di Natar tp kerja di Bandar Lampung ... jalan depan pasar natar': the home named again where the
    # problem is, even as a landmark's name, is that place
    # 'beta tinggal di Sirimau, aer PDAM seng kaluar ... beta pung mama di masohi': a relative's place that closes
    # the story, long after the teller's own, the trouble told between, is said in passing (named right after it,
    # 'tinggal di Palu, keluarga di Dolo', it is the contrast that says where the trouble is; and so it is where
    # the story goes on: 'waktu nginep di rumah neneknya di salatiga itu tetangga juga kena')
    aside = {id(h) for h in hits if h.kin and not h.teller and not h.weak and h.closing and any(
        t.teller and not t.weak and t.q >= 0.85 and t.end + KIN_ASIDE <= h.start
        and index._codes[t.idx][:5] != index._codes[h.idx][:5] and not index._related(t.idx, h.idx) for t in hits)}
    again = {h.idx for h in hits if not h.teller and not h.toward and not h.weak and h.marker is None
             and h.q >= 0.85 and any(t.teller and t.idx == h.idx for t in hits)
             and not any(o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start
                         for o in hits)}  # ('bpn bengkulu utara' names no Kota Bengkulu again)
    bigger = {(h.start, h.end) for h in hits if index._level[h.idx] <= 2}
    villages: dict[tuple[int, int], set[str]] = {}  # span -> the kabupaten its villages lie in
    for h in hits:
        if index._level[h.idx] == 3:
            villages.setdefault((h.start, h.end), set()).add(index._codes[h.idx][:5])
    for t in (h for h in hits if h.teller and h.idx not in again):
        if any(not h.weak and h.cue and not h.teller and not h.toward and id(h) not in aside
               and (not h.keep or h.ctx >= 1.0 or h.town or h.nick or h.idx in again)
               and h.q >= 0.85
               # (a desa named in words of its own after 'di', 'tanggul di Kayu Bawang', as plainly as a kecamatan;
               # not 'warga sudah gotong royong', words that happen to be some village's name)
               and (index._level[h.idx] <= 2 or h.marker is not None or h.town or (h.end - h.start > 1 and h.said)
                    # ('sawah orang tua di Mariorilau': a village's own name after 'di', of villages in one
                    # kabupaten only (an everyday word names many: 'ngungsi di mesjid'), and no bigger place's:
                    # 'PDAM Sleman' is the kabupaten, not a desa Sleman elsewhere)
                    or (h.said and not h.keep and h.q >= 1.0 and (h.start, h.end) not in bigger
                        and len(villages.get((h.start, h.end), ())) == 1)
                    # ('di Kumpulrejo saya buruh pabrik ... saya tinggal di Grobogan': a village's own name after 'di'
                    # that a few kabupaten share, none of them the kabupaten the teller says is home, is as much
                    # elsewhere as one of one kabupaten: the home does not settle which it is, nor is it the home)
                    or (h.said and not h.keep and h.q >= 1.0 and (h.start, h.end) not in bigger
                        and 1 < len(villages.get((h.start, h.end), ())) <= _SHARED_VILLAGE
                        and index._level[t.idx] <= 1 and index._codes[t.idx][:5] not in villages[(h.start, h.end)]))
               and (h.end <= t.start or h.start >= t.end)
               and index._codes[h.idx][:5] != index._codes[t.idx][:5]
               and not index._related(h.idx, t.idx) for h in hits):
            t.ctx = min(t.ctx, 0.5)
    # 'mahasiswa asal Kupang ngekos di Sewon': where the teller lives or works now says more of where the trouble is
    # than where they come from or are registered (unless that place is named again apart)
    for born in (h for h in hits if h.born and h.teller and h.idx not in again):
        if any(h.teller and not h.born and not h.weak and h.q >= 0.85
               and index._codes[h.idx][:5] != index._codes[born.idx][:5] and not index._related(h.idx, born.idx)
               for h in hits):
            born.ctx = min(born.ctx, 0.5)
    # 'kami warga Ciwandan ... sebagian pekerjanya tinggal di Kabupaten Serang': where the people of what the
    # story is about live, named after another place (the teller's own too), is only who else it touches
    for h in hits:
        if h.others and any(o.start < h.start and not o.weak and o.cue and o.q >= 0.85
                            and not (o.toward or o.route or o.kin or o.others)
                            and index._codes[o.idx][:5] != index._codes[h.idx][:5]
                            and not index._related(o.idx, h.idx) for o in hits):
            h.ctx = min(h.ctx, 0.5)
    for h in hits:
        if id(h) in aside:
            h.ctx = min(h.ctx, 0.5)
    # 'kebakaran lahan di tapung ... anak saya yang sekolah di pekanbaru juga sesak': so is a relative's place
    # named after the place of the problem ('akta anak di cipondoh belum jadi, temen sy di tangsel sudah': and a
    # second relative's or a friend's, named after the first)
    for kin in (h for h in hits if h.kin and not h.teller):
        # (a kabupaten's or kota's own name needs no cue: 'air pdam sintang keruh ... sodare di pontianak')
        if any(h.start < kin.start and not h.weak and (h.cue or index._level[h.idx] <= 1)
               and not (h.teller or h.toward or h.route)
               and h.q >= 0.85 and index._codes[h.idx][:5] != index._codes[kin.idx][:5]
               and not index._related(h.idx, kin.idx) for h in hits):
            kin.ctx = min(kin.ctx, 0.5)
    # 'jalan batulicin rusak', 'longsor di jalan kalipucang': with no other place named (but where it leads or
    # something came from), the road named after a kecamatan or town is the road there (alone it falls below
    # MIN_SCORE, as a street's name should in an address)
    if story and all(h.keep and h.ctx == STREET for h in hits if not h.weak and not h.toward):
        # (not a word inside a longer name: 'jalan muaro pingai' is a village's road, 'muaro' no Muaro Jambi)
        for h in hits:
            if (not h.weak and not h.toward and index._level[h.idx] <= 2
                    and not any(o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start
                                and not o.weak and not o.toward for o in hits)):
                h.ctx = _STREET_ALONE
    # 'ini dari juwana banjir rob ... yang di kudus sana aman', 'jalan di Bontomarannu ... ke pasar di Makassar':
    # the kecamatan the story opens on is where it is; a kabupaten/kota named after it, apart, is a side remark
    plain = [h for h in hits if not h.weak and h.q >= 0.85 and (h.said or h.marker is not None)
             and not (h.toward or h.teller or h.kin or h.born or h.route or h.feature or h.keep)]
    opener = next((h for h in plain if index._level[h.idx] == 2), None) if story else None
    # (a name kecamatan of two kabupaten share opens on either, unless its kabupaten is named right after it: 'di
    # ds gandusari kec gandusari' is Blitar's or Trenggalek's, the one listed first in the code table no likelier;
    # 'di Wanayasa, Purwakarta' is Purwakarta's)
    opened = {index._codes[h.idx][:5] for h in plain if opener is not None and index._level[h.idx] == 2
              and (h.start, h.end) == (opener.start, opener.end)}
    addressed = {index._codes[h.idx][:5] for h in hits if opener is not None and not h.weak
                 and index._level[h.idx] == 1 and h.start == opener.end} & opened
    opened = addressed or opened
    # (not where the opener's own words also name a kabupaten: 'di mesuji ... bpn mesuji')
    if opener is not None and not any((h.end <= opener.start or (h.start, h.end) == (opener.start, opener.end))
                                      and index._level[h.idx] <= 1 for h in hits if not h.weak):
        for h in hits:
            if (h.start >= opener.end and index._level[h.idx] <= 2 and not h.weak
                    and index._codes[h.idx][:5] not in opened
                    and index._codes[opener.idx][:2] != index._codes[h.idx]):
                # (a kecamatan of another kabupaten named later only loses a tie: 'depo sampah di umbulharjo
                # penuh karena tpa piyungan tutup')
                h.ctx = min(h.ctx, 0.5 if index._level[h.idx] <= 1 else _LATER_KECAMATAN)
    own = {id(h): _own(index, h) for h in hits}
    best_hit: dict[int, PlaceHit] = {}
    by_region: dict[int, list[PlaceHit]] = {}
    for h in hits:
        mentions = by_region.setdefault(h.idx, [])
        if len(mentions) >= 3:
            continue  # the same place named again and again adds nothing
        mentions.append(h)
        cur = best_hit.get(h.idx)
        # the mention that says a place is meant ('di Duri', a town's name) stands for the region before
        # a bare one ('Mandau' after it) that would be discounted as a lone word
        # ('di tanjung balai karimun': the town's whole name stands for its kecamatan before the last word of it,
        # which is also the kabupaten's name: one mention, said in full)
        if cur is not None and _holds(cur, h):
            continue
        if cur is None or _holds(h, cur) or _cued(index, h, own[id(h)]) > _cued(index, cur, own[id(cur)]):
            best_hit[h.idx] = h
    if len(best_hit) > MAX_CANDIDATES:
        # a pasted list of place names must not cost more than a sentence: keep the likeliest
        def rough(idx: int) -> float:
            code = index._codes[idx]
            at_home = bool(home) and (code == home or code.startswith(f"{home}."))
            return own[id(best_hit[idx])] + _PRIOR[index._level[idx]] + (_HOME if at_home else 0.0)

        keep = sorted(best_hit, key=rough, reverse=True)[:MAX_CANDIDATES]
        best_hit = {idx: best_hit[idx] for idx in keep}
    strong = [h for h in hits if _strong(h)]
    if len(strong) > MAX_CANDIDATES:
        strong = sorted(strong, key=lambda h: own[id(h)], reverse=True)[:MAX_CANDIDATES]
    longest_from: dict[int, int] = {}  # start -> furthest end of a clear hit starting there
    clear_at: dict[tuple[int, int], list[int]] = {}  # span -> regions a clear hit there names
    for h in hits:
        if not h.weak and h.q >= 0.8:
            clear_at.setdefault((h.start, h.end), []).append(h.idx)
            if h.end > longest_from.get(h.start, -1):
                longest_from[h.start] = h.end
    # Evidence a candidate must agree with, grouped by span: regencies/provinces named plainly,
    # districts and villages only when introduced by 'kec.'/'desa'.
    firm_spans: dict[int, set[tuple[int, int]]] = {}  # level -> spans of firm hits
    firm_at: dict[int, dict[int, set[tuple[int, int]]]] = {}  # level -> region -> spans
    # 'di Duri Mandau': a kecamatan named right after a village's name is where that village lies, as if
    # 'kec.' stood before it
    village_ends = {h.end for h in strong if index._level[h.idx] == 3}
    # ('jalan di Dagangan rusak padahal deket kota Madiun'): a kabupaten/kota the place is said to be near is not where
    # it is, but still a firm word against a same-named place far from it (Desa Dagangan of Tuban)
    for h in strong + [t for t in hits if t.near and not t.weak and t.q >= 0.85 and not _strong(t)]:
        hl = index._level[h.idx]
        if hl < 2 or (h.marker is not None and h.marker[0] == hl) or (hl == 2 and h.start in village_ends):
            firm_spans.setdefault(hl, set()).add((h.start, h.end))
            firm_at.setdefault(hl, {}).setdefault(h.idx, set()).add((h.start, h.end))
    # regencies that places named at kecamatan/village level lie in, per span (for cousin support)
    lower: dict[str, set[tuple[int, int]]] = {}
    # (a kecamatan named as where something reached still says which kabupaten a same-named place lies in:
    # 'pabrik di beji buang limbah ... sampe gempol')
    # (not a kecamatan named like its kabupaten: 'saking Tabanan' is the kabupaten the teller came from)
    named_regencies = {(h.start, h.end) for h in hits if index._level[h.idx] == 1 and not h.weak}
    for h in strong + [t for t in hits if t.toward and not t.weak and t.q >= 0.85 and not _strong(t)
                       and (t.start, t.end) not in named_regencies]:
        if index._level[h.idx] >= 2:
            lower.setdefault(index._codes[h.idx][:5], set()).add((h.start, h.end))
    regency_spans = {(h.start, h.end) for h in hits
                     if index._level[h.idx] == 1 and not h.weak and h.q >= RESPELLED}
    # names of towns, and of kabupaten/kota ('lamongan' is also a desa of Purbalingga)
    town_spans = {(h.start, h.end) for h in hits if h.nick and index._level[h.idx] <= 2} | regency_spans
    # 'pkl tanah abang', 'terminal rajabasa': a kecamatan people know by a name another kecamatan shares (or by a
    # landmark in it) is the one they mean
    known_kec = [(h.start, h.end, h.idx) for h in hits if h.nick and index._level[h.idx] == 2]
    regency_starts = {h.start for h in hits if index._level[h.idx] == 1 and not h.weak}
    # kecamatan named anywhere, even as a road's name ('jln ciawi'), but not as where a road leads
    held: dict[str, set[tuple[int, int]]] = {}
    for h in hits:
        # ('di sumber cirebon': an everyday word is the kecamatan's name right before its kabupaten's)
        if index._level[h.idx] == 2 and (not h.weak or (h.cue and h.end in regency_starts)) and not h.toward \
                and h.q >= 0.85:
            held.setdefault(index._codes[h.idx][:5], set()).add((h.start, h.end))
    # words naming two kabupaten/kota at once ('tasik': the Kota and the Kabupaten Tasikmalaya)
    regencies_at: dict[tuple[int, int], set[int]] = {}
    for h in hits:
        if index._level[h.idx] == 1:
            regencies_at.setdefault((h.start, h.end), set()).add(h.idx)
    # a kecamatan's or village's name some kota's and some kabupaten's places share: whether each is in a kota
    # (Kemendagri numbers a kota's regency 71 and up)
    kota_at: dict[tuple[int, int], set[bool]] = {}
    for h in hits:
        if index._level[h.idx] >= 2 and not h.weak:
            kota_at.setdefault((h.start, h.end), set()).add(_in_kota(index._codes[h.idx]))
    hinted = _hinted_provinces(index, hits)
    homes = [h for h in hits if h.teller and not (h.weak or h.born or h.kin or h.toward) and h.q >= 0.85]
    cands: list[Candidate] = []
    for idx, own_hit in best_hit.items():
        level = index._level[idx]
        code = index._codes[idx]
        score = own[id(own_hit)] + _PRIOR[level] + (1.0 if index._kota[idx] else 0.0)
        o_start, o_end = own_hit.start, own_hit.end
        # the words other mentions must stand apart from: our own, or the longer name ours lies in
        c_start, c_end = _span_around(o_start, o_end, longest_from)
        if (c_start, c_end) != (o_start, o_end):
            # 'aceh' inside 'Banda Aceh', 'jakarta' inside 'Jakarta Selatan': a province whose every mention is part
            # of the name of a place within it is no candidate of its own (that place's chain holds it)
            if level == 0 and all(any(index._within(inner, idx) for inner in clear_at.get(
                    _span_around(m.start, m.end, longest_from), ())) for m in by_region[idx]):
                continue
            score += _SHADOWED  # 'lombok' inside 'lombok timur': the longer name explains more
            shadowed = True
        else:
            shadowed = False
        used = [own_hit]
        regency_named = level >= 2 and own_hit.marker is None and (o_start, o_end) in regency_spans
        shadow_provinces = ({index._codes[r][:2] for r in regencies_at.get((o_start, o_end), ())}
                            if regency_named else set())
        apart = False  # our kabupaten named, but not as our address
        anc: list[int] = []
        a = index._parent[idx]
        while a >= 0:
            anc.append(a)
            a = index._parent[a]
        drop = False
        firm_support = False  # an ancestor named clearly; a weak word ('truk batubara') is no such support
        for a in anc:
            support = by_region.get(a)
            if not support:
                continue
            if level >= 2 and (own_hit.marker is None or own_hit.marker[0] != level) and any(
                    (h.start, h.end) == (o_start, o_end) for h in support):
                drop = True  # 'sumbawa' is the regency, not its same-named kecamatan
                break
            # 'palas' inside 'Tanjung Palas Tengah' is no Padang Lawas supporting a village 'Tanjung'
            # 'kota Cirebon' is no support for a kecamatan of Kabupaten Cirebon; 'bogor' inside 'Bogor Tengah'
            # is that kecamatan's word, no support for a Kemang of Kabupaten Bogor
            disjoint = [h for h in support if (h.end <= c_start or h.start >= c_end)
                        and (h.marker is None or _marker_fit(index, h) >= 0)
                        and _span_around(h.start, h.end, longest_from) == (h.start, h.end)]
            if regency_named:
                # a kabupaten's own name ('ten Temanggung, nanging griya ten Magelang') is that kabupaten, not
                # a village of the same name in another one named further on: only an address says so
                # ('Temanggung, Magelang', 'Temanggung kab. Magelang')
                # (unless the kabupaten so named lies in another province than the place named apart: 'PDAM Tirta
                # Mayang di Kotabaru' is Kota Jambi's kecamatan, not Kabupaten Kotabaru of South Kalimantan)
                address = [h for h in disjoint if h.end == c_start
                           or (h.marker_at if h.marker_at is not None else h.start) == c_end
                           or index._codes[h.idx][:2] not in shadow_provinces]
                apart = apart or len(address) < len(disjoint)
                disjoint = address
            if disjoint:
                h = max(disjoint, key=lambda x: own[id(x)])
                weight = h.q * h.ctx * (0.3 if h.weak and h.marker is None else 1.0)
                score += _SUPPORT[index._level[a]] * min(1.0, weight)
                used.append(h)
                firm_support = firm_support or weight >= 0.5
        if drop:
            continue
        if (level == 3 and not shadowed and own_hit.marker is not None and own_hit.marker[0] == 3 and len(anc) >= 2
                and any((h.start, h.end) == (o_start, o_end) and not h.weak for h in by_region.get(anc[1], ()))):
            score += _NAMESAKE  # 'kel Tual', said with its level word: the desa its kota is named by
        if shadowed and level == 3 and len(used) == 1:
            score += _SHADOWED_VILLAGE
        if level == 3 and len(used) == 1 and not own_hit.nick and (o_start, o_end) in town_spans:
            score += _TOWN_SHADOW  # the town people know by that name is meant, unless our kabupaten is named
        elif (level == 2 and len(used) == 1 and not own_hit.nick
              and any(a <= o_start and o_end <= b and k != idx for a, b, k in known_kec)):
            score += _TOWN_SHADOW
        if apart and len(used) == 1:
            score += _REGENCY_SHADOW
        if (level >= 2 and not own_hit.cue and not firm_support
                and not (home and (code == home or code.startswith(home + ".")))):
            # a lone word that happens to be some village's name, in a sentence about something else
            score -= (_BARE_VILLAGE if level == 3 else _BARE) * own[id(own_hit)]
        # One mention names one place, so only spans apart from our own count for or against us.
        for hl, spans in firm_spans.items():
            if hl < level and any(b <= o_start or a >= o_end for a, b in spans):
                mine = firm_at[hl].get(anc[level - 1 - hl], ())
                if not any(b <= o_start or a >= o_end for a, b in mine):
                    score += _CONTRA[hl]  # a province/regency/kec. is named that is not ours
            elif hl > level:
                prefix = code + "."
                if any(not index._codes[other].startswith(prefix)
                       and any(b <= o_start or a >= o_end for a, b in other_spans)
                       for other, other_spans in firm_at[hl].items()):
                    score += _UNEXPLAINED  # a 'desa X' is named that is not inside us
        if level >= 2 and any(b <= c_start or a >= c_end for a, b in lower.get(code[:5], ())):
            score += _COUSIN  # another place named in the same regency
        # (a kecamatan, and only by a home no other place shares the words of: 'saya warga Binjai' is Kota Binjai
        # or Langkat's Kecamatan Binjai, and settles nothing)
        if (level == 2 and not own_hit.teller and len(clear_at.get((o_start, o_end), ())) > 1
                and any((h.end <= c_start or h.start >= c_end)
                        and all(index._codes[x].startswith(code + ".") for x in clear_at.get((h.start, h.end), ()))
                        for h in homes)):
            score += _HOME_HELD
        if level == 1 and len(regencies_at.get((o_start, o_end), ())) > 1:  # a name a kab and a kota share
            if own_hit.marker is None and any(b <= c_start or a >= c_end for a, b in held.get(code, ())):
                score += _HOLDS
            if own_hit.level_after:  # 'Mojokerto, kabupaten': the Kabupaten, not the Kota of the same name
                score += _LEVEL_AFTER if (own_hit.level_after == "kota") == bool(index._kota[idx]) else -_LEVEL_AFTER
            elif own_hit.marker is None and len(heads) == 1 and ("kota" in heads) == bool(index._kota[idx]):
                score += _HEAD  # 'di Madiun ... pak bupati': the kabupaten's regent is called on
        # ('perumahan kami di Petir ... ke pemkot', 'kantor wali kota ... Taas Tikala'): of a lower place's name a kota
        # and a kabupaten share, the one under the head or government the story calls on
        if (level >= 2 and own_hit.marker is None and len(heads) == 1
                and len(kota_at.get((o_start, o_end), ())) > 1 and ("kota" in heads) == _in_kota(code)):
            score += _HEAD
        if home:
            if code == home or code.startswith(home + "."):
                score += _HOME
            elif code[:2] == home[:2]:
                score += _HOME_PROVINCE
        if code[:2] in speech or code[:5] in speech:
            score += _SPEECH
        near = hinted.get((o_start, o_end), {}).get(code[:2])
        if level >= 2 and near is not None and code[:5] not in near:
            score += _NEIGHBOUR
        cands.append(Candidate(idx, score, used))
    # equal evidence: the bigger place, then the one named first ('sekolah di Kalikotes ... belajar di
    # teras'), never the alphabet
    cands.sort(key=lambda c: (-c.score, index._level[c.idx], c.used[0].start, index._codes[c.idx]))
    return cands


def _in_kota(code: str) -> bool:
    """Whether a place's code lies in a kota (its regency numbered 71 and up: Kota Bogor 32.71, Jakarta's 31.71-75)."""
    return code[3:5] >= "71"


def _span_around(start: int, end: int, longest_from: dict[int, int]) -> tuple[int, int]:
    """The longest clear name that holds tokens [start, end) ('bogor tengah' around 'bogor'), else that span."""
    best = (start, end)
    for a in range(max(0, end - MAX_NGRAM), start + 1):
        if longest_from.get(a, -1) >= end and longest_from[a] - a > best[1] - best[0]:
            best = (a, longest_from[a])
    return best
