"""Office rules for works, water, roads and transport: what caused the trouble is whose it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.understanding.keywords import Entry, PhraseHit
from bot.understanding.normalize import Token, fold_key
from bot.understanding.office_rules import (
    BLOCKED_DRAIN_WEIGHT,
    FLOOD_WORDS,
    LACKING,
    LANDMARK_WORDS,
    LANDSLIDE_WORDS,
    MARKET_AS_ADDRESS,
    MARKET_NOUNS,
    MINE_CRIME,
    PARKING,
    RAIN_MADE,
    VENDORS,
    WITHOUT,
)

# a tidal flood ('rob', 'banjir rob', 'air laut masuk'): it comes back with every high tide, so where the sea dyke that
# should hold it back is said broken or unfinished, or the drain or pump that should let it out is said blocked or
# dead, the dyke or the drain is the cause and its office's to build or mend (tide_made)
_TIDE_WORDS = frozenset(fold_key(w) for w in {"rob"})
_DYKES = frozenset(fold_key(w) for w in {"tanggul", "tanggulnya", "tanggulnye", "tangkis"})
# ...said failed ('tanggul jebol', 'tanggulnye rembes', 'tanggul bocor')
_DYKE_FAILED = frozenset(fold_key(w) for w in {"jebol", "bocor", "rembes", "rusak", "ambrol", "ambruk", "retak",
                                               "amblas", "ambles", "runtuh", "roboh", "hancur", "putus", "jebolnya"})
# ...or never finished or mended ('tanggul gk pernah diperbaiki', 'tanggul kota gk selesai2', 'belum selesai')
_DYKE_UNDONE = frozenset(fold_key(w) for w in {"selesai", "selesai2", "rampung", "diperbaiki", "dibenahi",
                                               "dikerjakan", "dilanjutkan", "dilanjut"})
# ...after these ('gk pernah diperbaiki', 'belum selesai')
_NOT_YET = frozenset(fold_key(w) for w in LACKING | WITHOUT | {"pernah"})
# a failed dyke weighs as a broken channel or dyke does (the pair 'tanggul ... jebol' of keyword_pairs.csv)
_FAILED_DYKE_WEIGHT = 6.0
_DYKE_REACH = 5  # words from the dyke to its state ('tanggul kota gk selesai2', 'tanggul di ujung kampung udah bocor')
# what the teller asks for in the emergency itself ('mohon bantuan karung pasir', 'nyuwun bantuan'): then it is the
# disaster office's, whatever made it
_RELIEF = frozenset(fold_key(w) for w in {"bantuan", "karung", "sembako", "makanan", "ngungsi", "mengungsi",
                                          "pengungsi", "evakuasi", "dievakuasi", "logistik"})
_TIDE_FLOODS = _TIDE_WORDS | frozenset(fold_key(w) for w in FLOOD_WORDS)


def tide_made(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'air laut masuk kampung tiap rob, tanggul gak pernah diperbaiki', 'rob mlebu omah, tanggul jebol', 'banjir rob,
    drainase ora kuat': a tidal flood is no one-off disaster but what comes in every high tide where the sea dyke is
    broken or unfinished or the drain or flood pump fails; its words count for the disaster office as a rain-made
    flood does, and the dyke's or the drain's office decides. Relief asked for ('mohon bantuan karung pasir') is the
    emergency itself: the disaster office's, the rule stands aside."""
    words = [fold_key(t.text) for t in tokens]
    if not _TIDE_WORDS & set(words) or _RELIEF & set(words):
        return hits

    def failed(at: int) -> bool:
        ahead = words[at + 1:at + 1 + _DYKE_REACH]
        return any(w in _DYKE_FAILED or (w in _DYKE_UNDONE and k > 0 and ahead[k - 1] in _NOT_YET)
                   for k, w in enumerate(ahead))

    dyke = any(w in _DYKES and failed(k) for k, w in enumerate(words))
    drain = any(h.entry.target == "sda" and h.entry.source == "keyword" and h.end - h.start > 1
                and h.entry.weight >= BLOCKED_DRAIN_WEIGHT for h in hits)
    if not (dyke or drain):
        return hits
    # ('tanggul gk pernah diperbaiki': the dyke said failed weighs as the broken dyke's pair)
    return _flood_in_passing(hits, words, _TIDE_FLOODS, ("sda", _DYKES, _FAILED_DYKE_WEIGHT) if dyke else None,
                             any_level=True)


def _flood_in_passing(hits: list[PhraseHit], words: Sequence[str], floods: frozenset[str],
                      broke: tuple[str, frozenset[str], float] | None, *, any_level: bool = False) -> list[PhraseHit]:
    """The disaster office's words said only of the flood (`floods`) count as a rain-made flood's; the words of what
    it broke, (office, words, weight) in `broke`, weigh at least that weight (only those no level is said of, unless
    `any_level`)."""
    out = []
    for h in hits:
        said = set(words[h.start:h.end])
        if h.entry.source == "keyword" and h.entry.target == "bpbd" and said <= floods:
            h = PhraseHit(h.start, h.end, RAIN_MADE, h.q)
        elif (broke is not None and h.entry.source == "keyword" and h.entry.target == broke[0]
              and (any_level or h.entry.level is None) and said & broke[1]):
            h = PhraseHit(h.start, h.end, replace(h.entry, weight=max(h.entry.weight, broke[2])), h.q)
        out.append(h)
    return out


# a road a landslide cut or covered (the road pair 'jalan ... longsor', 'jalan ... tertimbun'): the road's office
# clears and rebuilds it, so the landslide is how the road was lost (road_cut_by_landslide)
_LANDSLIDE_CUTS = frozenset(fold_key(w) for w in LANDSLIDE_WORDS | {"tertimbun", "ketimbun"})
# ...the road said as such (not a retaining wall: 'talud longsor' is the wall's, and the homes behind it at risk)
_ROADS = frozenset(fold_key(w) for w in {"jalan", "jalanan", "jalur", "ruas", "poros", "jln", "jl", "akses"})
# ...unless people were hurt or homes hit: then it is the disaster itself ('longsor menimpa rumah, 2 korban')
_LANDSLIDE_VICTIMS = frozenset(fold_key(w) for w in {"korban", "meninggal", "tewas", "menimpa", "ngungsi", "mengungsi",
                                                     "pengungsi"})
# ...or a home buried ('satu rumah tertimbun', 'rumah warga ketimbun')
_BURIED = frozenset(fold_key(w) for w in {"tertimbun", "ketimbun", "tertimpa", "ketimpa"})
_HOMES = frozenset(fold_key(w) for w in {"rumah", "rumahnya", "omah", "pondok", "sekolah", "masjid"})


def road_cut_by_landslide(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'jalan ke kulawi longsor lagi, mobil sayur ndak bisa lewat', 'dalan ing Tulakan longsor, mobil ora iso liwat':
    a landslide said as what cut or covered a road is the road's office's to clear and rebuild (the road pair, Public
    Works); the landslide word counts for the disaster office as one said in passing. A landslide that hurt people or
    hit homes ('menimpa rumah', 'satu rumah tertimbun', 'korban') stays the disaster office's."""
    words = [fold_key(t.text) for t in tokens]
    homes_hit = any(w in _BURIED and _HOMES & set(words[max(0, k - 3):k]) for k, w in enumerate(words))
    if homes_hit or _LANDSLIDE_VICTIMS & set(words) or not any(
            h.entry.target == "pupr" and h.entry.source == "keyword" and h.end - h.start > 1
            and words[h.start] in _ROADS and _LANDSLIDE_CUTS & set(words[h.start:h.end]) for h in hits):
        return hits
    # (every landslide word of the story: 'longsor' said again is the same landslide, not another piece of evidence)
    return [PhraseHit(h.start, h.end, RAIN_MADE, h.q)
            if h.entry.source == "keyword" and h.entry.target == "bpbd"
            and set(words[h.start:h.end]) <= _LANDSLIDE_CUTS | {"tanah"} else h for h in hits]


# traders said selling ('jualan', 'pedagang', 'pkl'): where they share a pavement with parked motorbikes, public order
# clears both (pavement_parking_alone)
_SELLING = VENDORS | {"jualan", "berjualan", "dagangan", "jualannya"}
_PAVEMENTS = frozenset(fold_key(w) for w in {"trotoar", "trotoarnya", "pedestrian"})


def pavement_parking_alone(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'trotoar dipake parkir motor', 'ojol mangkal di trotoar': the pavement pairs of parked or waiting vehicles are
    the transport office's only where the vehicles alone are the trouble. A pavement taken by traders and parked
    motorbikes together ('trotoar jadi tempat jualan + parkir motor') is public order's to clear, and one said broken
    as well ('trotoar rusak dan dipake parkir') Public Works' to mend: there they count for nothing."""
    def on_pavement(h: PhraseHit) -> bool:
        return h.entry.source == "keyword" and h.end - h.start > 1 and bool(
            _PAVEMENTS & {fold_key(t.text) for t in tokens[h.start:h.end]})

    if not (_SELLING & {t.text for t in tokens} or any(h.entry.target == "pupr" and on_pavement(h) for h in hits)):
        return hits
    return [h for h in hits if not (h.entry.target == "dishub" and on_pavement(h))]


# (round 74) hauling trucks said breaking a rule of the road ('truk batubara lewat jalan umum siang hari', 'truk pasir
# muatan lebih'), or speeding through a village: the hauling pairs of keyword_pairs.csv, whose nouns start so
# (hauling_rule_broken)
_HAULERS = frozenset(fold_key(w) for w in {"truk", "angkutan", "dump"})
_HAULING_PAIR_WEIGHT = 8.0
# ...and what the road's words then weigh: said in passing, as a word of the road the trucks broke
_IN_PASSING_WEIGHT = 2.0
# (round 93, O) ...unless the road's repair is what the teller asks ('jalan kabupaten ambles gara2 truk batubara
# muatan lebih ... tolong diperbaiki'): the road office mends it, the trucks are how it broke
_REPAIR_ASKED = frozenset(fold_key(w) for w in {
    "diperbaiki", "perbaiki", "diperbaikin", "perbaikan", "dibenerin", "benerin", "dibenahi", "ditambal", "diaspal",
    "dicor", "dibetulin", "didandani", "dandani", "diperbaik"})


def hauling_rule_broken(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'truk batubara lewat jalan desa siang hari, debu tebal dan jalan hancur. katanya ada aturan harus lewat jalan
    khusus', 'truk pasir lewat jalan kabupaten muatan lebih, jalan rusak parah': hauling trucks said on a road in the
    hours or with the loads they are banned from (or speeding through a village) are the transport office's to stop
    (their routes, hours and loads on the kabupaten's roads, UU 22/2009); the road they broke is what it cost, so the
    road's words count as one said in passing and the trucks decide, as the pair's note says. (round 93, O) Not when
    the road's repair is asked ('jalan kabupaten ambles ... truk batubara muatan lebih. Tolong diperbaiki'): what is
    asked is Public Works' to mend, and the trucks' pair, how the road broke, counts as said in passing."""
    def hauling(h: PhraseHit) -> bool:
        return (h.entry.source == "keyword" and h.entry.target == "dishub" and h.end - h.start > 1
                and h.entry.weight >= _HAULING_PAIR_WEIGHT and fold_key(tokens[h.start].text) in _HAULERS)

    if not any(hauling(h) for h in hits):
        return hits
    if any(fold_key(t.text) in _REPAIR_ASKED for t in tokens):
        # (the road's repair asked: the trucks' pair is how it broke, said in passing)
        return [PhraseHit(h.start, h.end, replace(h.entry, weight=_IN_PASSING_WEIGHT), h.q) if hauling(h) else h
                for h in hits]
    # (the road said three ways, 'jalan desa ... jalan hancur', is one road said in passing)
    roads = [h for h in hits if h.entry.source == "keyword" and h.entry.target == "pupr"]
    out = [h for h in hits if h not in roads]
    if roads:
        out.append(PhraseHit(roads[0].start, roads[0].end,
                             replace(roads[0].entry, weight=min(roads[0].entry.weight, _IN_PASSING_WEIGHT)),
                             roads[0].q))
    return out


# (round 74) a market said in disorder ('pasar Limboto semrawut', 'pasar narmada sesak', 'pasar babat iku semrawut
# pol'): how it is laid out and where its traders sell is the market's office's to arrange (market_in_disorder)
_DISORDER = frozenset(fold_key(w) for w in {"semrawut", "semerawut", "sumpek", "sesak", "kacau", "awut", "amburadul",
                                            "tertata", "ditata", "ruwet"})
_DISORDER_REACH = 4  # words after the market, its name and 'iku'/'makin' among them ('pasar lakessi di soreang
# semrawut': the place's words are not counted)
# ...not the market as where something else is ('depan pasar', 'sekitar pasar'), nor its parking said in disorder
# ('pasar wonokromo parkir e semrawut': the parking's)
_AROUND = MARKET_AS_ADDRESS | {"sekitar", "seputar", "arah"}
_MARKET_OTHER_THINGS = PARKING | {"parkire", "lalu", "lampu", "lalulintas", "kabel", "angkot"}


def market_in_disorder(hits: list[PhraseHit], tokens: Sequence[Token], place: frozenset[int]) -> list[PhraseHit]:
    """'pasar Limboto semrawut, lapak pedagang sampe ke jalan raya', 'pasar lakessi semrawut, pedagang jualan di badan
    jalan ... tolong ditata': a market said first and in disorder, its traders spilling onto the road, is the
    market's office's to arrange (it runs the market, its stalls and where its traders sell); public order's words of
    traders on the road are how the disorder shows, so they count for the market's office. Traders said first ('pkl
    di sekitar jam gadang dan pasar atas makin semrawut': the hawkers are what is complained of) stay public
    order's."""
    words = [fold_key(t.text) for t in tokens]
    first_vendor = next((k for k, w in enumerate(words) if w in _SELLING), len(words))

    def in_disorder(i: int) -> bool:
        after = [words[k] for k in range(i + 1, len(words)) if k not in place][:_DISORDER_REACH]
        cut = next((k for k, w in enumerate(after) if w in _MARKET_OTHER_THINGS), len(after))
        return bool(_DISORDER & set(after[:cut]))

    if not any(w in MARKET_NOUNS and i < first_vendor and not (i > 0 and words[i - 1] in _AROUND) and in_disorder(i)
               for i, w in enumerate(words)):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="disperindag", category="lainnya"), h.q)
            if h.entry.source == "keyword" and h.entry.target == "satpolpp" else h for h in hits]


# (round 94, O) a market's stalls lost to its traders or never built ('kios ... dijual sama oknum, pedagang lama tidak
# dapat tempat', 'pasar ... mangkrak, los belum ada atap', 'pedagang lama gak dapat lapak'): where its traders sell is
# the market's office's to put right, though they now sell by the road (market_stalls_lost)
_STALL_NOUNS = frozenset(fold_key(w) for w in {"kios", "kiosnya", "los", "losnya", "lapak", "lapaknya", "tempat"})
_STALL_SOLD = frozenset(fold_key(w) for w in {"dijual", "dijualbelikan", "dijualin", "disewakan", "dikuasai"})
_STALL_GOT = frozenset(fold_key(w) for w in {"dapat", "dapet", "dapek", "kebagian", "entuk", "oleh"})
_STALL_NONE = frozenset(fold_key(w) for w in {"belum", "tra", "tidak", "gak", "ga", "nggak", "ndak", "indak", "teu"})
_STALL_WANTING = frozenset(fold_key(w) for w in {"atap", "atapnya", "los"})
_STALL_REACH = 4  # words from a stall to its sale ('kios di pasar X dijual', the market's name not counted)


def market_stalls_lost(hits: list[PhraseHit], tokens: Sequence[Token], place: frozenset[int]) -> list[PhraseHit]:
    """'kios di pasar Gunung Sari dijual sama oknum, pedagang lama tidak dapat tempat. Kami jualan di pinggir jalan',
    'pasar di Samaturu mangkrak, los belum ada atap, pedagang tetap jualan di pinggir jalan': a market said first
    whose stalls were sold off, never given to its old traders or never built, is the market's office's to put right;
    the traders now by the road are what it cost, so public order's words of them count for the market's office (as
    in market_in_disorder). Traders said first stay public order's."""
    words = [fold_key(t.text) for t in tokens]
    kept = [(k, w) for k, w in enumerate(words) if k not in place]
    first_vendor = next((k for k, w in enumerate(words) if w in _SELLING), len(words))
    if not any(w in MARKET_NOUNS and k < first_vendor and not (k > 0 and words[k - 1] in _AROUND)
               for k, w in enumerate(words)):
        return hits

    def lost(n: int) -> bool:
        w = kept[n][1]
        ahead = [v for _, v in kept[n + 1:n + 1 + _STALL_REACH]]
        before = kept[n - 1][1] if n > 0 else ""
        return (w == "mangkrak" or (w == "pedagang" and ahead[:1] in (["lama"], ["lawas"]))
                or (w in _STALL_NOUNS and before in _STALL_GOT)
                or (w in _STALL_NOUNS and w != "tempat" and bool(_STALL_SOLD & set(ahead)))
                or (w in _STALL_WANTING and n > 1 and before == "ada" and kept[n - 2][1] in _STALL_NONE))

    if not any(lost(n) for n in range(len(kept))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="disperindag", category="lainnya"), h.q)
            if h.entry.source == "keyword" and h.entry.target == "satpolpp" else h for h in hits]


# (round 74) clean water said to come from a spring, the rain or a village pond ('pikul air dari mata air', 'tong
# minum air hujan saja', 'embung kering'): no water company's pipe reaches the place (water_works_not_reached)
_NO_TAP_SOURCES = (("mata", "air"), ("mata", "aer"), ("air", "hujan"), ("aer", "hujan"), ("air", "ujan"),
                   ("aer", "ujan"), ("embung",), ("cubang",))
# ...unless the water company is named or billed ('PDAM', 'ledeng', 'tagihan'), or it is the drought's emergency the
# disaster office answers ('kekeringan', 'kemarau', 'dropping air'), or people driven from home ('pengungsi')
_WATER_COMPANY = frozenset(fold_key(w) for w in {"pdam", "pam", "ledeng", "perumda", "tirta", "tagihan", "rekening",
                                                 "meteran", "meter", "pelanggan"})
_DROUGHT = frozenset(fold_key(w) for w in {"kekeringan", "kemarau", "dropping", "droping", "kiriman", "pengungsi",
                                           "mengungsi", "ngungsi", "bencana"})
_WATER_WORKS = Entry("pupr", "keyword", 4.0, "infrastruktur")


def water_works_not_reached(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'di gurimonearu air bersih susah sekali, embung kering, kami pikul air jauh dari mata air', 'tra ada air
    bersih, tong minum air hujan saja': a village whose water comes from a spring, the rain or a pond has no water
    company's pipe; building its drinking-water works (a spring's pipe, a tank, a network) is Public Works' (UU
    23/2014, drinking water), so the clean-water words count for it, not for the water company. Named or billed,
    the water company stays; a drought's emergency stays the disaster office's."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    source = any(tuple(words[k:k + len(s)]) == s for k in range(len(words)) for s in _NO_TAP_SOURCES)
    if not source or said & (_WATER_COMPANY | _DROUGHT) or any(
            h.entry.source == "alias" and h.entry.target == "pdam" for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(_WATER_WORKS, weight=h.entry.weight), h.q)
            if h.entry.source == "keyword" and h.entry.target == "pdam" else h for h in hits]


# (round 74) water said fouled: the pair of a river, the sea or a lake turned turbid, red or oily (keyword_pairs.csv,
# the environment office's), whose nouns these are (fouled_by_a_mine_to_stop)
_WATERS = frozenset(fold_key(w) for w in {
    "sungai", "sungainya", "kali", "aek", "air", "laut", "pantai", "danau", "muara", "rawa"})


def fouled_by_a_mine_to_stop(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tambang emas ilegal di hulu sungai, air sungai keruh ... tolong ditindak': where the teller asks for an
    unlicensed mine to be stopped by force (illegal_mine's crime, the police's), the water it fouled is what it did,
    said in passing; the environment office decides the fouled water only where no such stop is asked for
    (bench/data/LABELLING.md's mine ruling)."""
    if not any(h.entry == MINE_CRIME for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dlh" and h.end - h.start > 1
            and fold_key(tokens[h.start].text) in _WATERS else h for h in hits]


# (round 85) a mine said to have killed the fish ('ikan di teluk mulai mati', 'ikan mate') or to work with mercury or
# cyanide by the water ('pake merkuri, aer kali so bakuning'): water fouled, the environment office's to trace and stop
# (bench/data/LABELLING.md's mine row: water or air fouled), the mine what fouled it (fouled_by_a_mine)
_MINES = frozenset(fold_key(w) for w in {
    "tambang", "tambangnya", "penambangan", "pertambangan", "penambang", "dompeng", "peti", "ponton", "pendulangan"})
_FISH = frozenset(fold_key(w) for w in {"ikan", "ikan2", "ikannya", "ikan-ikan", "iwak", "iwake", "kerang", "udang"})
_DEAD = frozenset(fold_key(w) for w in {"mati", "mate", "mati2", "matek", "mamati", "modar", "bangkai"})
_FISH_REACH = 5  # words from the fish to their death ('ikan di teluk buyat mulai mati')
_POISONS = frozenset(fold_key(w) for w in {"merkuri", "sianida", "raksa", "mercury", "sianidanya", "merkurinya"})
_POISONED = _WATERS | frozenset(fold_key(w) for w in {"aer", "aie", "aia", "banyu", "teluk", "sumur", "krueng", "air2"})
# ...and what the mine's own words are then: its office's (mining), the cosmetics' mercury (BPOM)
_THE_MINES_OWN = frozenset({"esdm", "bpom"})
_FOULED_WATER = Entry("dlh", "keyword", 6.0, "lingkungan")


def fouled_by_a_mine(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tambang emas rakyat pake sianida, ikan di teluk mulai mati', 'tambang emas pake merkuri, air kali so kuning':
    the fish a mine killed or the mercury or cyanide it works with beside the water are water fouled, the
    environment office's (LABELLING.md); the mine's words count as said in passing. A mine with no fish dead nor
    poison by the water (a pit left open, a permit, dust) keeps its office; one the teller asks stopped by force is
    the police's (illegal_mine, a_mine_to_stop)."""
    if any(h.entry == MINE_CRIME for h in hits):
        return hits
    words = [fold_key(t.text) for t in tokens]
    if not _MINES & set(words):
        return hits
    fish_dead = next((k for k, w in enumerate(words) if w in _FISH
                      and _DEAD & set(words[k + 1:k + 1 + _FISH_REACH])), None)
    poison = next((k for k, w in enumerate(words) if w in _POISONS), None)
    at = fish_dead if fish_dead is not None else poison if poison is not None and _POISONED & set(words) else None
    if at is None:
        return hits
    out = [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
           if h.entry.source == "keyword" and h.entry.target in _THE_MINES_OWN else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _FOULED_WATER, 1.0)]


# (round 78) people said cut off, trapped or fled from their homes ('warga terisolir', 'kami mau ngungsi kemana',
# 'durung kabeh dievakuasi'): the people are the emergency, whatever broke (people_to_save)
_PEOPLE_TO_SAVE = frozenset(fold_key(w) for w in {
    "ngungsi", "mengungsi", "pengungsi", "pengungsian", "evakuasi", "dievakuasi", "terjebak", "terisolir",
    "terisolasi", "taisolasi", "keisolasi", "kaisolasi"})
# ...from water or earth that came ('banjir', 'air naik', 'banyu mlebu', 'tanggul jebol', 'longsor')
_CAME = frozenset(fold_key(w) for w in FLOOD_WORDS | LANDSLIDE_WORDS | {"rob", "terendam", "tarandam", "kelelep",
                                                                          "galodo", "bandang", "lahar", "jebol"})
# ...what broke there: a road or a bridge (its pairs' first words), a dyke or a flood pump (the water office's)
_CARRIERS = _ROADS | _DYKES | frozenset(fold_key(w) for w in {"jembatan", "jembatannya", "titian", "dalan", "dalane",
                                                               "jln", "pompa", "pompanya"})
# ...unless what broke is said long left unmended ('tanggul jebol bulan lalu belum dibenerin', 'belum ditambal'): the
# cause's office is asked to mend it, the refuge is said by the way
_MEND = frozenset(fold_key(w) for w in {"diperbaiki", "dibenerin", "dibenahi", "ditambal", "diganti", "dibangun",
                                        "didandani", "dikeruk", "dibetulin", "diurus", "ditangani"})
# ...or the flood said to come with every rain ('pemukiman tergenang setiap hujan'): a standing fault, its office's to
# mend, those who fled it said by the way
_EVERY_RAIN = (frozenset(fold_key(w) for w in {"tiap", "setiap", "saban", "kalau", "kalo", "asal", "tiok"}),
               frozenset(fold_key(w) for w in {"hujan", "ujan", "udan", "ujang", "hujang"}))
_RESCUE = Entry("bpbd", "keyword", 6.0, "bencana")
# (round 91, O) ...or people said unable to get out or home ('warga mboten saged medal', 'lansia belum bisa keluar',
# 'warga gak iso metu', 'sy gk bisa pulang'): shut in as the cut off are, in the teller's plainer words
_CANNOT = frozenset(fold_key(w) for w in {"tidak", "tdk", "tak", "gak", "gk", "ga", "nggak", "ndak", "nda", "ora", "ra",
                                          "mboten", "teu", "indak", "sonde", "tra", "belum", "blm", "durung"})
_ABLE = frozenset(fold_key(w) for w in {"bisa", "bs", "bisa2", "iso", "isa", "saged", "tiasa", "biso", "dapat",
                                        "dapet", "sanggup"})
_GET_OUT = frozenset(fold_key(w) for w in {"keluar", "kluar", "metu", "medal", "kaluar", "pulang", "mulih", "wangsul",
                                           "balik"})
# ...not goods nor vehicles that cannot get out ('hasil panen tak bisa keluar', 'kopi yg mau dijual gak bisa keluar')
_GOODS = frozenset(fold_key(w) for w in {"hasil", "panen", "kopi", "barang", "dagangan", "sawit", "karet", "sayur",
                                         "mobil", "truk", "kendaraan", "motor", "ambulans", "jual", "dijual"})
_SHUT_IN_REACH = 4  # words before 'tidak' in which goods would be what cannot get out ('hasil panen warga gak bisa')


def shut_in(words: Sequence[str], k: int) -> bool:
    """'warga mboten saged medal', 'belum bisa keluar', 'gk bisa pulang': people said unable to get out at k."""
    return (words[k] in _GET_OUT and k > 1 and words[k - 1] in _ABLE and words[k - 2] in _CANNOT
            and not _GOODS & set(words[max(0, k - 2 - _SHUT_IN_REACH):k - 2]))


def people_to_save(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tanggul kali jebol jam 2 pagi tadi, banyu mlebu omah ... durung kabeh dievakuasi', 'banjir lagi sepinggang,
    pompa kagak nyala, kami mau ngungsi kemana', 'banjir ... jalan putus, warga masih banyak yang terjebak', 'jalan ka
    padang longsor ... urang kampuang taisolasi', 'jembatan e putus keterjang banjir bandang, warga mboten saged medal':
    where a flood or a landslide has people to bring out, cut off, shut in or fled, the emergency is the disaster
    office's (its rescue, its refuge); the road, bridge, dyke or pump it broke is how it shows, said in passing (the
    guide's dyke ruling: 'the disaster office for the emergency itself'). A breach said long unmended ('tanggul jebol
    bulan lalu belum dibenerin ... kami ngungsi lagi') is its office's, and an office named or a level said (a national
    road) still decides."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    at = next((k for k, w in enumerate(words) if w in _PEOPLE_TO_SAVE or shut_in(words, k)), None)
    if at is None or not _CAME & said or any(
            (w in _MEND and words[k - 1] in _NOT_YET | {"durung"})
            or (w in _EVERY_RAIN[1] and words[k - 1] in _EVERY_RAIN[0]) for k, w in enumerate(words) if k > 0):
        return hits

    def carried(h: PhraseHit) -> bool:
        return (h.entry.source == "keyword" and h.entry.target in ("pupr", "sda") and h.entry.level is None
                and h.end - h.start > 1 and words[h.start] in _CARRIERS)

    if not any(carried(h) for h in hits):
        return hits
    out = [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
           if carried(h) else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _RESCUE, 1.0)]


# (round 91, O) a bridge a flood broke or swept away ('banjir lahar nggerus jembatan', 'jembatan desa kentir', 'jembatan
# ... ambrol kena banjir'): the bridge is the road office's to rebuild, the flood how it was lost (bridge_swept_away)
_BRIDGES = frozenset(fold_key(w) for w in {"jembatan", "jembatane", "jembatannya", "jambatan", "jembatan2", "titian",
                                           "kreteg", "jerambah"})
_SWEPT = frozenset(fold_key(w) for w in {
    "putus", "putuih", "pedhot", "pegat", "hanyut", "anyut", "kentir", "kintir", "keli", "ambrol", "ambles", "amblas",
    "ambruk", "roboh", "rubuh", "runtuh", "runtuah", "kebawa", "dibawa", "dibao", "terbawa", "tergerus", "kegerus",
    "nggerus", "digerus", "menggerus", "terseret", "keseret", "diterjang", "keterjang", "menghanyutkan", "rusak",
    "ruksak", "patah", "jebol"})
_SWEPT_REACH = 8  # words from the bridge to what befell it ('jembatan se ngubungngagi dusun ka sawah e kesemek anyut')
_SWEPT_BRIDGE_WEIGHT = 6.0  # the broken bridge pair's ('jembatan ... putus', keyword_pairs.csv)
_SWEPT_BEFORE = 3  # ...or from what befell it to the bridge ('banjir lahar Semeru nggerus jembatan')
# ...by a flood ('banjir', 'banjir bandang', 'lahar', Minang 'galodo'), the disaster office's words that then count as
# said in passing
_SWEEPING = frozenset(fold_key(w) for w in FLOOD_WORDS | {"bandang", "bandhang", "lahar", "dingin", "galodo", "arus",
                                                          "banjire", "banjirnya", "bah"})
# ...unless the emergency is what is asked: relief, an emergency bridge, the dead, or homes hit as well
_EMERGENCY = _RELIEF | frozenset(fold_key(w) for w in {"darurat", "korban", "meninggal", "tewas", "terpal",
                                                       "rumah", "rumahnya", "omah", "imah", "pemukiman",
                                                       "permukiman"})


def bridge_swept_away(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'banjir lahar Semeru nggerus jembatan ... warga wedi liwat, tulung cepet ditangani', 'banjir bandhang wingi,
    jembatan desa kentir, bocah2 sekolah kudu muter adoh', 'jembatan ... ambrol kena banjir': a bridge a flood broke
    or swept away is Public Works' to rebuild (the bridge's words); the flood's words count for the disaster office as
    a rain-made flood's do. People to save (people_to_save), relief or an emergency bridge asked, the dead, or homes
    hit keep the disaster office's emergency."""
    words = [fold_key(t.text) for t in tokens]
    # (people to save though people_to_save found no road or bridge pair to set aside: 'kreteg ... pedhot')
    if _EMERGENCY & set(words) or any(w in _PEOPLE_TO_SAVE or shut_in(words, k) for k, w in enumerate(words)):
        return hits
    swept = any(w in _BRIDGES and _SWEPT & set(words[max(0, k - _SWEPT_BEFORE):k + 1 + _SWEPT_REACH])
                for k, w in enumerate(words))
    if not swept or not any(h.entry.target == "pupr" and h.entry.source == "keyword" for h in hits):
        return hits
    # ('kreteg ... nggerus', the bridge and its fate too far apart for the pair: it weighs as the pair)
    return _flood_in_passing(hits, words, _SWEEPING, ("pupr", _BRIDGES, _SWEPT_BRIDGE_WEIGHT))


# (round 78) a street light said out ('lampu jalan mati', 'PJU pareum'): the transport office's lights
# (street_light_after)
_LIGHTS = frozenset(fold_key(w) for w in {"lampu", "pju", "penerangan", "lampunya"})
# ...not a traffic light ('lampu merah', 'lampu lalu lintas', 'bangjo'): the junction's, whatever else is said
_TRAFFIC_LIGHTS = frozenset(fold_key(w) for w in {"apill", "traffic", "bangjo", "stopan", "setopan"})
_TRAFFIC_AFTER_LAMP = frozenset(fold_key(w) for w in {"merah", "lalu", "lalulintas", "setopan", "stopan"})
# ...and the dark it leaves ('malem gelap nian': the dark road's pair)
_DARK = frozenset(fold_key(w) for w in {"gelap", "peteng", "poek", "gulita"})
# ...and a road said broken (the road pair 'jalan ... rusak', 'jalan ... berlubang', Public Works')
_BROKEN_ROAD_NOUNS = _ROADS | frozenset(fold_key(w) for w in {"dalan", "aspal", "jalannya", "jalane"})


def street_light_after(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'jalan di plaju banyak lubang, lampu jalan jugo mati galo. malem gelap nian, rawan begal', 'jalan lingkungan
    rusak, lampu PJU pareum': a road said broken first, its street lights out after, is the road complained of, the
    dark one more of its faults: the light's words (and the dark road's) count as said in passing, and the road's
    office decides. A light said first ('lampu jalan mati semua ..., jalannya juga berlubang') stays the transport
    office's: what the teller says first is what the story is about."""
    words = [fold_key(t.text) for t in tokens]
    if _TRAFFIC_LIGHTS & set(words) or any(w == "lampu" and words[k + 1] in _TRAFFIC_AFTER_LAMP
                                           for k, w in enumerate(words[:-1])):
        return hits
    road = min((h.start for h in hits if h.entry.source == "keyword" and h.entry.target == "pupr"
                and h.entry.level is None and h.end - h.start > 1 and words[h.start] in _BROKEN_ROAD_NOUNS),
               default=None)
    light = min((k for k, w in enumerate(words) if w in _LIGHTS), default=None)
    if road is None or light is None or light < road:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dishub"
            and (_LIGHTS | _DARK) & set(words[h.start:h.end]) else h for h in hits]


# (round 94, O) a street light said out in a housing estate ('lampu PJU di perumahan kami mati', 'lampu jalan di gang
# perumahan'): the estate's lights are its public facilities (PSU), the housing office's once the developer hands
# them over, not the transport office's road equipment (street_light_in_an_estate)
_ESTATES = frozenset(fold_key(w) for w in {"perumahan", "perumahannya", "perum", "perumnas", "komplek", "kompleks",
                                           "komplex", "btn", "cluster", "klaster"})
# ...or the estate's developer or its facilities said anywhere ('developer sudah lepas tangan', 'fasum', 'PSU')
_ESTATE_MAKERS = frozenset(fold_key(w) for w in {"developer", "developernya", "pengembang", "psu", "fasum"})
_ESTATE_REACH = 4  # words from the light to the estate ('lampu pju di jalan perumahan')


def street_light_in_an_estate(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Lampu PJU di perumahan kami di Panjunan mati semua, developer sudah lepas tangan', 'lampu jalan di gang
    perumahan mati semua': a street light of a housing estate is one of the estate's public facilities, the housing
    office's (LABELLING.md: street lights in a housing estate → housing); the light's words count for it. Not a
    traffic light."""
    words = [fold_key(t.text) for t in tokens]
    if _TRAFFIC_LIGHTS & set(words) or any(w == "lampu" and words[k + 1] in _TRAFFIC_AFTER_LAMP
                                           for k, w in enumerate(words[:-1])):
        return hits
    maker = bool(_ESTATE_MAKERS & set(words))

    def in_an_estate(h: PhraseHit) -> bool:
        return (h.entry.source == "keyword" and h.entry.target == "dishub" and bool(_LIGHTS & set(words[h.start:h.end]))
                and (maker or bool(_ESTATES & set(words[h.end:h.end + _ESTATE_REACH]))))

    return [PhraseHit(h.start, h.end, replace(h.entry, target="perkim", category="infrastruktur"), h.q)
            if in_an_estate(h) else h for h in hits]


# (round 94, O) a housing estate its developer left ('developer kabur', 'pengembang sudah kabur', 'fasum belum
# diserahkan developer'): its roads, drains and lights are facilities (PSU) no one has taken over, the housing office's
# to take in (estate_left_by_its_developer)
_DEVELOPERS = frozenset(fold_key(w) for w in {"developer", "developernya", "pengembang", "pengembangnya"})
_ABANDONED = frozenset(fold_key(w) for w in {"kabur", "kabor", "menghilang", "bangkrut", "pailit"})
_HANDED = frozenset(fold_key(w) for w in {"diserahkan", "diserahin", "diserahkeun", "diserahke", "diserahno"})
_NOT_HANDED = frozenset(fold_key(w) for w in {"belum", "blm", "blum", "durung", "gak", "ga", "tidak", "tdk", "nggak",
                                              "ndak", "tak", "acan"})
_ESTATE_WORKS = frozenset({"pupr", "sda"})


def estate_left_by_its_developer(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Fasum taman dan jalan di perumahan kami belum diserahkan developer ke pemkot, jalannya rusak semua, developer
    kabur', 'jalan lingkungan di perumahan kami amblas dan pengembang sudah kabur': an estate's road or drain its
    developer never handed over is its public facilities (PSU) no office has yet taken in, the housing office's
    (bench/data/LABELLING.md's street-light row reads the same of an estate); the works' words count for it. Handed
    over ('sudah diserahkan pengembang ke pemkot tapi tidak pernah diperbaiki') it is the road office's."""
    words = [fold_key(t.text) for t in tokens]
    if not _DEVELOPERS & set(words):
        return hits
    not_handed = any(w in _HANDED and _NOT_HANDED & set(words[max(0, k - 2):k]) for k, w in enumerate(words))
    left = bool(_ABANDONED & set(words)) or any(w == "lepas" and words[k + 1] == "tangan"
                                                 for k, w in enumerate(words[:-1]))
    if not (not_handed or (left and not _HANDED & set(words))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="perkim", category="infrastruktur"), h.q)
            if h.entry.source == "keyword" and h.entry.target in _ESTATE_WORKS and h.entry.level is None else h
            for h in hits]


# (round 80) the shore said eaten away by the sea ('abrasi pantai makin parah', 'pantai terkikis', 'pemecah ombak
# hancur'): the shore's protection (breakwaters, revetments) is the water office's to build (Public Works outside
# Jakarta), so the abrasion and the waves that do it count for it (shore_worn_away)
_ABRASION = frozenset(fold_key(w) for w in {"abrasi", "abrasinya"})
_SHORES = frozenset(fold_key(w) for w in {"pantai", "pesisir", "pantainya", "bibir"})
_WORN = frozenset(fold_key(w) for w in {"terkikis", "tergerus", "ngikis", "mengikis", "terkikisnya", "kikis",
                                        "dimakan", "termakan", "tagarus", "takikih"})
# ...the works that should hold the sea back, said broken ('pemecah ombak hancur', 'batu grip pantai runtuah'; only
# asked for, 'mohon dibangun pemecah ombak', they are what the teller hopes will save the homes)
_SHORE_WORKS = (("pemecah", "ombak"), ("penahan", "ombak"), ("pemecah", "gelombang"), ("batu", "grip"),
                ("talud", "pantai"), ("pengaman", "pantai"), ("tanggul", "laut"))
_SHORE_REACH = 7  # words from the works to its state, the beach's name among them ('batu grip pantai di bungus teluk
# kabung runtuah')
_SHORE_BROKEN = _DYKE_FAILED | frozenset(fold_key(w) for w in {"runtuah", "ancur", "rubuh", "ambrol", "jabol"})
# ...unless homes are said reached or lost ('abrasi sudah 5 meter dari rumah warga', '3 rumah roboh'), people called
# its victims or moved ('korban abrasi', 'relokasi'): then the homes are the disaster office's emergency, whatever
# failed (the works said broken still decide)
_SHORE_HOMES = frozenset(fold_key(w) for w in {"rumah", "rumahnya", "rumah2", "omah", "umah", "warung", "pemukiman",
                                               "permukiman", "korban", "relokasi"})
# ...the waves (the disaster office's words 'ombak besar', 'gelombang tinggi'), said as what wears the shore away
_WAVES = frozenset(fold_key(w) for w in {"ombak", "gelombang"})
_SHORE_WORK = Entry("sda", "keyword", 6.0, "infrastruktur")


def shore_worn_away(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'abrasi pantai binuangeun makin parah, jalan desa tinggal 2 meter', 'pantai terkikis, pohon kelapa tumbang',
    'pemecah ombak di pantai sudah hancur, ombak besar': the shore worn away year by year is no one-off disaster but
    the want of its protection, a breakwater or revetment the water office (Public Works outside Jakarta) builds and
    mends; the abrasion and the waves count for it. Where homes are said reached or lost ('abrasi sudah 5 meter dari
    rumah warga') and no broken breakwater is blamed, people have to be brought out or fled, or relief is asked, it
    is the disaster office's emergency and the rule stands aside; a tidal flood said ('rob') is tide_made's."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    worn = bool(_ABRASION & said) or any(
        w in _SHORES and _WORN & set(words[k + 1:k + 1 + _DYKE_REACH]) for k, w in enumerate(words))
    works = any(tuple(words[k:k + len(s)]) == s and _SHORE_BROKEN & set(words[k + len(s):k + len(s) + _SHORE_REACH])
                for k in range(len(words)) for s in _SHORE_WORKS)
    stand_aside = said & (_PEOPLE_TO_SAVE | _RELIEF | _TIDE_WORDS) or (not works and _SHORE_HOMES & said)
    # (a mine wearing the shore away is the mine's: mine_made)
    if not (worn or works) or stand_aside or any(h.entry.target == "esdm" for h in hits):
        return hits
    out = [PhraseHit(h.start, h.end, replace(h.entry, target="sda", category="infrastruktur",
                                             weight=max(h.entry.weight, _SHORE_WORK.weight)), h.q)
           if h.entry.source == "keyword" and h.entry.target == "bpbd" and h.end - h.start <= 2
           and set(words[h.start:h.end]) & (_ABRASION | _WAVES) else h for h in hits]
    if not any(h.entry.target == "sda" and h.entry.source == "keyword" for h in out):
        at = next((k for k, w in enumerate(words) if w in _ABRASION | _SHORES | {s[0] for s in _SHORE_WORKS}), 0)
        out.append(PhraseHit(at, at + 1, _SHORE_WORK, 1.0))
    return out


# (round 80) the ground said moving ('tanah gerak', 'lemah gerak', 'pergerakan tanah'): a slow landslide that cracks
# and sinks whatever stands on it (ground_moving)
_GROUND_MOVES = frozenset(fold_key(w) for w in {"gerak", "bergerak", "pergerakan", "gerakan", "bergeser"})
# ...and the road it cracked or sank, said by the road pair's states
_CRACKED = frozenset(fold_key(w) for w in {"retak", "retak2", "ambles", "amblas", "ambrol", "anjlok", "turun",
                                           "bergeser", "merekah", "terbelah", "belah"})


def ground_moving(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'lemah gerak neng Winongsari, dalan dusun ambles, retak gedhe', 'jalan retak panjang 50 meter, tanah gerak':
    ground said moving is a land movement, the disaster office's to survey and to move the homes it threatens (the
    disaster words 'tanah gerak', 'pergerakan tanah'); the road it cracked or sank is how it shows, so the road pair
    counts as said in passing. A road said only broken, with no ground said moving, stays the road's office's."""
    words = [fold_key(t.text) for t in tokens]
    if not any(h.entry.source == "keyword" and h.entry.target == "bpbd"
               and _GROUND_MOVES & set(words[h.start:h.end]) for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "pupr" and h.entry.level is None
            and h.end - h.start > 1 and words[h.start] in _BROKEN_ROAD_NOUNS | {"dalan", "dalane"}
            and _CRACKED & set(words[h.start:h.end]) else h for h in hits]


# (round 80) a flood told by what the water did ('banyu masuk rumah', 'air danau naik sampai ke dalam rumah', 'banyu
# mlebu omah'): water (a river's, a lake's) said to come up into homes (water_came_in)
_WATER = frozenset(fold_key(w) for w in {"air", "aer", "aia", "cai", "banyu", "banyune", "airnya", "aernya"})
_CAME_IN = frozenset(fold_key(w) for w in {"masuk", "mlebu", "naik", "masuak", "tamasuk", "merendam", "ngerendam",
                                           "nyampe", "sampai", "sampe", "menggenangi", "ngegenangi", "munggah"})
_INTO_HOMES = _HOMES | frozenset(fold_key(w) for w in {"rumah2", "umah", "omahe", "rumah-rumah", "dapur", "omah2"})
# ...not the sea at high tide (tide_made's: 'air laut masuk rumah tiap pasang'), nor the water company's water that
# does or does not reach a home ('air pdam gak masuk rumah')
_SEA = frozenset(fold_key(w) for w in {"laut", "pasang", "rob", "segara", "pdam", "pam", "ledeng", "keran", "kran"})
_CAME_REACH = 3  # words from the water to its coming, and from there to the home ('banyu sungai naik masuk rumah')
_FLOOD_IN_HOMES = Entry("bpbd", "keyword", 6.0, "bencana")


def water_came_in(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'banyu masuk rumah sudah 3 minggu kada surut', 'air danau naik sampai ke dalam rumah sudah 10 hari', 'banyu
    sungai naik masuk rumah, titian putus': water said come up into homes is a flood, though the word is not said,
    and the homes under water are the disaster office's emergency: it counts as 'banjir' does, and a road or bridge
    it broke is how it shows, said in passing (as people_to_save reads). Not where the flood comes with every rain or
    a drain or channel is said (a standing fault: its office's), nor the sea at high tide (tide_made), nor piped
    water."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    flood_said = any(h.entry.source == "keyword" and h.entry.target == "bpbd" and h.entry.weight >= 5
                     and set(words[h.start:h.end]) & FLOOD_WORDS for h in hits)
    drain_said = any(h.entry.target == "sda" and h.entry.source == "keyword" for h in hits)
    every_rain = any(w in _EVERY_RAIN[1] and k > 0 and words[k - 1] in _EVERY_RAIN[0] for k, w in enumerate(words))
    # (works a level runs said, 'tanggul lumpur' the nation's: that level's office decides, as people_to_save reads)
    level_said = any(h.entry.source == "keyword" and h.entry.target in ("pupr", "sda") and h.entry.level is not None
                     for h in hits)
    if said & _SEA or flood_said or drain_said or every_rain or level_said:
        return hits

    def comes_in(k: int) -> bool:
        came = [j for j in range(k + 1, min(len(words), k + 1 + _CAME_REACH)) if words[j] in _CAME_IN]
        return bool(came) and words[came[0] - 1] not in LACKING | WITHOUT and bool(
            _INTO_HOMES & set(words[came[0] + 1:came[0] + 2 + _CAME_REACH]))

    at = next((k for k, w in enumerate(words) if w in _WATER and comes_in(k)), None)
    if at is None:
        return hits

    def carried(h: PhraseHit) -> bool:
        return (h.entry.source == "keyword" and h.entry.target in ("pupr", "sda") and h.entry.level is None
                and h.end - h.start > 1 and words[h.start] in _CARRIERS)

    out = [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
           if carried(h) else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _FLOOD_IN_HOMES, 1.0)]


# (round 80) an irrigation channel, weir or sluice said failed or dry (the water office's pairs 'irigasi ... kering',
# 'bendung ... jebol'; Public Works outside Jakarta), whose nouns these are (irrigation_failed)
_IRRIGATION = frozenset(fold_key(w) for w in {"irigasi", "bendung", "bendungan", "pintu", "banda", "handil", "bandar",
                                              "saluran", "dam"})
# ...and the crop it left dry, the farm office's words of the loss ('sawah kering', 'petani gagal tanam', 'padi mati')
_CROP_LOST = frozenset(fold_key(w) for w in {"sawah", "sawahe", "petani", "padi", "pari", "gagal", "tanam", "panen",
                                             "puso", "tandur", "kebun"})
# ...unless the farm's own works are said: a tertiary channel or a pump is agriculture's (bench/data/LABELLING.md)
_FARM_WORKS = frozenset(fold_key(w) for w in {"tersier", "pompa", "sumur", "p3a", "hippa"})


def irrigation_failed(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'irigasi di Pompengan kering, air dari bendung tdk sampai ke sawah, petani gagal tanam': an irrigation channel
    or weir said failed is the office's that holds the irrigation area (Public Works of the kabupaten when unsaid,
    the guide's irrigation ruling); the fields, farmers and lost planting are what it cost, so the farm office's words
    of the loss count once, as said in passing. A tertiary channel or a pump (the farm's own works) stays
    agriculture's; pests or fertiliser said are their own complaint."""
    words = [fold_key(t.text) for t in tokens]
    if _FARM_WORKS & set(words) or not any(
            h.entry.source == "keyword" and h.entry.target == "sda" and h.end - h.start > 1
            and words[h.start] in _IRRIGATION for h in hits):
        return hits
    lost = [h for h in hits if h.entry.source == "keyword" and h.entry.target == "distan"
            and set(words[h.start:h.end]) <= _CROP_LOST]
    if not lost or any(h.entry.source == "keyword" and h.entry.target == "distan" and h not in lost for h in hits):
        return hits
    out = [h for h in hits if h not in lost]
    return [*out, PhraseHit(lost[0].start, lost[0].end,
                            replace(lost[0].entry, weight=min(lost[0].entry.weight, _IN_PASSING_WEIGHT)), lost[0].q)]


# (round 80) a fuel outlet said ('SPBN', 'SPBUN', 'APMS', 'SPBU'): where fishers buy their subsidised diesel
# (outlet_run_dry)
_OUTLETS = frozenset(fold_key(w) for w in {"spbn", "spbun", "spdn", "apms", "spbu", "spbb", "spbkb"})
# ...and the fisheries office's own part, the letter or card that entitles a boat to its litres ('surat
# rekomendasi', 'kartu kusuka'): then it is that office's, whatever the outlet did
_ENTITLEMENT = frozenset(fold_key(w) for w in {"rekomendasi", "rekom", "kusuka", "kartu", "surat", "pendataan",
                                               "didata", "terdaftar"})
# ...nor the fishers' hardship told of the fuel ('nelayan susah dapat solar', 'ora entuk BBM', 'ga kebagian solar'):
# fishers simply not getting their diesel are the fisheries office's to see entitled (the guide's fishers' diesel
# ruling), unless the outlet itself is said shut or empty ('SPBN tutup', 'spbun kosong')
_HARDSHIP = frozenset(fold_key(w) for w in {"susah", "kesulitan", "sulit", "sukar", "kebagian", "kebagi", "entuk",
                                            "dapat", "dapet", "dpt", "dapa"})
# ...and the outlet's fuel said (not a fuel station as a polluter: 'sumur tercemar minyak dari spbu')
_FUELS = frozenset(fold_key(w) for w in {"solar", "biosolar", "bbm", "pertalite", "bensin", "dexlite", "premium"})
_SHUT = frozenset(fold_key(w) for w in {"tutup", "kosong", "ditutup", "tutupnya"})
_FUEL_REACH = 3  # words from the hardship to the fuel ('susah dapat solar', 'ora entuk BBM solar'), and from the
# outlet to its state ('SPBN tutup sudah dua minggu')
_OUTLET_RUN = Entry("pertamina", "keyword", 6.0, "utilitas")


def outlet_run_dry(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'solar di SPBN kosong terus, nelayan antri', 'SPBUN tutup sudah dua minggu, nelayan tak bisa melaut', 'nelayan
    minta SPBN, beli solar harus ke kota': fishers' diesel said of its outlet (empty, closed, its quota gone, its
    queue, its price, or one asked for) is Pertamina's, which runs the outlet and its quota (bench/data/LABELLING.md,
    fishers' diesel); the fishers' pair of the fisheries office counts for it. The letter of recommendation or the
    fishers' card said (the office's own paper), or the fishers' hardship told of the fuel ('nelayan susah dapat
    solar di SPBN': fishers not getting their diesel) with the outlet not said shut or empty, keeps it the fisheries
    office's."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    hardship = any(w in _HARDSHIP and _FUELS & set(words[k + 1:k + 1 + _FUEL_REACH]) for k, w in enumerate(words))
    shut = any(w in _OUTLETS and _SHUT & set(words[k + 1:k + 1 + _FUEL_REACH]) for k, w in enumerate(words))
    if not (_OUTLETS & said and _FUELS & said) or said & _ENTITLEMENT or (hardship and not shut):
        return hits
    out = [PhraseHit(h.start, h.end, replace(h.entry, target="pertamina", category="utilitas", level=None), h.q)
           if h.entry.source == "keyword" and h.entry.target == "diskan" else h for h in hits]
    if not any(h.entry.target == "pertamina" and h.entry.source == "keyword" and h.entry.weight >= 5 for h in out):
        at = next(k for k, w in enumerate(words) if w in _OUTLETS)
        out.append(PhraseHit(at, at + 1, _OUTLET_RUN, 1.0))
    return out


# (round 85) kerosene ('minyak tanah') said at its base ('pangkalan jual ke luar', 'pangkalan jual 15 ribu'), hoarded
# or its price asked watched: distribution and the set price at the base are the kabupaten/kota trade office's, as for
# 3 kg LPG (bench/data/LABELLING.md's LPG row) (kerosene_at_the_base)
_KEROSENE = (fold_key("minyak"), fold_key("tanah"))
_AT_THE_BASE = frozenset(fold_key(w) for w in {
    "pangkalan", "pangkalannya", "het", "menimbun", "ditimbun", "penimbun", "timbun", "diawasi", "awasi", "pengecer"})
# ...not where Pertamina's own agent or station, or Pertamina itself, is said
_PERTAMINAS_OWN = frozenset(fold_key(w) for w in {"agen", "agennya", "spbu", "apms", "pertamina", "depot", "kuota"})
_TRADE = "disperindag"


def kerosene_at_the_base(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'minyak tanah mahal, pangkalan jual ke luar', 'minyak tanah subsidi langka, pangkalan jual 15 ribu', 'harga
    minyak tanah naik, penjual menimbun, mohon diawasi': subsidised kerosene at its base, hoarded or its price to be
    watched is the kabupaten/kota trade office's, as 3 kg LPG is (LABELLING.md); its agent, a station or Pertamina
    said keeps Pertamina's. (Round 94, O: so is its price by the litre at the base, 'minyak tanah di pangkalan X
    dijual 10 ribu per liter', the fuel-price pair that starts at the kerosene.)"""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    if not _AT_THE_BASE & said or _PERTAMINAS_OWN & said:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target=_TRADE, category="lainnya", level=None), h.q)
            if h.entry.source == "keyword" and h.entry.target == "pertamina"
            and tuple(words[h.start:h.start + len(_KEROSENE)]) == _KEROSENE else h for h in hits]


# (round 80) children said riding to school by boat or bus ('anak sekolah naik pompong ke SMP di seberang', 'anak2
# smp ga dapat bus sekolah'): the ride is the complaint, the school only where they go (school_run)
_RIDE_VERBS = frozenset(fold_key(w) for w in {"naik", "numpak", "nyebrang", "menyeberang", "nyeberang", "pakai",
                                              "pake", "nganggo", "numpang", "menumpang", "dapat", "dapet"})
_RIDES = frozenset(fold_key(w) for w in {"pompong", "perahu", "kapal", "speedboat", "spedboat", "klotok", "kelotok",
                                         "ketek", "getek", "rakit", "jukung", "compreng", "sampan", "bus", "bis",
                                         "penyeberangan", "feri", "ferry"})
_RIDE_REACH = 2  # words from the verb to the vehicle ('naik kapal motor', 'ga dapat bus sekolah')
# ...unless the school itself is complained of: its teachers, rooms, fees or admission ('guru tidak datang')
_SCHOOL_FAULTS = frozenset(fold_key(w) for w in {
    "guru", "gurunya", "kelas", "ruang", "gedung", "bangunan", "atap", "ppdb", "zonasi", "ijazah", "seragam",
    "pungutan", "pungli", "spp", "bos", "beasiswa", "kip", "pip", "bullying", "dibully", "rapor", "daftar",
    "mendaftar", "ditolak", "roboh", "ambruk", "runtuh", "gempa"})
_SCHOOL_RIDE = Entry("dishub", "keyword", 5.0, "transportasi")


def school_run(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'anak2 sekolah naik pompong ke sekolah SMP di seberang, pompongnya bocor', 'anak sy siswa SMA, tiap minggu
    pulang naik kapal, jadwal gak jelas', 'anak2 smp ga dapat bus sekolah lagi': the boat or bus children ride to
    school is the transport office's to run or license (the crossing of its level, the school bus); the school and
    the pupils are where they go and who they are, so the education office's words count once, as said in passing.
    The school itself complained of (its teachers, rooms, fees, admission) stays the education office's."""
    words = [fold_key(t.text) for t in tokens]
    if _SCHOOL_FAULTS & set(words):
        return hits
    ride = next((j for k, w in enumerate(words) if w in _RIDE_VERBS
                 for j in range(k + 1, min(len(words), k + 1 + _RIDE_REACH)) if words[j] in _RIDES), None)
    school = [h for h in hits if h.entry.source == "keyword" and h.entry.target == "disdik"]
    if ride is None or not school:
        return hits
    out = [h for h in hits if h not in school]
    out.append(PhraseHit(school[0].start, school[0].end,
                         replace(school[0].entry, weight=min(school[0].entry.weight, _IN_PASSING_WEIGHT), level=None),
                         school[0].q))
    if not any(h.entry.source == "keyword" and h.entry.target in ("dishub", "kemenhub") and h.entry.weight >= 3
               for h in out):
        out.append(PhraseHit(ride, ride + 1, _SCHOOL_RIDE, 1.0))
    return out


# (round 91, O) a road or bridge said leading to a school ('jembatan gantung ... nu nyambung ka sakola SD tos rusak',
# 'jalan menuju SD rusak', 'dalan menyang SMP'): the school is where it goes, its damage the road's (way_to_school)
_WAYS = _ROADS | _BRIDGES | frozenset(fold_key(w) for w in {"dalan", "dalane", "jalane", "jalannya", "rurung"})
_TOWARD = frozenset(fold_key(w) for w in {"ke", "ka", "menuju", "menyang", "nyang", "nang", "tekan", "arah", "nuju",
                                         "pi"})
_SCHOOLS = frozenset(fold_key(w) for w in {"sekolah", "sakola", "sekola", "skolah", "sikola", "sd", "sdn", "smp",
                                           "smpn", "sma", "sman", "smk", "smkn", "mts", "madrasah", "paud", "tk"})
# words from the road or bridge to the word toward the school ('jembatan gantung di lembur kami nu nyambung ka')
_WAY_REACH = 8
# ...not a walk ('jalan kaki 4 km ke sekolah'), nor the school's own trouble said besides (its teachers, fees, merger)
_WALKED = frozenset(fold_key(w) for w in {"kaki", "kaki2"})
_SCHOOLS_OWN = frozenset(fold_key(w) for w in {
    "guru", "gurunya", "pungutan", "pungli", "spp", "bos", "ppdb", "zonasi", "ijazah", "seragam", "digabung",
    "merger", "regrouping", "ditutup", "bullying", "dibully", "beasiswa", "pip", "kip"})


def way_to_school(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'jembatan gantung di lembur kami nu nyambung ka sakola SD tos rusak', 'jalan desa menuju SD rusak dan becek':
    a road or bridge said leading to a school is the road office's to mend; the school and its pupils are where it
    goes and who use it, so the education office's words (and the pair 'SD ... rusak' the road's damage makes) count
    once, as said in passing. A walk to school, or the school's own trouble said (teachers, fees, a merger), keeps
    them."""
    words = [fold_key(t.text) for t in tokens]
    if _SCHOOLS_OWN & set(words):
        return hits

    def leads_to_school(k: int) -> bool:
        ahead = words[k + 1:k + 1 + _WAY_REACH]
        return words[k] in _WAYS and not (ahead and ahead[0] in _WALKED) and any(
            w in _TOWARD and k + 2 + j < len(words) and words[k + 2 + j] in _SCHOOLS for j, w in enumerate(ahead))

    school = [h for h in hits if h.entry.source == "keyword" and h.entry.target == "disdik"]
    if not school or not any(leads_to_school(k) for k in range(len(words))) or not any(
            h.entry.source == "keyword" and h.entry.target == "pupr" for h in hits):
        return hits
    # (once, as school_run counts them: 'sakola', 'SMP' and 'SMP tos ruksak' are one school said)
    first_said = school[0]
    return [*(h for h in hits if h not in school),
            PhraseHit(first_said.start, first_said.end, replace(
                first_said.entry, weight=min(first_said.entry.weight, _IN_PASSING_WEIGHT), level=None), first_said.q)]


# (round 82) a village's water with no pipe of the water company said: its wells said salty or brackish ('sumur
# asin', 'sumur payau'), piping asked for ('minta pipanisasi'), or its pipe said an aid or project pipe ('pipa air
# bersih bantuan rusak') (water_works_wanting)
_WELLS = frozenset(fold_key(w) for w in {"sumur", "sumur2", "sumure", "sumurnya", "sumur-sumur"})
_BRACKISH = frozenset(fold_key(w) for w in {"asin", "payau", "asin2", "masin"})
_WELL_REACH = 3  # words from the well to its state ('sumur gali keruh asin', 'sumur di sini asin')
_PIPES = frozenset(fold_key(w) for w in {"pipa", "pipanya", "pipa2", "selang"})
_AID_BUILT = frozenset(fold_key(w) for w in {"bantuan", "proyek", "hibah", "program"})
_PIPE_REACH = 4  # words from the pipe to who built it ('pipa air bersih bantuan rusak')
_PIPING = frozenset(fold_key(w) for w in {"pipanisasi", "perpipaan"})
# ...unless the wells are said dry (the drought's, the disaster office's tanker water) or the network or a house
# connection is asked for ('mohon dibangun jaringan', 'katanya mau dipasang pipa air bersih'): the water company's to
# extend and connect
_DRY = frozenset(fold_key(w) for w in {"kering", "asat", "garing", "habis", "kerreng", "mengering", "saraat"})
_NETWORK = frozenset(fold_key(w) for w in {"jaringan", "sambungan", "dipasang", "dipasangi", "pemasangan"})
# ...or clean water said not there at all ('tra ada air bersih', 'air bersih tara ada'): a place no pipe reaches, so
# long as no pipe is said (a pipe said broken may be the water company's own) nor a disaster that cut the supply
_NO = frozenset(fold_key(w) for w in LACKING | {"tara", "sonde", "seng", "nyanda", "indak", "hana", "ora"})
_THERE = frozenset(fold_key(w) for w in {"ada", "ado", "ana", "ono", "aya"})
_CLEAN_WATER = (frozenset(fold_key(w) for w in {"air", "aer", "aia", "banyu"}),
                frozenset(fold_key(w) for w in {"bersih", "besih", "resik", "minum"}))
_CUT_OFF = frozenset(fold_key(w) for w in FLOOD_WORDS | LANDSLIDE_WORDS | {
    "banjir", "bandang", "gempa", "erupsi", "huntap", "huntara", "hunian", "pengungsi", "ngungsi", "mengungsi"})


def water_works_wanting(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'air bersih susah, sumur asin, minta bantuan pipanisasi', 'air bersih susah, sumur payau', 'pipa air bersih
    bantuan rusak, air tidak jalan', 'pulau kami tra ada air bersih': a village whose wells are salty or brackish,
    which asks to be piped, whose pipe an aid project laid, or which has no clean water at all has no water
    company's network; its drinking-water works (a pipe from a spring, a
    bore well, a tank) are Public Works' to build or mend (UU 23/2014, drinking water; bench/data/LABELLING.md,
    village water), so the clean-water words count for it. The water company named or billed, its network asked for,
    wells said dry (the drought's emergency) or a drought said leave them as they were."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)

    def after(k: int, reach: int, states: frozenset[str]) -> bool:
        return bool(states & set(words[k + 1:k + 1 + reach]))

    brackish = any(w in _WELLS and after(k, _WELL_REACH, _BRACKISH) for k, w in enumerate(words))
    aid_pipe = any(w in _PIPES and after(k, _PIPE_REACH, _AID_BUILT) for k, w in enumerate(words))
    dry = any(w in _WELLS and after(k, _WELL_REACH, _DRY) for k, w in enumerate(words))
    clean = [k for k in range(len(words) - 1) if words[k] in _CLEAN_WATER[0] and words[k + 1] in _CLEAN_WATER[1]]
    none_at_all = not (_PIPES | _CUT_OFF) & said and any(
        (k >= 2 and words[k - 2] in _NO and words[k - 1] in _THERE)
        or (k + 3 < len(words) and words[k + 2] in _NO and words[k + 3] in _THERE) for k in clean)
    if not (brackish or aid_pipe or none_at_all or _PIPING & said) or dry or said & (
            _WATER_COMPANY | _DROUGHT | _NETWORK) or any(
            h.entry.source == "alias" and h.entry.target == "pdam" for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(_WATER_WORKS, weight=h.entry.weight), h.q)
            if h.entry.source == "keyword" and h.entry.target == "pdam" else h for h in hits]


# (round 82) a pump said with the fields it waters ('pompa air bantuan buat sawah rusak', 'sawah kekeringan, pompa
# bantuan rusak'): the farm's own works (farm_pump)
_PUMPS = frozenset(fold_key(w) for w in {"pompa", "pompanya", "pompane", "mesin pompa"})
_FIELDS = frozenset(fold_key(w) for w in {"sawah", "sawahe", "sawahnya", "petani", "padi", "pari", "tandur",
                                          "kelompok", "poktan", "ladang", "tegalan"})
# ...not a flood pump ('pompa banjir mati, sawah terendam'): a flood said is the water office's pump
_FLOODED = frozenset(fold_key(w) for w in FLOOD_WORDS | {"rob", "terendam", "kelelep", "banjirnya"})
_FARM = "distan"


def farm_pump(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'irigasi di sawah rusak, pompa air bantuan tidak jalan', 'sawah kekeringan pompa bantuan rusak durung
    didandani': a pump that waters the fields is the farm's own works, the agriculture office's (it hands out and
    keeps the farmers' pumps; bench/data/LABELLING.md, irrigation: 'a farm's tertiary channel or pump → agriculture'),
    so the pump's words (the water office's pair 'pompa ... tidak jalan') count for it, and the water company's words
    the pump's water makes ('air ... tidak jalan') are said in passing. A flood said ('pompa banjir mati, sawah
    terendam') keeps the pump the water office's."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    if not (_PUMPS & said and _FIELDS & said) or _FLOODED & said:
        return hits
    pumps = [h for h in hits if h.entry.source == "keyword" and h.entry.target == "sda"
             and _PUMPS & set(words[h.start:h.end])]
    if not pumps:
        return hits
    out = []
    for h in hits:
        if h in pumps:
            h = PhraseHit(h.start, h.end, replace(h.entry, target=_FARM, category="lainnya", level=None), h.q)
        elif h.entry.source == "keyword" and h.entry.target == "pdam" and any(
                p.start <= h.start < p.end for p in pumps):
            h = PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
        out.append(h)
    return out


# (round 82) a sea dyke ('tanggul laut', the ministry's word: the great sea wall it builds) said failed
# ('tanggul laut bocor', 'tanggul laut ambrol') (sea_dyke_failed)
_SEA = frozenset(fold_key(w) for w in {"laut", "pantai", "rob"})


def sea_dyke_failed(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'rob masuk gang tiap sore, tanggul laut bocor', 'tanggul laut di kalibaru bocor, air laut rembes': a sea dyke
    said leaking or broken is the one standing before the kampung, the kabupaten/kota water office's to mend (DKI's
    water office, Public Works elsewhere); only the sea wall still awaited ('tanggul laut kapan dibangun', 'dulu
    dijanjikan tanggul laut') is the ministry's project, so the dyke's words lose the nation's level where it is said
    failed."""
    words = [fold_key(t.text) for t in tokens]
    failed = any(w in _DYKES and k + 1 < len(words) and words[k + 1] in _SEA
                 and _DYKE_FAILED & set(words[k + 2:k + 2 + _DYKE_REACH]) for k, w in enumerate(words))
    if not failed:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, level=None), h.q)
            if h.entry.source == "keyword" and h.entry.target == "sda" and h.entry.level == "pusat"
            and _DYKES & set(words[h.start:h.end]) and _SEA & set(words[h.start:h.end]) else h for h in hits]


# (round 83) a pipe said to come from a spring ('pipa dari mata air', Sundanese 'pipa cai ti cinyusu'): a village's own
# drinking-water works, outside the water company's network (spring_pipe_cut)
_SPRINGS = tuple(tuple(fold_key(w) for w in s) for s in (
    ("mata", "air"), ("mata", "aer"), ("mata", "aia"), ("cinyusu",), ("sumber", "air"), ("umbul",)))
_SPRING_REACH = 5  # words from the pipe to its spring ('pipa air dari mata air', 'pipa cai ti cinyusu')
# ...and the hazards said to have cut it ('putus kena longsor', 'putus sejak gempa', 'kagerus longsor')
_PIPE_CUTTERS = frozenset(fold_key(w) for w in LANDSLIDE_WORDS | FLOOD_WORDS | {
    "banjir", "bandang", "gempa", "lini", "erupsi"})


def spring_pipe_cut(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'pipa air dari mata air putus sejak gempa, kami angkut jerigen dari kali', 'pipa cai ti cinyusu peupeus kagerus
    longsor, tos saminggu teu ngocor': a village's pipe from its spring is its drinking-water works, Public Works' to
    mend (UU 23/2014, drinking water; bench/data/LABELLING.md, village water: a spring intake or pipe outside the
    water company's network), though a landslide, a flood or a quake broke it; the hazard is how the pipe was lost, a
    word said in passing (as road_cut_by_landslide reads a road), and the pipe's and the water's words ('pipa cai',
    'cai teu ngocor') count for Public Works, as water_works_not_reached reads them. People
    hurt, fled or homes hit (the disaster itself) and the water company named or billed leave them as they were."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    spring = any(w in _PIPES and any(tuple(words[j:j + len(s)]) == s for s in _SPRINGS
                                     for j in range(k + 1, min(len(words), k + 1 + _SPRING_REACH)))
                 for k, w in enumerate(words))
    homes_hit = any(w in _BURIED and _HOMES & set(words[max(0, k - 3):k]) for k, w in enumerate(words))
    if not spring or homes_hit or said & (_LANDSLIDE_VICTIMS | _RELIEF | _WATER_COMPANY) or any(
            h.entry.source == "alias" and h.entry.target == "pdam" for h in hits):
        return hits
    out = []
    for h in hits:
        if h.entry.source == "keyword" and h.entry.target == "bpbd" and set(words[h.start:h.end]) <= _PIPE_CUTTERS:
            h = PhraseHit(h.start, h.end, RAIN_MADE, h.q)
        elif h.entry.source == "keyword" and h.entry.target == "pdam":
            h = PhraseHit(h.start, h.end, replace(_WATER_WORKS, weight=h.entry.weight), h.q)
        out.append(h)
    return out


# (round 83) Riau and Kepri Malay 'pelantar': the plank walkway over water between stilt houses, read as a jetty
# ('dermaga') by regional_words.csv; with no boat, passenger or catch said it is the village path (walkway_over_water)
_WALKWAYS = frozenset(fold_key(w) for w in {"pelantar", "pelantarnya", "pelantar2"})
_LANDING = frozenset(fold_key(w) for w in {
    "perahu", "kapal", "pompong", "speedboat", "spedboat", "speed", "boat", "sampan", "jukung", "klotok", "kelotok",
    "feri", "ferry", "penumpang", "sandar", "bersandar", "tambat", "tambatan", "nelayan", "ikan", "wisata",
    "wisatawan", "peziarah", "pelabuhan", "tarif", "dermaga"})
_VILLAGE_PATH = Entry("pupr", "keyword", 4.0, "infrastruktur")


def walkway_over_water(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'pelantar kayu antar rumah dah lapuk, budak jatuh ke parit', 'pelantar di kampung lapuk, papan banyak patah,
    nenek terperosok': a pelantar said with no boat landing at it, no passenger, fisher or catch, is the plank
    walkway between stilt houses, a village path the kabupaten/kota Public Works mends (bench/data/LABELLING.md, jetty
    row), not a jetty for the transport office. Read from the teller's own words (`tokens`, not the words read), where
    'pelantar' is still itself; a boat or a fisher said keeps the jetty."""
    words = [fold_key(t.text) for t in tokens]
    if not _WALKWAYS & set(words) or _LANDING & set(words):
        return hits
    return [PhraseHit(h.start, h.end, replace(_VILLAGE_PATH, weight=max(h.entry.weight, _VILLAGE_PATH.weight)), h.q)
            if h.entry.source == "keyword" and h.entry.target in {"dishub", "kemenhub"}
            and _WALKWAYS & set(words[h.start:h.end]) else h for h in hits]


# (round 87, o) the flood or landslide said to have broken an irrigation channel or weir ('runtuah kanai galodo',
# 'jebol waktu banjir bulan lalu', 'tertimbun longsor'): how it was lost (channel_cut_by_a_hazard)
_CHANNEL_CUTTERS = frozenset(fold_key(w) for w in FLOOD_WORDS | LANDSLIDE_WORDS | {"bandang", "galodo", "tertimbun",
                                                                                     "ketimbun", "tanah"})
# ...unless the hazard hit people: homes, the fled, the missing, the relief they need (then it is the disaster itself)
_PEOPLE_HIT = _LANDSLIDE_VICTIMS | _HOMES | frozenset(fold_key(w) for w in {
    "evakuasi", "dievakuasi", "logistik", "sembako", "tenda", "selimut", "hilang", "terendam", "rumahnya", "omahe",
    "imah", "griya"})


def channel_cut_by_a_hazard(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'banda irigasi runtuah kanai galodo, sawah indak dapek aia', 'saluran irigasi jebol waktu banjir bulan lalu,
    air tidak sampai ke sawah': an irrigation channel or weir a flood or a landslide broke is the water resources
    works' to rebuild (Public Works of the kabupaten when unsaid: bench/data/LABELLING.md, irrigation), as a road a
    landslide cut is the road office's (road_cut_by_landslide); the hazard is how it was lost, its words counting for
    the disaster office as a flood every rain brings. A hazard that hit homes or people, or relief asked for (tents,
    evacuation) is the disaster itself and keeps the disaster office's."""
    words = [fold_key(t.text) for t in tokens]
    if _PEOPLE_HIT & set(words) or not any(
            h.entry.source == "keyword" and h.entry.target == "sda" and h.end - h.start > 1
            and _IRRIGATION & set(words[h.start:h.start + 2]) for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, RAIN_MADE, h.q)
            if h.entry.source == "keyword" and h.entry.target == "bpbd"
            and set(words[h.start:h.end]) <= _CHANNEL_CUTTERS else h for h in hits]


# (round 92, O) a school's building said hit by a hazard ('sekolah TK dan SD ... kebanjiran lumpur longsor, ruang kelas
# ketimbun', 'sekolah talang kelapa kebanjiran', 'SDN kerendem banjir seminggu'): the school word, then within
# _HIT_REACH words the hazard that struck it (school_hit_by_a_hazard)
_SCHOOL_BUILDINGS = _SCHOOLS | frozenset(fold_key(w) for w in {
    "sdnya", "sekolahnya", "sekolahe", "sakolana", "kelas", "kelasnya", "kelase", "madrasahnya", "mi", "min"})
_STRUCK_BY = frozenset(fold_key(w) for w in {
    "kebanjiran", "kabanjiran", "kebanjir", "terendam", "kerendem", "kerendam", "kerendeman", "tarandam", "kelelep",
    "kelebu", "ketimbun", "tertimbun", "katimbun", "tatimbun", "ketimbunan", "kemasukan", "kelongsoran"})
# ...or said 'kena', 'akibat', 'diterjang' with the hazard right after ('SD rusak kena banjir', 'diterjang longsor')
_STRUCK_HOW = frozenset(fold_key(w) for w in {"kena", "keno", "kanai", "akibat", "diterjang", "dihantam",
                                              "terjangan", "dilanda", "dihempas", "ditimpa"})
_SCHOOL_HAZARDS = frozenset(fold_key(w) for w in FLOOD_WORDS | LANDSLIDE_WORDS | {
    "rob", "lumpur", "bandang", "galodo", "banjirnya", "air", "lahar"})
# ...a school building struck weighs as the damaged school's pair ('sekolah ... rusak', keyword_pairs.csv)
_STRUCK_SCHOOL = Entry("disdik", "keyword", 7.0, "pendidikan")
_HIT_REACH = 5  # words from the school to what struck it ('sekolah TK dan SD nang Lemahabang Doro kebanjiran')
# ...not where people fled to ('ngungsi ke sekolah'), nor with homes, fields or people hit or relief asked (the disaster
# itself: the disaster office's emergency, the school one more place it reached)
_A_DISASTERS_OWN = frozenset(fold_key(w) for w in {
    "ngungsi", "mengungsi", "pengungsi", "pengungsian", "diungsikan", "evakuasi", "dievakuasi", "logistik",
    "sembako", "terpal", "korban", "meninggal", "tewas", "hilang", "kebun", "kebon", "sawah", "ladang", "ternak",
    "tambak"})
# ...homes said right before what struck ('rumah warga dan sekolah terendam'): the flood hit the kampung
_HIT_HOMES = frozenset(fold_key(w) for w in {
    "rumah", "rumah2", "omah", "imah", "umah", "pemukiman", "permukiman", "perumahan", "rumahnya", "omahe"})


def school_hit_by_a_hazard(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'sekolah TK dan SD nang Lemahabang Doro kebanjiran lumpur longsor, ruang kelas ketimbun ... mohon dibantu
    bersih2 lan dibangun maneh', 'sekolah talang kelapa kebanjiran, libur seminggu': a school building the story says
    a flood or a landslide struck, with no homes or people hit, is the education office's to clean and rebuild (it
    keeps the kabupaten's primary and junior schools, UU 23/2014); the hazard is how the building was lost, its words
    counting for the disaster office as a flood every rain brings (as a road a landslide cut, road_cut_by_landslide),
    and the school struck weighs as its damage said ('sekolah ... rusak').
    Not a school named as a landmark ('jalan depan sekolah banjir'), nor one people fled to, nor a hazard that hit
    homes or people or for which relief is asked (the disaster itself)."""
    words = [fold_key(t.text) for t in tokens]
    if _A_DISASTERS_OWN & set(words):
        return hits

    def struck(k: int) -> bool:
        ahead = words[k + 1:k + 1 + _HIT_REACH]
        return any(w in _STRUCK_BY or (w in _STRUCK_HOW and j + 1 < len(ahead) and ahead[j + 1] in _SCHOOL_HAZARDS)
                   for j, w in enumerate(ahead))

    homes_hit = any((w in _STRUCK_BY or w in _SCHOOL_HAZARDS) and _HIT_HOMES & set(words[max(0, j - _HIT_REACH):j])
                    for j, w in enumerate(words))
    at = next((k for k, w in enumerate(words) if w in _SCHOOL_BUILDINGS
               and not (k > 0 and words[k - 1] in LANDMARK_WORDS) and struck(k)), None)
    if homes_hit or at is None:
        return hits
    out = [PhraseHit(h.start, h.end, RAIN_MADE, h.q)
           if h.entry.source == "keyword" and h.entry.target == "bpbd"
           and set(words[h.start:h.end]) <= _STRUCK_BY | _SCHOOL_HAZARDS else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _STRUCK_SCHOOL, 1.0)]
