"""Agency catalog and matching 'capil lotim' / 'dinkes jogja' / 'jalan desa rusak' to the responsible body.

The catalog is data: a CSV the deployment provides (code, name, level, region_code, aliases, parent,
and optionally kind and category), or the default one built here from the Kemendagri regions and a
nomenclature table (bot/data/agencies/nomenclature.csv) plus central bodies (central.csv).

A lookup never scans the catalog. It finds (1) agency kinds or specific agencies named by acronym or
alias, (2) the region the text names (RegionIndex), (3) problem keywords, and then reads the few
matching agencies from a dict keyed by (kind, region code). That keeps a lookup well under 2 ms over
>12,000 agencies, so it can run inline on the event loop.

`AgencyCatalog` is one index whose ranking steps share its tables. Beside it: the agencies themselves and the
standard regional offices (agency_offices), what a story sets aside as not the complaint's (asides), the rules that
reread its problem words for the office that runs the thing (office_rules, office_rules_works, office_rules_people);
keywords, regions and normalisation are modules of their own.
"""

from __future__ import annotations

import csv
import math
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar, TextIO

from rapidfuzz import fuzz, process, utils

from bot.understanding import office_rules as rules
from bot.understanding import office_rules_level as level_rules
from bot.understanding import office_rules_people as people_rules
from bot.understanding import office_rules_works as works_rules
from bot.understanding.agency_offices import Agency, Offices, OfficesOfKind, RegionalOffices, read_agencies_csv
from bot.understanding.asides import (
    HOME_CUES,
    NEGATIONS,
    WORK_CUES,
    clause_cut,
    denied,
    denied_places,
    elsewhere_places,
    mistaken_places,
)
from bot.understanding.crossings import crossings
from bot.understanding.keywords import (
    DATA_DIR,
    GENERIC_WORDS,
    Entry,
    KindInfo,
    PhraseHit,
    PhraseIndex,
    alias_entry,
    as_problem_word,
    find_pairs,
    in_its_sense,
    load_hospitals,
    load_keywords,
    load_nomenclature,
    pair_rules,
    regional_tokens,
    split_alias,
    suggest_category,
    with_pairs,
)
from bot.understanding.kind_prior import Blend, add_evidence, default_prior, prior_words
from bot.understanding.normalize import Token, fold_key, tokenize
from bot.understanding.place_words import FACILITY_MARKERS, HERE
from bot.understanding.regions import AMBIGUITY_MARGIN, MIN_SCORE, RegionIndex

MAX_TOKENS = 80
_FIT_OWN = 1.0  # agency of exactly the named region
_FIT_UP = 0.8  # the province's agency when the regency was named
_FIT_UP_ONLY = 0.95  # the province runs it when the regency has none (PAM Jaya for Jakarta Selatan)
_FIT_CENTRAL = 0.7  # the ministry when a regional office exists
_FIT_NO_REGION = 0.5  # a ministry standing in for a regional body because no region is known
_FIT_FOREIGN = 0.6  # an agency-specific alias whose region contradicts the region named
_TIE = 0.5  # scores this close (as shown, rounded to 0.1) are equal: the data order must not choose
# what a kabupaten/kota the teller works in or came from (set aside) adds to a shared name's place in its province, as
# much as any place named apart adds in the scan (region_weights._NEIGHBOUR)
_NEAR_THE_ASIDE = 4.0
_KEYWORD_DISCOUNT = 0.92  # explicit names beat problem words when both point somewhere
_PLACE_NGRAM = 4  # words of a place name looked at together ('padang lawas utara')
_TEXT_REGION_OVER_GIVEN = 55.0  # how sure a place read from the text must be to override the given one
# 'pak bupati tolong benerin jalan': in a story the local government is who is spoken to, not the
# office that fixes it; it still comes first when no problem word points to an office
ADDRESSEE_KINDS = frozenset({"pemda"})
_FIT_ADDRESSEE = 0.75
# How much the learned kind prior (kind_prior.py) counts beside the keyword lists: a certain prior is worth half a
# problem word, added to the kinds the words found and proposing its own best kind (bot/data/agencies/KIND_PRIOR.md:
# +1.8 points on blind7+blind8 against the lists from before they were tuned on them; -0.8 after)
PRIOR_BLEND = Blend(weight=2.0)
# words of the civil service: with them 'bkn' is the agency BKN, without them it is 'bukan'
_CIVIL_SERVICE = frozenset({"pns", "asn", "cpns", "pppk", "honorer", "kepegawaian", "nip", "mutasi", "pensiun",
                            "pegawai", "karpeg", "taspen", "formasi", "seleksi"})
# a road named by two ends in different kabupaten/kota: national (or provincial, when the story says so)
_BETWEEN_REGENCIES = Entry("pupr", "keyword", 4.0, "infrastruktur", "pusat")
# a boat's crossing between two kabupaten/kota of a province is the province's, between provinces the ministry's
# (crossings.py, after UU 23/2014): the level decides the transport office its other words point to
_CROSSING = {level: Entry("dishub", "keyword", 4.0, "transportasi", level) for level in ("prov", "pusat")}
# ...and one inside a kabupaten/kota its own transport office's, though no other word names the boat's office ('speed
# dari Elat ke Langgur jarang ada')
_CROSSING["kab"] = Entry("dishub", "keyword", 4.0, "transportasi")
# ...and the ferry and the port such a crossing runs from (folded), whatever level the words alone would give them
_CROSSING_WORDS = frozenset({"kapalferi", "kapalfery", "kapalferry", "pelabuhan", "dermaga"})
# 'sudin' (Suku Dinas): only Jakarta's offices are called so, and where one is spoken of the place is Jakarta
_JAKARTA = "31"
_JAKARTA_OFFICES = frozenset({"sudin", "sudinkes", "sudinhub", "sudinsos"})
_SPELLED_OUT = 0.9  # a place name matched at least this closely is the name spelled out, not a slip
# what goes wrong at work itself ('gaji dibayar setengah', 'lembur tidak dibayar'): the workplace is where it is
_WORK_TROUBLE = frozenset({"gaji", "gajinya", "upah", "lembur", "thr", "phk", "pesangon", "umk", "ump", "dipecat",
                           "di-phk", "diphk", "outsourcing", "buruh"})


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    """An agency and how well it fits the text (0-100)."""

    agency: Agency
    score: float


@dataclass(slots=True)
class _RegionOption:
    """A region the text (or the caller) places the complaint in."""

    chain: tuple[str, ...]  # its code and its ancestors', most specific first
    weight: float

    @property
    def province(self) -> str:
        """Province code."""
        return self.chain[-1]

    @property
    def regency(self) -> str | None:
        """Regency/city code, None when only a province is known."""
        return self.chain[-2] if len(self.chain) >= 2 else None

    def in_regency(self, code: str) -> bool:
        """Whether a region code lies in this place's kabupaten/kota (or is one of its ancestors)."""
        return self.holds(code) or (self.regency is not None and code.startswith(self.regency + "."))

    def holds(self, code: str) -> bool:
        """Whether an agency of this region code serves the place (same chain or inside it)."""
        return code in self.chain or code.startswith(self.chain[0] + ".")


# what _read gives: tokens, their regional reading, phrases found, region options, the place's token positions, and
# whether those options are only the places set aside (where the teller works or came from)
_Reading = tuple[list[Token], list[Token], list[Any], list[_RegionOption], frozenset[int], bool, tuple[str, ...]]


@dataclass(slots=True)
class _Ranking:
    """Best score per agency code."""

    scores: dict[str, float] = field(default_factory=dict)

    def add(self, code: str, score: float) -> None:
        if score > self.scores.get(code, 0.0):
            self.scores[code] = score


class AgencyCatalog:
    """Agencies with lookups by code, by (kind, region) and by alias."""

    _default: ClassVar[AgencyCatalog | None] = None
    load_seconds: float = 0.0

    def __init__(self, agencies: Iterable[Agency], regions: RegionIndex | None = None,
                 nomenclature: Sequence[KindInfo] | None = None,
                 keywords: Sequence[tuple[str, Entry]] | None = None, *, regional: bool = False) -> None:
        """regional: also every province's and kabupaten/kota's standard offices from the nomenclature, made when
        asked for (RegionalOffices) rather than held: ~17k offices, ~9 MB as objects."""
        started = time.perf_counter()
        self.regions = regions or RegionIndex.default()
        self._kinds: dict[str, KindInfo] = {k.kind: k for k in (nomenclature or load_nomenclature())}
        self._regional = RegionalOffices(self.regions, list(self._kinds.values())) if regional else None
        self._agencies = Offices(self._regional)
        self._by_kind_region = OfficesOfKind(self._regional)
        self._phrases = PhraseIndex()
        for info in self._kinds.values():
            for alias in info.aliases:
                phrase, level = split_alias(alias)
                self._phrases.add(phrase, alias_entry(phrase, info.kind, info.category, level))
        for phrase, entry in keywords if keywords is not None else load_keywords():
            self._phrases.add(phrase, entry)
        self._by_region: dict[str | None, list[Agency]] = {}
        self._kind_alias_set = frozenset(split_alias(a)[0] for k in self._kinds.values() for a in k.aliases)
        for agency in agencies:
            self._add(agency)
        self._regional_kinds = {k for k, r in self._by_kind_region.held if r is not None}
        if self._regional is not None:
            self._regional_kinds |= self._regional.kinds
        # 'RSUD dr. Soetomo', 'RSUD M Yunus': a public hospital named is the one its owner runs (the province's, in
        # the city it stands in), not the city's RSUD; spelt as it is, never read into a typo of another word
        for phrase, code in load_hospitals():
            if (agency := self._agencies.get(code)) is not None:
                self._phrases.add(phrase, alias_entry(phrase, "agency:" + code, agency.category), fuzzy=False)
        self.load_seconds = time.perf_counter() - started

    def _add(self, agency: Agency) -> None:
        """Index one agency."""
        self._agencies.held[agency.code] = agency
        self._by_region.setdefault(agency.region_code, []).append(agency)
        if agency.kind:
            self._by_kind_region.held.setdefault((agency.kind, agency.region_code), []).append(agency)
        for alias in agency.aliases:
            if alias and alias not in self._kind_alias_set:
                self._phrases.add(alias, alias_entry(alias, "agency:" + agency.code, agency.category))

    # ---- loading -------------------------------------------------------------------------

    @classmethod
    def from_csv(cls, path: str | Path, regions: RegionIndex | None = None) -> AgencyCatalog:
        """Load a deployment's catalog: code,name,level,region_code,aliases,parent[,kind][,category]."""
        started = time.perf_counter()
        nomenclature = load_nomenclature()
        catalog = cls(read_agencies_csv(path, nomenclature), regions, nomenclature)
        catalog.load_seconds = time.perf_counter() - started
        return catalog

    @classmethod
    def default(cls) -> AgencyCatalog:
        """The built-in national catalog (regional OPD of every regency/city/province + central bodies)."""
        if cls._default is None:
            started = time.perf_counter()
            regions = RegionIndex.default()
            nomenclature = [*load_nomenclature(), *load_nomenclature(DATA_DIR / "protection.csv")]  # + Dinas P3A
            agencies = read_agencies_csv(DATA_DIR / "central.csv", nomenclature)
            catalog = cls(agencies, regions, nomenclature, regional=True)
            default_prior()  # read now (8 ms, in the loading thread), not in the first story's turn
            catalog.load_seconds = time.perf_counter() - started
            cls._default = catalog
        return cls._default

    # ---- lookup --------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._agencies)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self._agencies.values())

    def get(self, code: str) -> Agency | None:
        """The agency with this code, or None."""
        return self._agencies.get(code)

    def in_region(self, region: str | None) -> list[Agency]:
        """Agencies whose region code is exactly this one (None: the central bodies)."""
        held = list(self._by_region.get(region, ()))
        if self._regional is None or region is None:
            return held
        return [*held, *(a for a in self._regional.in_region(region) if a.code not in self._agencies.held)]

    def category_of(self, agency: Agency) -> str | None:
        """Complaint category the agency usually handles."""
        if agency.category:
            return agency.category
        info = self._kinds.get(agency.kind or "")
        return info.category if info else None

    def to_csv(self, path: str | Path) -> None:
        """Write the catalog in the deployment CSV format (a starting point to edit)."""
        with open(path, "w", newline="", encoding="utf-8") as f:
            self.write_csv(f)

    def write_csv(self, stream: TextIO) -> None:
        """Write the catalog as CSV to an open text stream."""
        w = csv.writer(stream)
        w.writerow(["code", "name", "level", "region_code", "aliases", "parent", "kind", "category"])
        for a in self._agencies.values():
            aliases = a.aliases[1:] if a.aliases and a.aliases[0] == a.name else a.aliases
            w.writerow([a.code, a.name, a.level, a.region_code or "", ";".join(aliases), a.parent or "",
                        a.kind or "", self.category_of(a) or ""])

    # ---- matching ------------------------------------------------------------------------

    def match(self, text: str, region: str | None = None, limit: int = 3, *,
              text_region_wins: bool = True) -> list[AgencyMatch]:
        """Agencies a text names ('capil lotim'), or failing that the ones its problem words point to.

        A kabupaten/kota or province named plainly in the text ('dukcapil kota bandung') is taken over
        `region` unless `text_region_wins` is False; villages read from the text never are."""
        return self._rank(text, region, limit, text_region_wins, story=False)

    def suggest(self, description: str, region: str | None = None, limit: int = 3, *,
                text_region_wins: bool = False) -> list[AgencyMatch]:
        """Agencies responsible for a described problem ('air PAM mati 3 hari') in a region.

        The place the citizen gave (`region`) outranks the words of the story: only a place inside it
        read from the story refines it, and no agency of another kabupaten/kota is suggested."""
        return self._rank(description, region, limit, text_region_wins, story=True)

    def story_places(self, description: str) -> tuple[str, ...]:
        """The places a story as a whole reads as where it happened, best first: one per kabupaten/kota, each its
        most specific region (a desa, kecamatan, kabupaten/kota or province); none when it names no place.

        The same reading suggest() makes with no place given: the teller's home, a workplace, a relative's town
        or a denied place set aside, a name inside an ordinary word not taken; a place named only as where the
        teller works or came from is none (suggest still ranks its offices, for want of another)."""
        read = self._read(description, None, False, True)
        if read is None or read[5]:  # "kerja di Kota Semarang, lampu jalan di kampung kami mati": not there
            return ()
        return tuple(option.chain[0] for option in read[3]) + read[6]

    def _rank(self, text: str, region: str | None, limit: int, text_region_wins: bool = True,
              story: bool = False) -> list[AgencyMatch]:
        """Shared pipeline: phrases -> region -> (kind, region) lookups -> scores."""
        if limit <= 0:
            return []
        if region and self.regions.get(region) is None:
            region = None  # an unknown code is no place given (_order reads it too)
        read = self._read(text, region, text_region_wins, story)
        if read is None:
            return []
        tokens, words_read, found, options, region_tokens, set_aside, _ = read
        alias_tokens = frozenset(k for h in found if h.entry.source == "alias" for k in range(h.start, h.end))
        # a problem word inside the place's name is the name ('tanah' of 'Tanah Datar'); one running past it is still
        # a problem word ('jalan desa Korek': 'desa' also says which place)
        hits = [h for h in found if (h.entry.source == "alias"
                or not all(k in region_tokens for k in range(h.start, h.end))) and not denied(text, tokens, h)]
        # 'kalau hujan pasti banjir', 'banjir tiap hujan': a flood every rain brings is what something else (a drain,
        # rubbish) causes; it counts for the disaster office only as much as a word said in passing
        hits = [PhraseHit(h.start, h.end, rules.RAIN_MADE, h.q) if rules.rain_made(words_read, h) else h for h in hits]
        # 'jalan Padang - Bukittinggi': a road between two kabupaten/kota is the nation's (unless a level is said)
        hits += [PhraseHit(a, b, _BETWEEN_REGENCIES, 1.0) for a, b in self.regions.roads_between(tokens)]
        # 'kapal dari Tarakan ke Tanjung Selor': a crossing between two kabupaten/kota is the province's (one
        # inside a kabupaten is its own office's, as the words already say)
        crossed = crossings(tokens, self.regions)
        hits += [PhraseHit(c.start, c.end, _CROSSING[c.level], 1.0) for c in crossed if c.level != "kab"]
        if crossed and all(c.level == "kab" for c in crossed):
            # 'kapal ferry dari Ampana ke Wakai batal, kami terlantar di pelabuhan': the ferry and port of a crossing
            # inside one kabupaten are its own transport office's, not the ministry's (UU 23/2014)
            hits = [PhraseHit(h.start, h.end, replace(h.entry, target="dishub", level=None), h.q)
                    if h.entry.source == "keyword" and h.entry.target == "kemenhub"
                    and "".join(fold_key(t.text) for t in words_read[h.start:h.end]) in _CROSSING_WORDS else h
                    for h in hits]
            if not any(h.entry.source == "keyword" and h.entry.target == "kemenhub" for h in hits):
                # (a sailing permit or the harbourmaster said is still the ministry's, whatever the crossing)
                hits += [PhraseHit(c.start, c.end, _CROSSING["kab"], 1.0) for c in crossed]
        places = self._place_keys(tokens)
        pairs = find_pairs(words_read, pair_rules(), skip=region_tokens | alias_tokens,
                           uncounted=[k for k, t in enumerate(tokens) if fold_key(t.text) in places])
        hits = with_pairs(hits, [p for p in pairs if not rules.an_address(p, hits, tokens)])
        hits = rules.drain_made(hits, words_read)
        hits = rules.one_bpjs(hits, words_read)
        hits = [self._of_the_province(text, tokens, h) for h in hits]
        if rules.province_runs_it(tokens):
            # 'izin kapal ... diurus di provinsi', 'pengawasan laut itu tugas provinsi kan?': the story says the
            # province runs what it is about, so its offices' words are the province's
            hits = [self._at_province(h) for h in hits]
        elif rules.nation_runs_it(tokens):
            # 'aplikasi kartu tani error ... itu sistem dari kementerian pusat', 'tanggul bocor, itu kewenangan balai
            # kan?': the story says the ministry runs what it is about, so its offices' words are the nation's
            hits = [self._at_nation(h) for h in hits]
        # 'lampu merah mati, polisi gak ada yg jaga': the body missed at the place is a word of the problem, not the
        # one written to
        hits = [rules.missed_body(h, tokens) for h in hits]
        hits = rules.land_fire(hits, tokens)
        # (an unlicensed mine to be stopped by force first: its permit words are then the police's, not the mine's)
        hits = rules.illegal_mine(hits, tokens)
        hits = rules.mine_made(hits, words_read)
        hits = rules.market_drain(hits, tokens, region_tokens)
        hits = rules.fishing_port(hits, words_read)
        hits = rules.rubbish_in_river(hits, tokens)
        hits = rules.fishers_harmed(hits, tokens)
        hits = rules.type_a_terminal(hits, tokens)
        hits = rules.vendors_on_the_road(hits, tokens)
        hits = rules.card_at_the_hospital(hits)
        hits = rules.sent_on_to(hits, tokens)
        hits = rules.taken_on_from_the_clinic(hits, tokens)
        if not set_aside:  # ('...ke SLB di Palopo' the only place named: the refusing school's kabupaten is unknown)
            hits = rules.sent_to_a_special_school(hits, words_read)
        hits = rules.insured_anyway(hits, tokens)
        hits = rules.paid_with_bpjs(hits, tokens)
        hits = rules.letter_for_the_papers(hits, tokens)
        hits = rules.asked_for_as_a_requirement(hits, tokens)
        hits = rules.paper_needed_for_bpjs(hits, tokens)
        hits = rules.at_the_service_mall(hits, tokens)
        hits = rules.village_head_quoted(hits, tokens)
        hits = rules.the_long_way(hits, tokens)
        # 'rob masuk rumah, tanggul jebol': a tidal flood through a broken sea dyke or a blocked drain is the dyke's or
        # the drain's office's, the tide said in passing (as a flood every rain brings)
        hits = works_rules.tide_made(hits, words_read)
        # 'jalan ke kulawi longsor, mobil tidak bisa lewat': a road a landslide cut is the road office's to clear
        hits = works_rules.road_cut_by_landslide(hits, words_read)
        # 'trotoar dipake parkir motor' is the transport office's, not beside traders nor on a pavement said broken
        hits = works_rules.pavement_parking_alone(hits, words_read)
        # (round 74, works) hauling trucks breaking a rule of the road decide over the road they broke; a market said
        # in disorder is its office's to arrange; a village drinking from a spring or the rain has no water company
        hits = works_rules.hauling_rule_broken(hits, words_read)
        hits = works_rules.market_in_disorder(hits, words_read, region_tokens)
        # (round 94, O) ...and so are its stalls sold off, never given to its old traders or never built
        hits = works_rules.market_stalls_lost(hits, words_read, region_tokens)
        hits = works_rules.water_works_not_reached(hits, words_read)
        # ...and water a mine fouled is the environment office's, unless the teller asks the mine stopped by force
        hits = works_rules.fouled_by_a_mine_to_stop(hits, words_read)
        # (round 78, works) a flood or landslide with people cut off or fled is the disaster office's emergency, what it
        # broke said in passing; a street light out said after a broken road is one more fault of the road
        hits = works_rules.people_to_save(hits, words_read)
        hits = works_rules.street_light_after(hits, words_read)
        # (round 94, O) ...and a street light in a housing estate is the estate's facility, the housing office's
        hits = works_rules.street_light_in_an_estate(hits, words_read)
        # ...and an estate's road or drain its developer left unhanded is the housing office's to take in
        hits = works_rules.estate_left_by_its_developer(hits, words_read)
        # (round 80, works) the shore worn away by the sea is its protection's office's (Public Works), not a disaster
        hits = works_rules.shore_worn_away(hits, words_read)
        # ...and a road cracked by ground said moving is the land movement's (the disaster office's), said in passing
        hits = works_rules.ground_moving(hits, words_read)
        # ...and water said come up into homes is a flood, the homes under water the disaster office's emergency
        hits = works_rules.water_came_in(hits, words_read)
        # (round 91, O) ...and a bridge a flood broke or swept away, with no one to save nor homes under water, is
        # Public Works' to rebuild (after water_came_in, which reads the flood's words as said)
        hits = works_rules.bridge_swept_away(hits, words_read)
        # ...and the crop an irrigation channel said failed left dry is what it cost, the channel's office decides
        hits = works_rules.irrigation_failed(hits, words_read)
        # ...and fishers' diesel said of its outlet (empty, closed, its quota gone) is Pertamina's
        hits = works_rules.outlet_run_dry(hits, words_read)
        # ...and the boat or bus children ride to school is the transport office's, the school where they go
        hits = works_rules.school_run(hits, words_read)
        # (round 91, O) ...and a road or bridge said leading to a school is the road office's, the school where it goes
        hits = works_rules.way_to_school(hits, words_read)
        # (round 82, works) a village with salty wells, asking for piping or with an aid pipe has no water company's
        # network (Public Works'); a pump for the fields is the farm's; a sea dyke said failed is the local one
        hits = works_rules.water_works_wanting(hits, words_read)
        hits = works_rules.farm_pump(hits, words_read)
        hits = works_rules.sea_dyke_failed(hits, words_read)
        # (round 83, office rules) a village's pipe from its spring is Public Works' though a slide or a quake cut it;
        # a 'pelantar' with no boat said is the walkway between stilt houses (read from the teller's own words)
        hits = works_rules.spring_pipe_cut(hits, words_read)
        hits = works_rules.walkway_over_water(hits, tokens)
        # (round 85, office rules) the fish a mine killed or its mercury by the water are water fouled (environment)
        hits = works_rules.fouled_by_a_mine(hits, words_read)
        # ...and kerosene at its base, hoarded or its price to be watched is the trade office's, as 3 kg LPG is
        hits = works_rules.kerosene_at_the_base(hits, words_read)
        # (round 72, people's services) 'lulusan SMK' is who the teller is; people displaced with no hazard said fled
        # a social disaster (the social office's); BPJS TK an employer did not pay, among its other wrongs, is one more
        hits = people_rules.graduated_from(hits, tokens)
        hits = people_rules.displaced_by_no_disaster(hits, tokens)
        hits = people_rules.employer_owes_bpjs_tk(hits, tokens)
        # ...and the accompaniment asked for a victim of violence is the women and children office's, the police only
        # where the case went
        hits = people_rules.accompaniment_asked(hits, tokens)
        # ...and the uniform, diploma or school an employer deals in with its workers are the labour office's
        hits = people_rules.at_the_employer(hits, tokens)
        # ...and BPJS said as how a clinic's patient was insured, with a charge, is why the charge was wrong
        hits = people_rules.charged_though_insured(hits, tokens)
        # ...and a paper said as the reason a service refused is that service's rule
        hits = people_rules.paper_as_the_reason(hits, tokens)
        # ...and the office a fraudster posed as is the lie told
        hits = people_rules.posing_as(hits, tokens)
        # (round 74, people's services) the kabupaten's labour office said to have sent the teller on to the
        # province is the province's inspectors' case; a health card switched off is the card's, the hospital where;
        # a letter the kelurahan or kecamatan writes is the kabupaten/kota's own service
        hits = people_rules.sent_up_to_the_province(hits, tokens)
        hits = people_rules.card_off_at_the_hospital(hits, tokens)
        hits = people_rules.letter_from_the_kelurahan(hits, tokens)
        # ...and BPJS TK an employer did not pay, beside wages it held back, is one more of its wrongs
        hits = people_rules.wages_withheld_with_bpjs_tk(hits, tokens)
        # (round 78, people's services) a benefit the regent or the pemda promised or pays is the pemda's own programme
        hits = people_rules.promised_by_the_regent(hits, tokens)
        # (round 80, people's services) a widow, an old or disabled person not getting aid is the social office's;
        # homes burned in a conflict are its too; a private hospital is BPJS's contract, no RSUD
        hits = people_rules.aid_withheld(hits, tokens)
        hits = people_rules.burned_in_a_conflict(hits, tokens)
        hits = people_rules.private_care_on_bpjs(hits, tokens)
        # (round 80, second pass) children begging or busking in the street are the social office's, the bridge or
        # crossroads where they sit only where
        hits = people_rules.children_on_the_street(hits, tokens)
        # ...and a place's way in for the disabled (toilet, ramp, stairs) is the place's office's to build
        hits = people_rules.access_for_the_disabled(hits, tokens)
        # ...and a pay the pemkab or pemkot gives ('honor ... dari pemkot') left unpaid is the pemda's own
        hits = people_rules.pay_from_the_regional_government(hits, tokens)
        # (round 82, people's services) land a project took and its payment owed is the land office's acquisition,
        # the airport or toll road only what it went to; staff of a kecamatan or kelurahan away from their office is
        # that office's conduct, the paper the teller came for only what for
        hits = people_rules.land_taken_for_a_project(hits, tokens)
        hits = people_rules.staff_away_from_the_office(hits, tokens)
        # (round 82, d2) an unlicensed mine whose men threaten, whose stop is asked or which killed is the police's
        hits = people_rules.a_mine_to_stop(hits, tokens)
        # ...and thugs extorting are the police's, the terminal or market where; a living person recorded as dead is the
        # civil registry's record to correct; a person missing for days is the police's to search for
        hits = people_rules.extorted_by_thugs(hits, tokens)
        # (round 94, O) ...and so are a finance company's collectors seizing a vehicle by force, the lender how
        hits = people_rules.seized_by_force(hits, tokens)
        hits = people_rules.recorded_as_dead(hits, tokens)
        hits = people_rules.a_person_missing(hits, tokens)
        # ...and violence done to a child or a woman away from a school is the women and children office's
        hits = people_rules.violence_at_home(hits, tokens)
        # (round 93, O) ...and a teacher telling of a pupil hurt at home is the teller, the pupil the protection's
        hits = people_rules.a_teacher_tells(hits, tokens)
        # (round 87, office rules) a school said after 'masih' is how young the child is
        hits = people_rules.still_at_school(hits, tokens)
        # (round 88, office rules) a member struck from the list the state pays health insurance for, or asking to be
        # put on it, is the social office's data; the card switched off is how the teller found out
        hits = people_rules.struck_off_the_list(hits, tokens)
        # ...and a letter the desa writes is the desa's own service, the paper it is for what for
        hits = people_rules.letter_from_the_desa(hits, words_read)
        # ...and a benefit paid at the post office, its recipient said off the list, is the social office's list
        hits = people_rules.benefit_off_the_list(hits, tokens)
        # (round 89, O) ...and a person kept in pasung whom the teller asks to be treated is the health office's patient
        hits = people_rules.restrained_to_be_treated(hits, tokens)
        # ...and a disabled applicant an employer turned away is the labour office's case (the disabled workers quota)
        hits = people_rules.disabled_applicant_refused(hits, tokens)
        # (round 92, O) ...and a desa said unwilling or away when its letter is needed is the desa's own conduct
        hits = people_rules.desa_will_not_write(hits, words_read)
        # (round 93, O) ...and so is the kelurahan's, the kota's own apparatus (its pemda's)
        hits = people_rules.kelurahan_will_not_serve(hits, words_read)
        # ...and an irrigation channel a flood or a landslide broke is the water works' to rebuild, the hazard how
        hits = works_rules.channel_cut_by_a_hazard(hits, words_read)
        # (round 92, O) ...and a school building a flood or a landslide struck is the education office's to rebuild
        hits = works_rules.school_hit_by_a_hazard(hits, words_read)
        # (round 87, level) a basin river's dyke or bed, a big irrigation scheme and foreign boats are the ministry's
        hits = level_rules.ministrys(hits, tokens)
        ranking = _Ranking()
        addressee = ADDRESSEE_KINDS if story else frozenset()
        named = any(h.entry.source == "alias" and h.entry.target not in addressee for h in hits)
        keyword_weight: dict[tuple[str, str | None], float] = {}
        keyword_q: dict[tuple[str, str | None], float] = {}
        # a word said twice ('trotoar ... naik trotoar') is one piece of evidence, not two
        counted: set[tuple[tuple[str, ...], Entry]] = set()
        # ...and so is a slip or an inflected form of a word said exactly ('peternakan ... peternakane')
        said_exactly = {h.entry for h in hits if h.q >= 1.0}
        # 'SMK negeri ... sudah lapor ke dinas pendidikan kota': the school the province runs decides the level of
        # the office named too (the kota's office has no say over it)
        province_runs = {h.entry.target for h in hits if h.entry.source != "alias" and h.entry.level == "prov"}
        # ...and so does a road the nation runs ('jalan trans papua ... tolong dinas pu merauke perbaiki')
        nation_runs = {h.entry.target for h in hits if h.entry.source != "alias" and h.entry.level == "pusat"}
        for h in hits:
            # 'rusak dekat tol', 'di depan kantor bupati': what stands near the problem is where it is,
            # not what it is nor who should fix it
            near = h.start > 0 and tokens[h.start - 1].text in rules.LANDMARK_WORDS
            if h.entry.source == "alias":
                q = h.q * (0.4 if near else 1.0) * (_FIT_ADDRESSEE if h.entry.target in addressee else 1.0)
                level = h.entry.level or ("prov" if h.entry.target in province_runs
                                          else "pusat" if h.entry.target in nation_runs else None)
                self._score_target(ranking, h.entry.target, level, q, options)
            elif h.entry.target and not near:
                said = (tuple(fold_key(t.text) for t in words_read[h.start:h.end]), h.entry)
                if said in counted or (h.q < 1.0 and h.entry in said_exactly):
                    continue
                counted.add(said)
                key = (self._kind_here(h.entry.target, options), h.entry.level)
                keyword_weight[key] = keyword_weight.get(key, 0.0) + h.entry.weight
                keyword_q[key] = max(keyword_q.get(key, 0.0), h.q)
        # a word naming the level ('SMA': the province runs it) decides it for the kind's other words
        # ('sekolah', 'guru'), which would otherwise vote for the kabupaten's office on their own
        for (target, level) in [k for k in keyword_weight if k[1] is not None]:
            if (target, None) in keyword_weight:
                keyword_weight[(target, level)] += keyword_weight.pop((target, None))
                keyword_q[(target, level)] = max(keyword_q[(target, level)], keyword_q.pop((target, None)))
        if story and (prior := default_prior()) is not None:
            # the learned word prior reorders kinds only: the region rules place the offices after it
            add_evidence(keyword_weight, keyword_q,
                         prior.posterior(prior_words(words_read, region_tokens, self._names_region)),
                         lambda kind: self._kind_here(kind, options), named, PRIOR_BLEND)
        rules.school_words_to_its_runner(keyword_weight, keyword_q, hits)
        for (target, level), weight in keyword_weight.items():
            strength = keyword_strength(weight) * keyword_q[(target, level)]
            if named:
                strength *= _KEYWORD_DISCOUNT
            self._score_target(ranking, target, level, strength, options)
        if not ranking.scores:
            self._fallback(ranking, tokens, options)
        return self._order(ranking, text, options, bool(region), text_region_wins)[:limit]

    def _of_the_province(self, text: str, tokens: Sequence[Token], hit: PhraseHit) -> PhraseHit:
        """'mohon dinas pertanian provinsi tambah alokasi', 'DKP prov', 'rumah sakit provinsi': an office or a thing
        said with the word 'provinsi' right after it is the province's, though the place named is a kabupaten."""
        if (hit.end >= len(tokens) or tokens[hit.end].text not in rules.PROVINCE_WORDS
                or clause_cut(text, tokens, hit.end - 1)):
            return hit
        return self._at_province(hit)

    def _at_province(self, hit: PhraseHit) -> PhraseHit:
        """The hit at the province's level, when its kind has a province office and no level of its own."""
        info = self._kinds.get(hit.entry.target)
        if hit.entry.level is not None or info is None or "prov" not in info.levels:
            return hit
        return PhraseHit(hit.start, hit.end, replace(hit.entry, level="prov"), hit.q)

    def _at_nation(self, hit: PhraseHit) -> PhraseHit:
        """The hit at the nation's level, when its kind has a ministry above it and no level of its own."""
        info = self._kinds.get(hit.entry.target)
        if hit.entry.source == "alias" or hit.entry.level is not None or info is None or not info.central:
            return hit
        return PhraseHit(hit.start, hit.end, replace(hit.entry, level="pusat"), hit.q)

    def _read(self, text: str, region: str | None, text_region_wins: bool, story: bool) -> _Reading | None:
        """Tokens, their regional reading, the phrases found, the region options and the place's tokens."""
        tokens = tokenize(text or "", slang=True, limit=MAX_TOKENS)
        if not tokens:
            return None
        if region and self.regions.get(region) is None:
            region = None
        # Agency names first (they are never place words), then the region on what is left, then
        # drop problem words that turned out to be part of the place name ('tanah' in 'Tanah Datar').
        # Problem words are read through the regional lexicon ('dalane' = 'jalan'); places are not.
        words_read = regional_tokens(tokens)
        found = self._phrases.find(words_read, not_fuzzy=self._place_keys(tokens))
        if not any(t.text in _CIVIL_SERVICE for t in tokens):
            # 'bkn kota', 'katanya bkn jln kabupaten': 'bukan' typed short, not the civil service agency BKN
            found = [h for h in found if not (h.entry.source == "alias" and tokens[h.start].text in NEGATIONS)]
        # 'alun2 kejaksan': a word spelled exactly as a kecamatan or kabupaten is named is that place, though its key
        # is an office's ('kejaksaan' folds to the same key)
        # ...and so is a desa/kelurahan's name said as an address ('drainase di kejaksaan taman sari': Pangkalpinang's
        # Kelurahan Kejaksaan, in Taman Sari)
        said = [t.text for t in tokens]
        found = [h for h in found if not (h.entry.source == "alias" and h.end - h.start == 1
                                          and (self._spelled_as_place(said[h.start])
                                               or self.regions.addressed_as_village(said, h.start)))]
        # 'mama-mama di pasar pu jualan' (Papuan and Ambonese Malay 'pu' = 'punya'): between two words, in lower
        # case, after no word that introduces an office, it is no Public Works
        found = [h for h in found if not (h.entry.source == "alias" and h.end - h.start == 1
                                          and rules.possessive_pu(text, tokens, h.start))]
        found = in_its_sense(found, words_read)
        # 'musiknya kenceng smp jam 2 pagi', 'antri smp 3 jam': shorthand for 'sampai' (until), not the school
        found = [h for h in found if not (h.end - h.start == 1 and rules.until_short(tokens, h.start))]
        if story:
            found = [as_problem_word(h) for h in found]
        alias_tokens = frozenset(k for h in found if h.entry.source == "alias" for k in range(h.start, h.end))
        phrase_tokens = frozenset(k for h in found for k in range(h.start, h.end))
        # 'kabupaten padang pariaman, bukan kota pariaman': a place the citizen denies is not where it is
        denied = alias_tokens | denied_places(text, tokens)
        # ...and one it is mistaken for ('orang suka kira Jakarta': Tanah Abang in Muba, not Jakarta's)
        denied |= mistaken_places(text, tokens) - alias_tokens
        elsewhere = elsewhere_places(text, tokens) - denied
        # ...but the workplace's kabupaten/kota may hold where it happened ('kerja di Makassar ... di Panakkukang')
        # (its cues are some of ELSEWHERE_CUES: with no place set aside there is none to read again)
        workplace = elsewhere_places(text, tokens, WORK_CUES) if elsewhere else frozenset()
        work = workplace - denied
        # ...and for a complaint about the work itself (wages, overtime, a dismissal) the workplace is where it is,
        # unless another office is named apart from the workplace: 'capil di Sumber error ... saya kerja di kota
        # Cirebon, tiap izin dipotong gaji' is the Kabupaten's dukcapil, the docked wage only what the queue cost
        # (a regional office's name: a national body's, BPJS or a prison, may be the workplace's business too)
        elsewhere_office = any(h.entry.source == "alias" and h.entry.target != "disnaker"
                               and not h.entry.target.startswith("agency:")
                               and not any(k in workplace for k in range(h.start, h.end)) for h in found)
        if work and (any(h.entry.target == "disnaker" for h in found)
                     or (any(t.text in _WORK_TROUBLE for t in tokens) and not elsewhere_office)
                     or self._holds_the_place(tokens, denied, phrase_tokens, work, region)):
            elsewhere -= work
        # 'Jombang di Cilegon bukan Jatim': no place inside a kabupaten or province the citizen denies
        refused = self._denied_regions([tokens[k] for k in sorted(denied - alias_tokens)])
        options, region_tokens, also = self._region_options(tokens, denied | elsewhere, phrase_tokens, region,
                                                            text_region_wins, refused, elsewhere)
        if work and not region and self._only_the_home(text, tokens, work & elsewhere, region_tokens):
            options, region_tokens, also = [], frozenset(), ()
            return tokens, words_read, found, options, region_tokens, True, also
        set_aside = bool(elsewhere and not options)
        if set_aside and work and _home_here(tokens):
            # 'sy kerja di raja ampat tp rumah disini, smp negeri di sini nahan rapor': the workplace is said to be
            # elsewhere than home, and home is here: no place for the agency, the bot asks
            return tokens, words_read, found, [], frozenset(), True, ()
        if set_aside:  # the only place named is where they work or came from: still a place for the agency
            options, region_tokens, also = self._region_options(tokens, denied, phrase_tokens, region,
                                                                text_region_wins, refused)
        return tokens, words_read, found, options, region_tokens, set_aside, also

    @staticmethod
    def _only_the_home(text: str, tokens: list[Token], work: frozenset[int], region_tokens: frozenset[int]) -> bool:
        """Whether the only place read, the workplace set aside, is where the teller lives or is registered, while
        the story is told from the workplace: 'tinggal di Depok dan bekerja di sini' (here is the workplace), 'saya
        warga Konawe Selatan yang bekerja di Kota Kendari. Air PDAM di tempat kos saya mati' (the kos is by the
        work). The home's offices would be the wrong kabupaten's; the bot asks. (Told of home, as most stories that
        name both are, 'KTP Garut tapi kerja di Bandung ... disdukcapil Garut', the home stays the place.)"""
        if not work or not region_tokens:
            return False
        said = [t.text for t in tokens]
        if not (any(said[k] in _HERE_WORDS for k in work) or _LODGING & set(said)):
            return False
        home = elsewhere_places(text, tokens, HOME_CUES)
        return region_tokens <= home

    def _holds_the_place(self, tokens: list[Token], skip: frozenset[int], exact_only: frozenset[int],
                         elsewhere: frozenset[int], given: str | None) -> bool:
        """Whether the place the whole story reads best is one the workplace named holds: 'kerja di Makassar ...
        pete-pete di Panakkukang' is Makassar's Panakkukang, not a desa of that name elsewhere."""
        cands = self.regions.scan(tokens, home=given, skip=skip, exact_only=exact_only, reply=False, limit=MAX_TOKENS)
        if not cands or cands[0].score < MIN_SCORE:
            return False
        used = cands[0].used
        return (any(k in elsewhere for h in used for k in range(h.start, h.end))
                and any(all(k not in elsewhere for k in range(h.start, h.end)) and not h.weak and h.q >= 0.85
                        and self.regions.level_at(h.idx) >= 2 for h in used))

    def prior_words(self, text: str, region: str | None = None) -> list[str]:
        """The words of a story the kind prior reads, as suggest() reads them (the trainer uses this too)."""
        read = self._read(text, region, False, True)
        return [] if read is None else prior_words(read[1], read[4], self._names_region)

    def _spelled_as_place(self, word: str) -> bool:
        """Whether a word is, letter for letter, the name of a kecamatan, kabupaten/kota or province."""
        return self.regions.spelled_as_place(word)

    def _names_region(self, key: str) -> bool:
        """Whether a folded word names a kabupaten/kota or province (or is its nickname): no kind evidence."""
        return self.regions.names_region(key)

    def _order(self, ranking: _Ranking, text: str, options: list[_RegionOption], given: bool,
               text_region_wins: bool) -> list[AgencyMatch]:
        """Best first; ties go to the nearer region, then to the story's category, never to the alphabet.

        An agency of a region the place does not lie in comes after every agency that serves it, and
        when the citizen gave the place and the story is being read, it is not suggested at all."""
        shown_scores = [round(min(100.0, v), 1) for v in ranking.scores.values()]
        # the category only breaks ties, so it is read only when there is one
        category = suggest_category(text) if len(set(shown_scores)) < len(shown_scores) else None
        out: list[tuple[tuple[int, float, int, int, str], AgencyMatch]] = []
        for code, score in ranking.scores.items():
            agency = self._agencies[code]
            foreign = bool(options) and agency.region_code is not None and not any(
                o.in_regency(agency.region_code) for o in options)
            if foreign and given and not text_region_wins:
                continue
            shown = round(min(100.0, score), 1)
            nearness = self._nearness(agency, options)
            fits = 0 if category and self.category_of(agency) == category else 1
            out.append(((int(foreign), -shown, nearness, fits, code), AgencyMatch(agency, shown)))
        out.sort(key=lambda pair: pair[0])
        found = [m for _, m in out]
        return found if given else _without_tied_regencies(found)

    @staticmethod
    def _nearness(agency: Agency, options: list[_RegionOption]) -> int:
        """0 for an agency of the most specific place named, 1 for one of its ancestors, 2 otherwise."""
        if not options or agency.region_code is None:
            return 2
        chain = options[0].chain
        if agency.region_code in chain:
            return 0 if agency.region_code != chain[-1] or len(chain) == 1 else 1
        return 2

    def _place_keys(self, tokens: Sequence[Token]) -> frozenset[str]:
        """Words that are place names or part of one ('lawas' of 'Padang Lawas'), so they are not
        'corrected' into agency acronyms ('lapas')."""
        folds = [fold_key(t.text) for t in tokens]
        regions = self.regions
        out = {f for f in folds if regions.is_place_word(f)}
        for i in range(len(folds) - 1):
            key = folds[i]
            for j in range(i + 1, min(len(folds), i + _PLACE_NGRAM)):
                key += folds[j]
                if regions.names_place(key):
                    out.update(folds[i:j + 1])
        return frozenset(out)

    def _denied_regions(self, words: list[Token]) -> tuple[str, ...]:
        """Codes of the kabupaten/kota or province a denial names plainly ('bukan Jatim', 'bukan kota Pariaman')."""
        found = self.regions.scan(words, reply=True) if words else []
        if not found:
            return ()
        best = max(found, key=lambda c: c.score)
        # only a place the denial names unmistakably: 'bukan kota semarang' must not deny Kabupaten Semarang too
        if (best.score < MIN_SCORE or self.regions.level_at(best.idx) > 1 or best.used[0].weak
                or any(c is not best and best.score - c.score < AMBIGUITY_MARGIN for c in found)):
            return ()
        return (self.regions.code_at(best.idx),)

    def _region_options(self, tokens: list[Token], skip: frozenset[int], exact_only: frozenset[int],
                        given: str | None, text_region_wins: bool = True, refused: tuple[str, ...] = (),
                        aside: frozenset[int] = frozenset()
                        ) -> tuple[list[_RegionOption], frozenset[int], tuple[str, ...]]:
        """Regions the text names (weighted), else the one the caller already knows; and the kecamatan of a
        neighbour named plainly beside a kabupaten/kota read first, though far behind it (_neighbours).

        A known region outranks the text: the text may only refine it (a kecamatan inside the given
        kabupaten), or, when `text_region_wins`, replace it with a kabupaten/kota or province it
        names plainly. A village read from ordinary words never replaces it."""
        # the whole story is read for its place (a run-on message may name it last), not just a reply's words
        cands = self.regions.scan(tokens, home=given, skip=skip, exact_only=exact_only, reply=False,
                                  limit=MAX_TOKENS)
        if refused:
            cands = [c for c in cands if not any(self.regions.code_at(c.idx) == r
                                                 or self.regions.code_at(c.idx).startswith(r + ".") for r in refused)]
        if aside and not given:
            cands = self._near_the_aside(cands, [tokens[k] for k in sorted(aside)])
        if given:
            options, read = self._given_options(cands, given, text_region_wins)
            return options, _place_tokens(read, tokens), ()
        if _JAKARTA_OFFICES & {t.text for t in tokens}:
            # 'tolong sudin LH', 'katanya nunggu sudin': a Suku Dinas is Jakarta's, so the place is Jakarta's
            # ('gang Galur' is Galur of Jakarta Pusat, not Kecamatan Galur of Kulon Progo)
            jakarta = [c for c in cands if self.regions.code_at(c.idx).startswith(_JAKARTA + ".")]
            if jakarta and jakarta[0].score >= MIN_SCORE:
                cands = jakarta
            elif self.regions.get(_JAKARTA) is not None:
                return [_RegionOption(tuple(self.regions.chain(_JAKARTA)), 1.0)], frozenset(), ()
        options: list[_RegionOption] = []
        if cands and cands[0].score >= MIN_SCORE:
            top = cands[0].score
            seen: set[str] = set()
            for cand in cands[:6]:
                if top - cand.score > 12:
                    break
                code = self.regions.code_at(cand.idx)
                if code[:5] in seen:
                    continue  # two villages of one regency lead to the same agencies
                seen.add(code[:5])
                weight = max(0.5, 1.0 - (top - cand.score) / 30)
                options.append(_RegionOption(tuple(self.regions.chain(code)), weight))
        return options, _place_tokens(cands[0] if options else None, tokens), self._neighbours(cands, options, tokens)

    def _near_the_aside(self, cands: list, words: list[Token]) -> list:
        """Candidates re-ranked by the kabupaten/kota the teller works in or came from, set aside: of a name villages
        of several provinces share, the one in that place's province, outside that place, leans ahead by as much as
        a place named apart does in the scan (region_weights' _NEIGHBOUR): "kerja ning kota Cirebon ... balik ning
        Mertasinga" is Kabupaten Cirebon's Desa Mertasinga sooner than Cilacap's Kelurahan; people work near home."""
        found = self.regions.scan(words, reply=True)
        named = [c for c in found if c.score >= MIN_SCORE and self.regions.level_at(c.idx) <= 1
                 and not c.used[0].weak]
        if not named:
            return cands
        top = max(c.score for c in named)
        places = {self.regions.code_at(c.idx) for c in named if top - c.score < AMBIGUITY_MARGIN}
        provinces = {code[:2] for code in places}
        if len(provinces) != 1:
            return cands  # 'kerja di Kota Banjar' (West Java) or 'di Banjar' (South Kalimantan): no lean
        province = next(iter(provinces))
        code_at, level_at = self.regions.code_at, self.regions.level_at
        # (only a name no kabupaten/kota bears: 'disdukcapil binjai ... kerja di medan' is Kota Binjai, not the
        # kecamatan Binjai of Langkat nearer Medan; 'MI Jombang' is Kabupaten Jombang, not Jember's kecamatan)
        spans: dict[tuple[int, int], set[str]] = {}
        bigger: set[tuple[int, int]] = set()
        for c in cands:
            span = (c.used[0].start, c.used[0].end)
            spans.setdefault(span, set()).add(code_at(c.idx)[:2])
            if level_at(c.idx) <= 1:
                bigger.add(span)
        out = []
        for c in cands:
            code = code_at(c.idx)
            span = (c.used[0].start, c.used[0].end)
            if (level_at(c.idx) >= 2 and code[:2] == province and len(spans[span]) > 1 and span not in bigger
                    and not any(code.startswith(p) for p in places)):
                c = replace(c, score=c.score + _NEAR_THE_ASIDE)
            out.append(c)
        # (the scan's own order: the score, then the bigger place, the one named first, never the alphabet alone)
        out.sort(key=lambda c: (-c.score, level_at(c.idx), c.used[0].start, code_at(c.idx)))
        return out

    def _neighbours(self, cands: list, options: list[_RegionOption], tokens: list[Token]) -> tuple[str, ...]:
        """Kecamatan of another kabupaten/kota of the province a kabupaten/kota read first lies in, named plainly
        (said as a place, clear, enough to be read on its own) but too far behind to be an option: "kami di Kota
        Bekasi tapi kontrakan di Tambun Selatan" — the Kota with its level word outscores the kecamatan, though the
        story is as likely about the kecamatan. Not a place to rank offices by; a doubt about filling the Kota."""
        if not options or len(options[0].chain) != 2:
            return ()
        regions = self.regions
        first = options[0].chain[0]
        seen = {o.chain[0][:5] for o in options}
        # (named apart: 'di kota Cimahi' is no Kecamatan Cimahi of Kabupaten Kuningan, 'Pantai Tambakrejo di
        # Kabupaten Blitar' no Kecamatan Tambakrejo of Bojonegoro: words a place of an option explains; 'sd di
        # cimahi ... dinas pendidikan kota cimahi': nor the Kota's own name said again)
        explained = {(h.start, h.end) for c in cands[:_NEIGHBOUR_LOOK] if regions.code_at(c.idx)[:5] in seen
                     for h in c.used}
        own = cands[0].idx
        out: list[str] = []
        for cand in cands[1:_NEIGHBOUR_LOOK]:
            code = regions.code_at(cand.idx)
            hit = cand.used[0]
            if (cand.score >= MIN_SCORE and regions.level_at(cand.idx) == 2 and code[:2] == first[:2]
                    and code[:5] not in seen and hit.cue and not hit.weak and hit.q >= 0.85 and hit.ctx >= 1.0
                    and (hit.start, hit.end) not in explained
                    and not regions.key_names("".join(fold_key(t.text) for t in tokens[hit.start:hit.end]), own)):
                seen.add(code[:5])
                out.append(code)
        return tuple(out)

    def _given_options(self, cands: list, given: str, text_region_wins: bool
                       ) -> tuple[list[_RegionOption], Any]:
        """The caller's region, refined or (for a plainly named kabupaten/province) replaced by the text's;
        plus the text's candidate that was used, if any."""
        code_at = self.regions.code_at
        inside = [c for c in cands if code_at(c.idx).startswith(given + ".") and c.score >= MIN_SCORE]
        if inside:
            return [_RegionOption(tuple(self.regions.chain(code_at(inside[0].idx))), 1.0)], inside[0]
        own = _RegionOption(tuple(self.regions.chain(given)), 0.97)
        if text_region_wins and cands and cands[0].score >= _TEXT_REGION_OVER_GIVEN:
            top = cands[0]
            code = code_at(top.idx)
            hit = top.used[0]
            related = code in own.chain or code.startswith(given + ".")
            plain = self.regions.level_at(top.idx) <= 1 and not hit.weak
            # 'gorontalo' names the kota and the kabupaten: the one the citizen is in is meant
            shared = any(code_at(c.idx) in own.chain and any(
                (h.start, h.end) == (hit.start, hit.end) for h in c.used) for c in cands)
            if plain and not related and not shared:
                return [_RegionOption(tuple(self.regions.chain(code)), 1.0), own], top
        # alone, the place the citizen gave is certain: its offices must not trail a national body
        # ('tiang listrik PJU' is the kabupaten's street light, not PLN's line, on equal words)
        own.weight = 1.0
        # 'jalan di Pasar Minggu' with Pasar Minggu given: the story's words naming that place are its name, not a
        # market (only a name spelled out: 'sumbat' is no slip for Sumbar)
        same = max((c for c in cands if c.score >= MIN_SCORE and code_at(c.idx) in own.chain
                    and all(h.q >= _SPELLED_OUT for h in c.used)), key=lambda c: len(code_at(c.idx)), default=None)
        return [own], same

    def _kind_here(self, kind: str, options: list[_RegionOption]) -> str:
        """The kind that does this kind's job in the places named: itself, or (where none of them has an
        office of it) the one standing in ('got mampet' is Jakarta's Sudin SDA, Public Works elsewhere),
        so that the words for one office add up."""
        info = self._kinds.get(kind)
        if info is None or not info.instead or any(
                (kind, code) in self._by_kind_region for o in options for code in o.chain):
            return kind
        return info.instead

    def _score_target(self, ranking: _Ranking, target: str, level: str | None, strength: float,
                      options: list[_RegionOption]) -> None:
        """Score the agencies a kind or agency alias points to, in each candidate region."""
        if target.startswith("agency:"):
            agency = self._agencies.get(target[7:])
            if agency is None:
                return
            fit = 1.0
            if agency.region_code and options:
                fit = max((o.weight for o in options if o.holds(agency.region_code)), default=_FIT_FOREIGN)
            ranking.add(agency.code, 100 * strength * fit)
            return
        kind = target
        central = self._by_kind_region.get((kind, None), [])
        if level == "pusat" and kind in self._kinds and self._kinds[kind].central:
            # 'jalan nasional': the ministry's office runs it, wherever it lies; the kabupaten's may still be meant
            stand_in = self._agencies.get(self._kinds[kind].central or "")
            if stand_in is not None:
                ranking.add(stand_in.code, 100 * strength)
                strength, level = strength * _FIT_UP, None
        if kind not in self._regional_kinds:
            for agency in central:
                ranking.add(agency.code, 100 * strength)
            return
        if not options:
            info = self._kinds.get(kind)
            for agency in central:
                ranking.add(agency.code, 100 * strength * _FIT_NO_REGION)
            if not central and info and info.central:
                stand_in = self._agencies.get(info.central)
                if stand_in:
                    ranking.add(stand_in.code, 100 * strength * _FIT_NO_REGION)
            return
        instead = self._kinds[kind].instead if kind in self._kinds else None
        for opt in options:
            # where no office of this kind serves the place, the kind that does its job there does
            # (drains: Jakarta's Sudin SDA, Public Works elsewhere)
            if instead and instead != kind and not any((kind, code) in self._by_kind_region for code in opt.chain):
                self._score_target(ranking, instead, level, strength, [opt])
                continue
            # the most specific office of this kind serves the place; the ones above it fit less,
            # unless the phrase asked for the province ('samsat', 'SMA', 'jalan provinsi')
            wants_province = level == "prov" or opt.regency is None
            nearer_found = False
            for code in opt.chain:
                agencies = self._by_kind_region.get((kind, code))
                if not agencies:
                    continue
                if wants_province:
                    fit = _FIT_OWN if code == opt.province else _FIT_UP
                elif nearer_found:
                    fit = _FIT_UP
                else:
                    fit = _FIT_UP_ONLY if code == opt.province else _FIT_OWN
                nearer_found = True
                for agency in agencies:
                    ranking.add(agency.code, 100 * strength * opt.weight * fit)
            for agency in central:
                ranking.add(agency.code, 100 * strength * opt.weight * _FIT_CENTRAL)

    def _fallback(self, ranking: _Ranking, tokens: list[Token], options: list[_RegionOption]) -> None:
        """Nothing named: fuzzy-compare the words with names near the region, else its government."""
        pool: list[Agency] = self.in_region(None)
        for opt in options:
            for code in opt.chain:
                pool += self.in_region(code)
        query = " ".join(t.text for t in tokens)
        # 'dinas' or 'kantor dinas' alone shares a word with every name: it names none of them
        specific = any(fold_key(t.text) not in GENERIC_WORDS for t in tokens)
        if pool and len(query) >= 4 and specific:
            names = [utils.default_process(a.name) for a in pool]
            for _, score, i in process.extract(query, names, scorer=fuzz.token_set_ratio, limit=3,
                                               score_cutoff=75, processor=None):
                ranking.add(pool[i].code, score * 0.8)
        if ranking.scores:
            return
        for opt in options[:1]:
            for code in (opt.regency, opt.province):
                gov = self._by_kind_region.get(("pemda", code)) if code else None
                if gov:
                    ranking.add(gov[0].code, 30.0 * opt.weight)  # 'no wrong door': the local government
                    return


def _regency(code: str | None) -> str | None:
    """The kabupaten/kota part of a region code (None for a province or a national body)."""
    return code[:5] if code and len(code) >= 5 else None


_LODGING = frozenset({"kos", "kost", "ngekos", "ngekost", "indekos", "kosan", "kostan"})  # a room by the workplace
_HOME_WORDS = frozenset({"rumah", "rmh", "tinggal", "tinggalnya", "rumahnya", "domisili"})
_HERE_WORDS = HERE | {"dsni"}  # the region reading's words for here, and one more way to type it


def _home_here(tokens: Sequence[Token]) -> bool:
    """Whether the teller says home is here ('rumah disini', 'tinggal di sini'): where the problem is, by home."""
    words = [t.text for t in tokens]
    for i, w in enumerate(words):
        if w in _HOME_WORDS:
            rest = words[i + 1:i + 3]
            if (rest[:1] and rest[0] in _HERE_WORDS - {"sini"}) or rest[:2] == ["di", "sini"]:
                return True
    return False


def _without_tied_regencies(found: list[AgencyMatch]) -> list[AgencyMatch]:
    """With no place given, a kabupaten office is not offered when another kabupaten's fits as well.

    "banjir di Gebang" names a village of Langkat, Cirebon and Purworejo alike: choosing one by the order of
    the data would send the complaint to the wrong kabupaten, so no kabupaten office is offered, only the
    province's (when every such place is in it) or a national body; with none, nothing is, and the agency
    question asks the citizen.
    """
    if not found or _regency(found[0].agency.region_code) is None:
        return found
    top = found[0].score
    tied = {_regency(m.agency.region_code) for m in found if m.score >= top - _TIE}
    tied.discard(None)
    if len(tied) < 2:
        return found
    provinces = {code[:2] for code in tied if code}
    # which kabupaten is unknown, so no kabupaten's office is safe; a province's only if the place is in it
    return [m for m in found if m.agency.region_code is None
            or (len(m.agency.region_code) == 2 and provinces == {m.agency.region_code})]


def keyword_strength(weight: float) -> float:
    """How sure summed problem-word weights make a kind: rising with every word, never above 0.9.

    Linear up to 4 (one clear word), then closing on 0.9 without reaching it, so that more
    evidence always ranks higher ('banjir' 6 against 'got mampet' 6 + 'got' 2) instead of two kinds
    both capped and the tie left to chance."""
    if weight <= 4.0:
        return 0.55 + 0.07 * weight
    return 0.83 + 0.07 * (1.0 - math.exp(-(weight - 4.0) / 3.0))


# how many of a reading's places are looked through for a neighbour's kecamatan named far behind the first
_NEIGHBOUR_LOOK = 12


def _place_tokens(cand: Any, tokens: Sequence[Token]) -> frozenset[int]:
    """Token positions a region candidate read as its place name (problem words there are not problems).

    'bandara Soekarno Hatta', 'pelabuhan Sri Bintan Pura': a landmark's facility word places it and is still what
    the problem is about; in an official name ('Pasar Minggu', 'Pasar Kemis') it is only the name."""
    used: set[int] = set()
    for hit in cand.used if cand is not None else ():
        if not hit.keep:
            used.update(k for k in range(hit.start, hit.end) if not hit.nick or tokens[k].text not in FACILITY_MARKERS
                        or tokens[k].text in rules.LANDMARK_WORDS)
            if hit.marker_at is not None:
                used.add(hit.marker_at)
    return frozenset(used)


