"""Bench 'place outranks words': agency top-1/top-3, wrong-kabupaten-first rate and GPS -> kabupaten.

Run from the project root:  .venv/bin/python bench/agency_region.py [--failures] [--root DIR]

Each story is read as the bot reads it: the separately given location (if any) is resolved with
RegionIndex.resolve, looked for first in the kabupaten the story as a whole names, if one (when it is ambiguous
the bot lists the places and the citizen is taken to tap the one in their kabupaten, if listed), then
AgencyCatalog.suggest(story, region=...) ranks the agencies. A first
suggestion is "in the wrong kabupaten" when it belongs to a region that neither is nor contains the
expected kabupaten/kota (a province office of the same province or a ministry is not counted).
GPS points (bench/data/gps_points.csv, town halls and landmarks, positions known independently of
the GeoNames data used to answer) are located with RegionIndex.locate when the code has it.

Blind sets are written by a helper who reads none of the matcher's code nor any other story set, committed
alone, and measured as aggregates only (their misses are printed only when asked for by name): the estimate for
citizens' messages we have not seen. Each round a new one is written; the one before becomes tuning data once the
round reads its misses. Now blind9 is the unseen set, written while round 8 tuned on blind8 (blind, the first,
is kept and its misses stay unprinted: its NOTES were read, so it is no longer clean); blind8, blind7, blind6,
round5, round3, fresh, measured and tuning are tuning data (how each was written: its .NOTES.md).
`--root` runs the same bench against another checkout (e.g. a `git worktree` of an older commit) to get the
baseline figures.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
SETS = (("blind102", "agency_stories_blind102.csv"), ("blind101", "agency_stories_blind101.csv"),
        ("blind100", "agency_stories_blind100.csv"), ("blind99", "agency_stories_blind99.csv"),
        ("blind98", "agency_stories_blind98.csv"), ("blind97", "agency_stories_blind97.csv"),
        ("blind96", "agency_stories_blind96.csv"), ("blind95", "agency_stories_blind95.csv"),
        ("blind94", "agency_stories_blind94.csv"), ("blind93", "agency_stories_blind93.csv"),
        ("blind92", "agency_stories_blind92.csv"), ("blind91", "agency_stories_blind91.csv"),
        ("blind90", "agency_stories_blind90.csv"), ("blind89", "agency_stories_blind89.csv"),
        ("blind88", "agency_stories_blind88.csv"), ("blind87", "agency_stories_blind87.csv"),
        ("blind86", "agency_stories_blind86.csv"), ("blind85", "agency_stories_blind85.csv"),
        ("blind84", "agency_stories_blind84.csv"), ("blind83", "agency_stories_blind83.csv"),
        ("blind82", "agency_stories_blind82.csv"), ("blind81", "agency_stories_blind81.csv"),
        ("blind80", "agency_stories_blind80.csv"), ("blind79", "agency_stories_blind79.csv"),
        ("blind78", "agency_stories_blind78.csv"), ("blind77", "agency_stories_blind77.csv"),
        ("blind76", "agency_stories_blind76.csv"), ("blind75", "agency_stories_blind75.csv"),
        ("blind74", "agency_stories_blind74.csv"),
        ("blind73", "agency_stories_blind73.csv"), ("blind72", "agency_stories_blind72.csv"),
        ("blind71", "agency_stories_blind71.csv"), ("blind70", "agency_stories_blind70.csv"),
        ("blind69", "agency_stories_blind69.csv"), ("blind68", "agency_stories_blind68.csv"),
        ("blind67", "agency_stories_blind67.csv"), ("blind66", "agency_stories_blind66.csv"),
        ("blind65", "agency_stories_blind65.csv"), ("blind64", "agency_stories_blind64.csv"),
        ("blind63", "agency_stories_blind63.csv"), ("blind62", "agency_stories_blind62.csv"),
        ("blind61", "agency_stories_blind61.csv"), ("blind60", "agency_stories_blind60.csv"),
        ("blind59", "agency_stories_blind59.csv"), ("blind58", "agency_stories_blind58.csv"),
        ("blind57", "agency_stories_blind57.csv"), ("blind56", "agency_stories_blind56.csv"),
        ("blind55", "agency_stories_blind55.csv"), ("blind54", "agency_stories_blind54.csv"),
        ("blind53", "agency_stories_blind53.csv"), ("blind52", "agency_stories_blind52.csv"),
        ("blind51", "agency_stories_blind51.csv"), ("blind50", "agency_stories_blind50.csv"),
        ("blind49", "agency_stories_blind49.csv"), ("blind48", "agency_stories_blind48.csv"),
        ("blind47", "agency_stories_blind47.csv"), ("blind46", "agency_stories_blind46.csv"),
        ("blind45", "agency_stories_blind45.csv"), ("blind44", "agency_stories_blind44.csv"),
        ("blind43", "agency_stories_blind43.csv"), ("blind42", "agency_stories_blind42.csv"),
        ("blind41", "agency_stories_blind41.csv"), ("blind40", "agency_stories_blind40.csv"),
        ("blind39", "agency_stories_blind39.csv"), ("blind38", "agency_stories_blind38.csv"),
        ("blind37", "agency_stories_blind37.csv"), ("blind36", "agency_stories_blind36.csv"),
        ("blind35", "agency_stories_blind35.csv"), ("blind34", "agency_stories_blind34.csv"),
        ("blind33", "agency_stories_blind33.csv"), ("blind32", "agency_stories_blind32.csv"),
        ("blind31", "agency_stories_blind31.csv"), ("blind30", "agency_stories_blind30.csv"),
        ("blind29", "agency_stories_blind29.csv"),
        ("blind28", "agency_stories_blind28.csv"),
        ("blind27", "agency_stories_blind27.csv"),
        ("blind26", "agency_stories_blind26.csv"),
        ("blind25", "agency_stories_blind25.csv"),
        ("blind24", "agency_stories_blind24.csv"),
        ("blind23", "agency_stories_blind23.csv"),
        ("blind22", "agency_stories_blind22.csv"),
        ("blind21", "agency_stories_blind21.csv"),
        ("blind20", "agency_stories_blind20.csv"),
        ("blind19", "agency_stories_blind19.csv"),
        ("blind18", "agency_stories_blind18.csv"),
        ("blind17", "agency_stories_blind17.csv"),
        ("blind16", "agency_stories_blind16.csv"), ("blind15", "agency_stories_blind15.csv"),
        ("blind14", "agency_stories_blind14.csv"),
        ("blind13", "agency_stories_blind13.csv"), ("blind12", "agency_stories_blind12.csv"),
        ("blind11", "agency_stories_blind11.csv"),
        ("blind10", "agency_stories_blind10.csv"),
        ("blind9", "agency_stories_blind9.csv"),
        ("blind8", "agency_stories_blind8.csv"),
        ("blind7", "agency_stories_blind7.csv"),
        ("blind6", "agency_stories_blind6.csv"),
        ("blind", "agency_stories_blind.csv"),
        ("round5", "agency_stories_round5.csv"),
        ("round3", "agency_stories_round3.csv"),
        ("fresh", "agency_stories_fresh.csv"),
        ("measured", "agency_stories_measured.csv"), ("tuning", "agency_stories_tuning.csv"))
# sets whose misses are printed only when asked for by name (`--only NAME --failures`): tuning never reads them
# (blind9's three wrong-kabupaten rows were read on 2026-12-03 for the 'elsewhere' rule of agencies.py; blind10,
# measured once on 2026-12-03, became a tuning set on 2026-12-04: all its misses were read; blind12, measured once
# on 2026-12-04 before any change of that round — 76.4 / 90.8 / 2.4% — became a tuning set the same day; blind14,
# written blind on 2026-12-04 at noon, measured once on the round's starting code 79ab129 and on d8f3ad7 (no
# matcher change between them) — 81.2 / 87.2 / 2.4% — then became a tuning set: all its misses were read)
UNSEEN = frozenset({"blind", "blind9", "blind11", "blind13", "blind17", "blind18", "blind20", "blind36", "blind37",
                    "blind50", "blind51", "blind54", "blind55", "blind58", "blind59", "blind62",
                    "blind97", "blind98", "blind99", "blind100", "blind101", "blind102"})
# written blind and not measured yet: benched only when named (`--only NAME`), once, on the code that is to be
# measured, before any change reads anything of it (blind13, written 2026-12-04 while blind12 was being tuned on,
# was measured once at the end of that round, b27ff49: 78.8 / 85.2 / 2.0%, and on the round's starting code
# ebccfc5: 78.0 / 85.2 / 2.0%; since then it is unseen: totals only)
# (blind15, written blind 2026-12-04 while blind14 was tuned on, was measured once at the end of that round, 7498b36:
# 71.6 / 83.2 / 5.2%, and on the round's starting code 79ab129: 70.8 / 82.4 / 5.2%; minutes later, the same day, it
# became a tuning set: its misses, the wrong-kabupaten ones first, were read. blind16, written blind meanwhile, was
# measured once at the end, 48882f3: 81.2 / 87.2 / 4.8% (79ab129: 77.2 / 82.8 / 4.8%; e139f00, before the blind15
# rules: 78.0 / 83.6 / 4.8%); unseen until 2026-12-04 15:30 UTC, when it became a tuning set (its misses, the
# wrong-kabupaten ones first, were read) while blind17 and blind18 were written blind to measure that round. Both were
# measured on the round's starting code ead3773 — blind17 87.2 / 91.6 / 0.4%, blind18 77.2 / 87.2 / 2.4% — and once at
# its end, 370e56d: blind17 87.2 / 91.6 / 0.4%, blind18 77.6 / 87.6 / 2.0%; since then unseen: totals only.)
# (blind19, written blind 2026-12-04 at the end of that round for the next, was measured once on the next round's
# starting code d7f6fe8 — 79.2 / 89.2 / 2.8% — and at 19:10 UTC became that round's tuning set: its misses were read.
# blind20, written blind meanwhile by a helper (its NOTES say what it read), is reserved: measured once on d7f6fe8
# and once on the round's final code, totals only. blind21, written blind by another helper the same evening (200
# stories, 73% naming two or more kabupaten/kota), was measured on d7f6fe8 and on 5201896 and then tuned on.
# blind20 was measured once at that round's end, 0db674a: 78.0 / 88.0 / 4.8%; since then unseen: totals only.
# blind22, written blind the same evening for the next round (a week's inbox: kinds in proportion, 41% naming a
# second place, 32% naming an office), was measured once on the next round's starting code e2b00ae — 85.6 / 92.4 /
# 2.8% — and at 21:35 UTC on 2026-12-04 became that round's tuning set: its misses were read. blind23, written blind
# meanwhile by a helper for this round (250 stories: voice notes, short lines, regional speech, 40% naming a second
# place), is reserved: measured on e2b00ae and once at the round's end, totals only. blind24, written blind the same
# evening for the round after (250 stories, 62% with the place given as people answer "where?", 171 naming a
# kecamatan or desa that another kabupaten has too), is reserved as well: measured on e2b00ae, then not until the
# end of its round. blind23 was measured once at its round's end, 51732ca: 73.2 / 84.0 / 7.6% (e2b00ae: 74.0 / 84.0 /
# 7.6%: blind22's rules did not carry over to voice notes and regional speech), and at 22:03 UTC became the next
# round's tuning set: its misses were read. blind24 was measured once at the end of that round, 88615fd: 90.4 / 95.6 /
# 2.4% (e2b00ae: 90.0 / 95.6 / 2.4%), and at 22:19 UTC became the next round's tuning set. blind25, written blind
# meanwhile (250 stories from small towns and villages, 34% naming a second place), was measured once at the end of
# blind24's round, 0963efa: 74.0 / 82.0 / 5.2% (e2b00ae: 74.4 / 82.4 / 4.8%: the night's rules did not carry over),
# and at 22:28 UTC became the next round's tuning set. blind26, written blind meanwhile ("one ordinary week of the
# inbox", 35% naming a second place, 35% with the place given), was measured on e2b00ae (79.6 / 88.4 / 4.0%) and once
# at the end of blind25's round, 413b901: 81.2 / 88.8 / 3.6%, and at 22:43 UTC became the next round's tuning set.
# blind27, written blind meanwhile (another ordinary week, 32% naming an office), was measured on e2b00ae (80.8 / 87.6
# / 6.0%) and once at the end of blind26's round, bb01986: 82.8 / 87.6 / 5.2%, and at 23:17 UTC became the next
# round's tuning set. blind28, written blind meanwhile (a third ordinary week), was measured on e2b00ae (77.6 / 82.0 /
# 9.2%) and once at the end of blind27's round, 14d4f66: 81.2 / 84.4 / 7.2%, and on 2026-12-05 at 00:50 UTC became
# the next round's tuning set. blind29, written blind meanwhile ("a fourth ordinary week", 42% outside Java), was
# measured on aa7c5b5 (78.0 / 84.8 / 5.2%) and once at the end of blind28's round, 66c3a7a: 81.2 / 88.0 / 3.6%, and
# at 01:38 UTC became the next round's tuning set. blind30, written blind meanwhile ("a fifth ordinary week", 64 voice
# notes, 47% naming two or three places), was measured on aa7c5b5 (80.8 / 89.2 / 5.6%) and at the start of blind29's
# round, 2b7ce4c (81.6 / 89.6 / 4.4%), and once at that round's end, 175d0c6: 81.6 / 89.6 / 4.4% (the round's rules
# changed none of its stories), and at 02:25 UTC became the next round's tuning set. blind31, written blind meanwhile
# ("a sixth ordinary week", offices and landmarks named with their town), was measured on aa7c5b5 (76.4 / 84.8 /
# 5.2%), at the start of blind30's round, 4a2660c (78.8 / 86.0 / 3.6%), and once at its end, 4fbcd13: 78.8 / 86.0 /
# 3.6% (the round's rules changed none of its stories), and on 2026-12-05 at 04:13 UTC became the next round's tuning
# set. Three rounds followed, each measured on sets written blind meanwhile: blind32 and blind33 (measured on da55b12
# and at the end of blind31's round, bc56485), then tuning; blind34 and blind35 (measured on da55b12, bc56485 and at
# the end of blind32/33's round, 9997a2b), then tuning; blind36 and blind37 (measured on da55b12, 9997a2b and at the
# end of blind34/35's round, b6cc7fc): unseen, totals only. blind38 and blind39, written blind on 2026-12-05 while
# the story reader's place check was made (bench/story_place.py), were measured once on 9f36170 and on the new code:
# unseen, totals only. blind40 ("reported for someone else") and blind41 ("the rainy season": 209 of its 250
# stories name the kabupaten/kota plainly, an easy set), written blind on 2026-12-05 at 10:10 UTC, were measured on
# bcd4c7b (blind40 92.4 / 95.6 / 1.6%, blind41 99.6 / 99.6 / 0.0%) and once on the code that followed: unseen.
# blind42 ("the market town and the roads to it") and blind43 ("cities and their neighbours": kota/kabupaten pairs
# and shared names), written blind on 2026-12-05 at 12:50 UTC, were measured on the session's starting code 48433b4:
# blind42 90.0 / 95.6 / 2.8%, blind43 90.8 / 98.0 / 3.6% (story_place: places filled unasked 55 and 61, 1 and 3 in
# another kabupaten). At 13:10 UTC the same day blind38, blind39, blind40 and blind41 became tuning sets (their
# misses and wrong fills read) for a round measured on blind42 and blind43. That round (three changes, bda97f8)
# measured them once at its end: blind42 90.0 / 95.6 / 2.8%, blind43 91.2 / 98.0 / 3.2% (places filled unasked 55
# and 59, 1 and 1 in another kabupaten); at 13:25 UTC they became the next round's tuning sets. blind44 ("as women
# tell it") and blind45 ("few words, many mistakes": 4-40 words, misspelt places), written blind meanwhile, were
# measured on that round's starting code bda97f8: blind44 90.0 / 94.0 / 2.0% (places filled unasked 49, 1 in another
# kabupaten), blind45 87.6 / 92.8 / 2.4% (places filled unasked 7, none in another kabupaten), and once at the
# end of that round (four changes, 6f0f2d1): the same figures, none of their stories changed; at 13:50 UTC they
# became the next round's tuning sets, for a round measured on blind46 and blind47, written blind meanwhile.
# blind46 ("the coast and the islands": fishermen, ferries, small ports, abrasion, island water and power; 30
# office kinds, ~45 labels its writer was unsure of) and blind47 ("an ordinary week, typed on the bus") were
# measured on that round's starting code 6f0f2d1: blind46 68.8 / 83.6 / 4.8% (61 of its 78 misses another office),
# blind47 89.2 / 92.4 / 4.0%; once at that round's end (three changes, 8182c96): the same figures. A second labeller
# agreed with blind46's labels on 92.0% of its stories (the bot 68.8%: coastal complaints are a weak spot). At 14:05
# UTC both became the next round's tuning sets, for a round measured on blind48 and blind49, written blind meanwhile.
# blind48 ("water people": rivers, lakes, harbours, salt) and blind49 ("an ordinary week from the villages") were
# measured on that round's starting code a67d5fb: 68.8 / 79.6 / 8.4% and 86.4 / 90.4 / 5.6%, and once at its end
# (two data changes for coastal offices, 180083c): 69.2 / 80.0 / 8.4% and 86.4 / 90.4 / 5.6%; at 14:15 UTC they
# became the next round's tuning sets, for a round measured on blind50 and blind51. blind50 ("where I live, where it
# happened": 58% naming a second place) and blind51 ("the sea, the shore and the islands, again") were measured on
# that round's starting code b677000 (87.2 / 92.8 / 4.4% and 80.0 / 92.0 / 2.8%; blind51 79.6 / 91.6 / 2.8% on
# a67d5fb, before the coastal words) and once at its end (three changes, be013e2): the same figures; unseen.
# blind52 ("the islands and the harbours, a third time") and blind53 ("an ordinary week, told to a neighbour"), written
# blind on 2026-12-05 at 15:45 UTC, were measured on that session's starting code abd26ab — 71.2 / 82.0 / 3.2% and
# 82.4 / 89.6 / 4.8% (story_place: places filled unasked 14 and 14, 2 and 1 in another kabupaten) — and once after
# the island reading (55bb3c6): 71.2 / 82.4 / 3.2% and 82.0 / 89.6 / 4.8% (places offered 73 -> 77 and 85 -> 85);
# at 16:30 UTC they became the next round's tuning sets. blind54 ("an ordinary week, as the national inbox gets it")
# and blind55 ("on the road and on the water": transport of every kind and level), written blind meanwhile, were
# measured on that round's starting code (the island reading, c891a72): 86.8 / 95.2 / 2.8% and 73.6 / 85.6 / 4.8%
# (on abd26ab: 86.8 / 95.2 / 2.8% and 73.6 / 85.2 / 5.2%), once with the crossing rule alone (86.4 / 95.2 / 2.8%,
# 74.8 / 86.0 / 4.0%: the rule was kept having seen these totals, as well as its +4 stories on the seen sets), and
# once at the round's end (8990afd): 86.4 / 95.2 / 2.8% and 74.8 / 86.0 / 4.0%; unseen.
# blind56 ("women, children and people with disabilities"), blind57 ("money, fees and papers"), blind58 ("the farm,
# the boat and the market") and blind59 ("a voice note from grandma and grandpa"), written blind on 2026-12-05 at
# 18:20 UTC; which two become tuning sets (blind56, blind57) and which stay unseen (blind58, blind59) was written down
# before any was measured. On that session's starting code cf5cb4b: blind56 76.8 / 84.4 / 2.4%, blind57 74.4 / 86.8 /
# 3.6%, blind58 65.2 / 80.0 / 6.8%, blind59 77.6 / 85.6 / 3.2% (story_place: places filled unasked 8, 14, 7 and
# 10; 0, 4, 1 and 0 in another kabupaten); at 18:25 UTC blind56 and blind57 became tuning sets. At the round's end
# (1da0f6e: two helpers, office words and everyday words read as villages): blind58 65.6 / 79.6 / 6.8%, blind59 78.0 /
# 85.6 / 3.2%; unseen. (Tuned on: blind56 79.6 / 86.4 / 2.0%, blind57 80.8 / 89.2 / 2.8%.))
# blind60 ("the farm, the field and the fishing boat"), blind61 ("the town: permits, parking, buses and rubbish"),
# blind62 ("harvest, catch and the market day") and blind63 ("typed in a hurry"), written blind on 2026-12-05 at
# 20:55 UTC, each by a helper's script from hand-written pieces (not story by story); which two become tuning sets
# (blind60, blind61) and which stay unseen (blind62, blind63) was written down before any was measured. On the
# session's starting code 3ec56dd: blind60 67.6 / 81.2 / 0.8%, blind61 92.0 / 95.6 / 1.2%, blind62 67.2 / 78.8 /
# 7.2%, blind63 90.8 / 94.8 / 1.6%. At the round's end (93b7c7b: four helpers and the lead): blind62 71.6 / 81.6 /
# 6.8%, blind63 90.8 / 94.8 / 1.6% (story_place: places filled unasked 63 and 134, 4 and 14 in another kabupaten, as
# at the start); unseen. (Tuned on: blind60 80.0 / 90.0 / 0.8%, blind61 96.4 / 97.2 / 1.2%.)
# On 2026-12-06 at 00:10 UTC blind63 became a tuning set (its misses and wrong place fills read), for a round
# measured on blind64-blind67, written blind meanwhile, each story by hand (places drawn by seed; blind64 "what the
# voice note said", 170 rows; blind65 "women, mothers, older people and people with disabilities", 250; blind66
# "far from Java", 200; blind67 "the city's kampung", 203); all four unseen that round, decided before writing.
# On the round's starting code 604dff1 (= 7ecb20e): blind64 82.4 / 90.6 / 2.9%, blind65 79.2 / 91.2 / 1.2%, blind66
# 86.5 / 91.5 / 3.5%, blind67 75.4 / 84.7 / 6.4%; once midway (f842ff4, after two helpers): 83.5 / 90.6 / 2.9%,
# 79.2 / 91.2 / 1.2%, 86.5 / 91.5 / 3.5%, 77.8 / 85.2 / 6.4%; at the round's end (6ad24d5, four helpers and the
# lead): 83.5 / 90.6 / 2.9%, 79.2 / 90.8 / 1.2%, 86.5 / 91.5 / 3.5%, 77.8 / 85.2 / 6.4%; unseen. A second labeller
# each (agency_label_agreement.NOTES.md) agreed with their labels on 96.0% of the 823 stories.
# 2026-12-06 03:20 UTC, before anything of them was written or measured: blind68 ("young people and workers") and
# blind69 ("complaints that cross a border"), written blind by two helpers this morning, are this round's unseen sets
# (measured on the round's starting code addcef8 and at its end, totals only); blind65 and blind67 (measured at the
# start and end of the last round) become tuning sets: their misses are read. blind64 and blind66 stay unseen.
# blind68 (185, three labels revised by a helper before any measurement: its writer had not seen five office kinds) and
# blind69 (184) on the round's starting code 642e704 (the regions.py split, every figure as addcef8): blind68 80.5 /
# 91.9 / 0.0%, blind69 72.8 / 88.6 / 2.7%; bench/story_place.py: blind68 places filled 15, none elsewhere; blind69 22,
# 2 in another kabupaten (agencies 17 filled, 12 right, 2 elsewhere).
# At the round's end (dae68e5, four helpers): blind68 80.5 / 91.9 / 0.0%, blind69 75.5 / 89.1 / 2.7% (a second
# labeller each agreed with their labels on 94.6% and 83.2% of stories); blind64 83.5 / 91.2 / 2.9%, blind66 86.5 /
# 91.5 / 3.5%; the older eighteen unseen 83.23 -> 83.86 / 91.45 -> 91.72 / 109 -> 103 wrong kabupaten; unseen.
# 2026-12-06 06:30 UTC, before anything of them was written or measured: blind70 ("an ordinary week, in the words of
# the regions") and blind71 ("a family's week: the clinic, the school, the papers and the bills"), being written
# blind by two helpers, are this round's unseen sets (measured on the round's starting code cf5d6f1 and at its end,
# totals only); blind64 and blind66 (unseen for two rounds) become tuning sets: their misses are read. blind68 and
# blind69 stay unseen. Written (185 and 185 stories, each by hand; blind71 names a second kabupaten in only 7) and
# measured once on the round's starting code 133b879 (= cf5d6f1; b5062ce, the index's port, gives every figure the
# same): blind70 82.2 / 91.9 / 0.5%, blind71 91.4 / 95.1 / 0.5%; bench/story_place.py: places filled 106 and 96,
# none in another kabupaten; agencies filled 77 (73 right) and 91 (84 right), none elsewhere. A second labeller each
# agreed with their labels on 87.6% and 94.6% of stories (agency_label_agreement.NOTES.md). At the round's end
# (f018631, four helpers): blind70 81.1 / 91.4 / 1.1%, blind71 91.9 / 95.7 / 0.5%; blind68 80.5 / 91.9 / 0.0%, blind69
# 76.1 / 89.1 / 2.7%; the older eighteen unseen 83.27 -> 83.61 / 91.65 -> 91.72 / 96 -> 94 wrong kabupaten; unseen.
# 2026-12-06 10:02 UTC, before anything of them was written or measured: blind72 ("a town's streets, markets and
# terminals: names other towns share") and blind73 ("far from the kabupaten town: the farm, the water, the school, the
# clinic, the road"), to be written blind by two helpers who read bench/data/LABELLING.md, are this round's unseen
# sets (measured on the round's starting code and at its end, totals only); blind68 and blind69 (unseen for two
# rounds) become tuning sets: their misses are read. blind70 and blind71 stay unseen.
# Written (185 and 185 stories, each by hand, both following the guide) and measured once on the round's starting code
# f45a282 (= c118159; e9dfa2a and 42b288d, the splits of agencies.py and regions.py, give every figure the same):
# blind72 96.8 / 97.8 / 1.1%, blind73 95.1 / 97.3 / 0.0%; bench/story_place.py: places filled 94 and 105 (1 in another
# kabupaten), agencies 80 (79 right) and 94 (93 right), none elsewhere. A second labeller each, with the guide, agreed
# on 98.9% and 97.8% of offices, 100% of kabupaten. At the round's end (5e9a529, seven helpers): blind72 96.8 / 97.8 /
# 0.5%, blind73 95.7 / 97.8 / 0.0%; blind70 82.2 / 90.8 / 1.1%, blind71 97.3 / 98.9 / 0.5%; the older eighteen unseen
# 84.29 -> 84.62 / 91.96 -> 92.12 / 92 -> 91 wrong kabupaten; unseen.
# 2026-12-06 13:26 UTC, before anything of them was written or measured: blind74 ("the problem told by what it does to
# us: no office named") and blind75 ("islands, coasts and borders"), to be written blind by two helpers who read
# bench/data/LABELLING.md, are this round's unseen sets (measured on the round's starting code and at its end, totals
# only); blind70 and blind71 (unseen for two rounds) become tuning sets: their misses are read. blind72 and blind73
# stay unseen.
# Written (185 and 185 stories, each by hand, following the guide) and measured once on the round's starting code
# 544b01b (= 818c49e): blind74 66.5 / 73.5 / 4.3% (top-1 with the place given 80.2%, only in the story 53.2%; no
# suggestion at all for 10), blind75 95.1 / 98.4 / 1.6%; bench/story_place.py: places filled 33 (1 in another
# kabupaten) and 104 (2), agencies 26 (21 right, 1 elsewhere) and 103 (102 right, 1 elsewhere). blind74's theme is
# where the bot is weakest, so blind76 ("the problem told by what it does to us", another seed), written blind the
# same way, is a tuning set for it: its misses are read; blind74 measures what carries over.
# At the round's end (1dc83de, seven helpers): blind74 67.0 / 74.6 / 4.3%, blind75 95.1 / 98.4 / 1.6% (a second labeller
# each, with the guide, agreed on 91.9% and 96.2% of offices, 96.8% and 97.3% of kabupaten); blind76, tuned on, 67.6 ->
# 77.3 / 76.8 -> 83.8 / 6.5 -> 3.8%: what was learnt on blind76 moved its unseen sibling by one story. blind72 96.8 /
# 97.8 / 0.5%, blind73 96.2 / 98.4 / 0.0%; the older eighteen unseen 85.16 -> 85.45 / 92.37 -> 92.53 / 89 -> 88
# wrong kabupaten; unseen.
# 2026-12-06 17:00 UTC, before anything of them was written or measured: blind77 ("voice notes, transcribed by the
# phone") and blind78 ("only the desa and the kecamatan: the kabupaten never said"), to be written blind by two helpers
# who read bench/data/LABELLING.md, are this round's unseen sets (measured on the round's starting code and at its
# end, totals only); blind72 and blind73 (unseen for two rounds) become tuning sets: their misses are read. blind74
# and blind75 stay unseen.
# Written (185 and 185 stories, each by hand, following the guide) and measured once on the round's starting code
# 0d36ee0 (= 1371b0e in every figure): blind77 93.5 / 99.5 / 0.0%, blind78 89.2 / 92.4 / 0.0% (top-1 with the place
# given 94.7% and 92.5%, only in the story 92.2% and 85.9%); bench/story_place.py: places filled 148 and 152, none in
# another kabupaten; agencies 131 (123 right) and 138 (132 right), none elsewhere. A second labeller each, with the
# guide and the region lists, agreed on 95.7% and 94.1% of offices, 100% and 99.5% of kabupaten.
# At the round's end (8fcb92a, seven helpers): blind77 94.1 / 99.5 / 0.0%, blind78 89.7 / 92.4 / 0.0%; blind74 68.1 /
# 76.2 / 4.9%, blind75 95.1 / 98.4 / 1.6%; the older eighteen unseen 84.18 -> 84.36 / 91.56 -> 91.69 / 98 -> 98 wrong
# kabupaten; unseen. (Tuned on: blind72 96.8 / 97.8 / 0.5%, blind73 96.2 -> 97.3 / 98.4 -> 98.9 / 0.0%.)
# 2026-12-06 20:25 UTC, before anything of them was written or measured: blind79 ("women, elderly people and persons
# with disabilities: what they need from the offices") and blind80 ("the town or the regency? places that share a
# name"), to be written blind by two helpers who read bench/data/LABELLING.md, are this round's unseen sets (measured
# on the round's starting code and at its end, totals only); blind74 and blind75 (unseen for two rounds) become tuning
# sets: their misses are read. blind77 and blind78 stay unseen.
# Written (185 and 185 stories, each by hand, following the guide) and measured once on the round's starting code
# 2bee19d (= 726bac9 in every figure): blind79 84.9 / 93.0 / 0.0%, blind80 85.4 / 93.0 / 0.5% (top-1 with the place
# given 81.5% and 80.5%, only in the story 88.2% and 89.8%); bench/story_place.py: places filled 74 and 62, none in
# another kabupaten; agencies 60 (54 right) and 51 (49 right), none elsewhere. A second labeller each, with the guide
# and the region lists, agreed on 100% and 96.8% of offices, 100% and 100% of kabupaten.
# At the round's end (10bc6dd, nine helpers): blind79 86.5 / 93.5 / 0.0%, blind80 88.1 / 94.6 / 0.0%; blind77 94.1 /
# 99.5 / 0.0%, blind78 90.3 / 92.4 / 0.0%; the older eighteen unseen 85.21 -> 85.27 / 92.41 -> 92.35 / 86 -> 79 wrong
# kabupaten; unseen. (Tuned on: blind74 68.1 -> 71.9 / 76.2 -> 78.4 / 4.9 -> 4.9%, blind75 95.1 -> 95.7 / 98.4 -> 98.9
# / 1.6 -> 1.1%.)
# 2026-12-06 23:55 UTC, before anything of them was written or measured: blind81 ("the office at fault: pungli, slow
# or rude service, absent staff, papers held back") and blind82 ("two lines on a cheap phone: short messages,
# abbreviations, a desa or kecamatan for the place"), to be written blind by two helpers who read
# bench/data/LABELLING.md, are this round's unseen sets (measured on the round's starting code and at its end, totals
# only); blind77 and blind78 (unseen for two rounds) become tuning sets: their misses are read. blind79 and blind80
# stay unseen. On the round's starting code b10653a: blind81 96.2 / 97.3 / 1.6%, blind82 82.7 / 90.8 / 1.6%; at its end
# (df8a15e, eight helpers' rules): the same, to the story; the older eighteen unseen 84.87 -> 84.89 / 92.19 -> 92.21 /
# 79 -> 79 wrong kabupaten; unseen. (Tuned on: blind77 94.1 -> 95.1 / 99.5 / 0.0%, blind78 90.3 -> 95.7 / 92.4 -> 97.3 /
# 0.0%.)
# 2026-12-07 03:00 UTC, before anything of them was written or measured: blind83 ("an ordinary week of the inbox",
# seed 8383) and blind84 ("voice notes, transcribed by the phone", seed 8484), to be written blind by two helpers who
# read bench/data/LABELLING.md, are this round's unseen sets (measured on the round's starting code and at its end,
# totals only); blind79 and blind80 (unseen for two rounds) become tuning sets: their misses are read. blind81 and
# blind82 stay unseen. On the round's starting code f58cf83: blind83 92.4 / 96.8 / 2.2%, blind84 88.6 / 94.6 / 0.5%
# (a second labeller each agreed on 100% and 99.5% of offices, 100% of kabupaten); at its end (edee1a7: office rules,
# where, the story reader; a logistic-regression prior measured and not shipped): blind83 92.4 / 96.8 / 2.2%, blind84
# 89.2 / 94.6 / 0.5%; the older eighteen unseen 85.07 -> 85.14 / 92.21 -> 92.21 / 85 -> 84 wrong kabupaten; unseen.
# (Tuned on: blind79 86.5 -> 89.2 / 93.5 -> 95.1 / 0.0%, blind80 88.1 -> 89.7 / 94.6 -> 95.1 / 0.0%.)
# 2026-12-07 06:30 UTC, before anything of them was written or measured: blind85 ("an ordinary week of the inbox",
# seed 8585) and blind86 ("papers, cards and benefits", seed 8686), to be written blind by two helpers who read
# bench/data/LABELLING.md, are this round's unseen sets (measured on the round's starting code and at its end, totals
# only); blind81 and blind82 (unseen for two rounds) become tuning sets: their misses are read. blind83 and blind84
# stay unseen. On the round's starting code b7aa0de: blind85 91.9 / 95.1 / 1.6%, blind86 88.6 / 95.7 / 0.5%; at its end
# (3805e1a, four tuners' rules: office rules, where, the story reader, the office's level): blind85 91.4 / 95.1 / 1.6%,
# blind86 88.6 / 95.7 / 0.5%; the older eighteen unseen 85.21 -> 85.34 / 92.35 -> 92.35 / 84 -> 84 wrong kabupaten;
# unseen. (Tuned on: blind81 96.8 -> 97.8 / 97.3 -> 98.4 / 1.1 -> 0.0%, blind82 83.2 -> 91.4 / 90.8 -> 96.2 / 1.6 ->
# 0.0%.)
# 2026-12-07 08:00 UTC, before anything of them was written or measured: blind87 ("an ordinary week of the inbox",
# seed 8787) and blind88 ("older people and people with disabilities, and those who write for them", seed 8888), to be
# written blind by two helpers who read bench/data/LABELLING.md, are the next round's unseen sets, measured once on
# that round's starting code (this round's end, 3805e1a) before any change; blind83 to blind86 stay unseen. On 3805e1a:
# blind87 90.3 / 93.0 / 1.1%, blind88 88.1 / 91.9 / 2.2% (of their 2 and 4 wrong kabupaten, one had the place given).
# 2026-12-07 09:50 UTC, the round that starts on ae72406 (behaviour the same as 3805e1a): blind83 and blind84
# (unseen for two rounds) become tuning sets: their misses are read. blind85 to blind88 stay unseen; blind87 and
# blind88 are this round's fresh sets (their start figures above), measured again at its end (aa67142: four tuners'
# rules — office rules, where, the story reader, the office's level): blind87 90.3 / 93.0 / 1.1%, blind88 88.1 / 91.9
# / 2.2%, unchanged; the older eighteen unseen 85.23 -> 85.27 / 92.32 -> 92.39 / 83 -> 83 wrong kabupaten; unseen.
# (Tuned on: blind83 93.0 -> 96.8 / 96.8 -> 98.9 / 2.2 -> 1.1%, blind84 89.7 -> 96.2 / 94.6 -> 97.8 / 0.5 -> 0.0%.)
# 2026-12-07 10:05 UTC, before anything of them was written or measured: blind89 ("an ordinary week of the inbox",
# seed 8989) and blind90 ("clinics, hospitals and schools: the services a family uses", seed 9090), to be written blind
# by two helpers who read bench/data/LABELLING.md, are the next round's unseen sets, measured once on that round's
# starting code (this round's end) before any change; blind85 to blind88 stay unseen. On aa67142 (round 87's end):
# blind89 84.9 / 91.4 / 1.6%, blind90 90.8 / 93.5 / 0.5%.
# 2026-12-07 13:25 UTC, the round that starts on 45589b2 (behaviour the same as aa67142): blind85 and blind86 (unseen
# for two rounds) become tuning sets: their misses are read. blind87 to blind90 stay unseen; blind89 and blind90 are
# this round's fresh sets (their start figures above). blind91 ("an ordinary week of the inbox", seed 9191) and blind92
# ("the village office, the land and the family's papers", seed 9292), to be written blind by two helpers who read
# bench/data/LABELLING.md, are the next round's unseen sets, measured once on that round's starting code (this
# round's end) before any change (written and labelled twice at 13:30-13:50 UTC; bench/label_agreement.py and
# bench/routed.py also printed their totals on this round's starting code: agency 94.1% and 78.4%, routed right 96.2%
# and 80.5%). At this round's end (d11b045: four tuners' rules, spelled acronyms, several places offered): blind89 85.4
# / 91.9 / 1.6%, blind90 91.9 / 94.1 / 0.5%; the older eighteen unseen 85.21 -> 85.27 / 92.14 -> 92.19 / 85 -> 84 wrong
# kabupaten; unseen. (Tuned on: blind85 91.4 -> 95.1 / 95.1 -> 96.2 / 1.6 -> 0.5%, blind86 88.6 -> 93.5 / 95.7 -> 97.3 /
# 0.5 -> 0.0%.) On d11b045, the next round's start: blind91 94.1 / 95.7 / 0.5%, blind92 80.0 / 88.1 / 0.5%.
# 2026-12-07 16:15 UTC, the round that starts on a09ed97 (behaviour the same as d11b045): blind87 and blind88 (unseen
# for two rounds) become tuning sets: their misses are read. blind89 to blind92 stay unseen; blind91 and blind92 are
# this round's fresh sets (measured on d11b045: blind91 94.1 / 95.7 / 0.5%, blind92 80.0 / 88.1 / 0.5%). blind93
# ("an ordinary week of the inbox", seed 9393) and blind94 ("women, children and the family: violence, maintenance,
# papers and the services that should help", seed 9494), to be written blind by two helpers who read
# bench/data/LABELLING.md, are the next round's unseen sets, measured once on that round's starting code (this
# round's end) before any change. At the round's end, 5e21582: blind91 94.1 / 95.7 / 0.5% and blind92 80.0 / 88.1 /
# 0.5% (unchanged), blind93 98.4 / 99.5 / 0.5%, blind94 93.5 / 95.7 / 0.5% (their totals were also printed on the
# starting code, the same figures).
# 2026-12-07 19:20 UTC, the round that starts on bc7b951: blind89 and blind90 (unseen for two rounds) become tuning
# sets: their misses are read. blind91 to blind94 stay unseen; blind93 and blind94 are this round's fresh sets
# (measured on bc7b951's behaviour, 5e21582: blind93 98.4 / 99.5 / 0.5%, blind94 93.5 / 95.7 / 0.5%). blind95 ("an
# ordinary week of the inbox", seed 9595) and blind96 ("work, markets and money: wages, traders, cooperatives, fuel
# and the small permits a living needs", seed 9696), to be written blind by two helpers who read
# bench/data/LABELLING.md, are the next round's unseen sets, measured once on that round's starting code (this
# round's end) before any change.
# End of that round (10c6468): blind93 98.4 / 99.5 / 0.5%, blind94 93.5 / 95.7 / 0.5%, unchanged; seen (16,926) 91.81 ->
# 91.96 / 95.52 -> 95.60 / 122 -> 118 wrong kabupaten; the eighteen older unseen 85.07 -> 85.10 / 92.19 -> 92.17 / 79 ->
# 79. (Tuned on: blind89 85.4 -> 89.7 / 91.9 -> 94.1 / 1.6 -> 1.1%, blind90 91.9 -> 94.1 / 94.1 -> 95.1 / 0.5 -> 0.0%.)
# On 10c6468, the next round's start: blind95 82.2 / 85.9 / 4.9%, blind96 78.9 / 83.2 / 2.7% (on 1117a2e, printed by
# the start measurement: 82.2 / 85.9 / 4.9% and 78.9 / 82.7 / 2.7%).
# 2026-12-07 22:05 UTC, the round that starts on 325294e (behaviour the same as 10c6468): blind91 and blind92 (unseen
# for two rounds) become tuning sets: their misses are read. blind93 to blind96 stay unseen; blind95 and blind96 are
# this round's fresh sets (measured on 10c6468: blind95 82.2 / 85.9 / 4.9%, blind96 78.9 / 83.2 / 2.7%). blind97 ("an
# ordinary week of the inbox", seed 9797) and blind98 ("on the move: roads, ferries, buses and the next town's market
# -- people who live in one place and are wronged in another", seed 9898), to be written blind by two helpers who
# read bench/data/LABELLING.md, are the next round's unseen sets, measured once on that round's starting code (this
# round's end) before any change.
# End of that round (48262aa): blind95 82.2 / 85.9 / 4.9%, unchanged; blind96 78.9 -> 79.5 / 83.2 -> 83.8 / 2.7 -> 2.2%;
# seen (17,296) 91.86 -> 91.99 / 95.52 -> 95.59 / 120 -> 118 wrong kabupaten; the eighteen older unseen 85.81 -> 85.95 /
# 92.64 -> 92.62 / 79 -> 79. (Tuned on: blind91 94.6 / 95.7 -> 96.2 / 0.5%, blind92 80.0 -> 84.9 / 88.1 -> 90.8 / 0.5%.)
# On 48262aa, the next round's start: blind97 81.1 / 84.3 / 1.6%, blind98 84.9 / 88.6 / 4.9% (bench/label_agreement.py
# printed the same top-1 on b7229ae, the round's start plus the sets).
# 2026-12-08 01:05 UTC, the round that starts on cde380b (behaviour the same as 48262aa): blind93 and blind94 (unseen
# for two rounds) become tuning sets: their misses are read. blind95 to blind98 stay unseen; blind97 and blind98 are
# this round's fresh sets (measured on 48262aa: blind97 81.1 / 84.3 / 1.6%, blind98 84.9 / 88.6 / 4.9%). blind99 ("an
# ordinary week of the inbox", seed 9999) and blind100 ("the season's troubles: floods, landslides, dry wells, smoke
# and what comes after -- aid, shelters, relocation, repairs", seed 10000), to be written blind by two helpers who
# read bench/data/LABELLING.md, are the next round's unseen sets, measured once on that round's starting code (this
# round's end) before any change.
# End of that round (802fec3): blind97 81.1 / 84.3 / 1.6% and blind98 84.9 / 88.6 / 4.9%, both unchanged; seen
# (17,666) 92.07 -> 92.28 / 95.64 -> 95.71 / 120 -> 119 wrong kabupaten; the eighteen older unseen (4,455) 84.69 ->
# 84.76 / 91.56 -> 91.60 / 90 -> 90. (Tuned on: blind93 98.4 -> 99.5 / 99.5 / 0.5%, blind94 93.5 -> 97.8 / 95.7 ->
# 97.8 / 0.5 -> 0.0%.) On 802fec3, the next round's start: blind99 78.4 / 80.5 / 5.4%, blind100 76.8 / 80.5 / 7.0%
# (bench/label_agreement.py printed 78.4% and 76.2% top-1 on 3c37690, the round's start plus the sets).
# 2026-12-08 04:15 UTC, the round that starts on 37c2306: blind95 and blind96 (unseen for two rounds) become tuning
# sets: their misses are read. blind97 to blind100 stay unseen; blind99 and blind100 are this round's fresh sets
# (measured on 802fec3, above). blind101 ("paperwork and money: documents, aid, fees, wages, land and the offices
# that keep people waiting", seed 10101) and blind102 ("the places between: border villages, islands, river and
# mountain kampung, towns that share a name", seed 10202), to be written blind by two helpers who read
# bench/data/LABELLING.md, are the next round's unseen sets, measured once on that round's starting code (this
# round's end) before any change.
# End of that round (72fc9a0): blind99 78.4 -> 78.9 / 80.5 -> 81.1 / 5.4% and blind100 76.8 -> 77.3 / 80.5 -> 81.1 /
# 7.0%; seen (18,036) 92.05 -> 92.24 / 95.49 -> 95.63 / 132 -> 127 wrong kabupaten; the eighteen older unseen (4,455)
# 84.94 -> 85.03 / 91.74 -> 91.80 / 89 -> 89. (Tuned on: blind95 82.2 -> 88.1 / 85.9 -> 91.4 / 4.9 -> 4.3%, blind96
# 79.5 -> 86.5 / 83.8 -> 88.6 / 2.2 -> 1.6%.) On 72fc9a0, the next round's start: blind101 78.9 / 84.9 / 2.2%,
# blind102 75.7 / 81.6 / 5.9% (bench/label_agreement.py printed 78.4% and 75.7% top-1 on dfe7ae6, the round's start
# plus the sets).
RESERVED: frozenset[str] = frozenset()


def _wrong_kabupaten(agency_region: str | None, expected: str) -> bool:
    """Whether an agency of this region serves a place outside the expected kabupaten/kota."""
    if not agency_region:
        return False  # a ministry / national body
    return not (agency_region == expected or agency_region == expected[:2]
                or agency_region.startswith(expected + "."))


def bench_stories(catalog, regions, filename: str, show_failures: bool) -> dict[str, Any]:
    """Top-1, top-3 and wrong-kabupaten-first over one labelled story set."""
    with open(DATA / filename, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    top1 = top3 = wrong = 0
    given_n = given_top1 = given_wrong = 0
    kind_wrong = tier_wrong = none = 0  # what the misses got wrong, counted only
    for row in rows:
        region = None
        if row["location_text"].strip():
            # looked for first in the kabupaten the whole story reads, as the location question does (older
            # checkouts, the baseline, have no story_places: every same-named place of the country)
            read = catalog.story_places(row["story"]) if hasattr(catalog, "story_places") else ()
            home = read[0][:5] if len(read) == 1 and len(read[0]) >= 5 else None
            found = regions.resolve(row["location_text"], home)
            if found.best is not None:
                region = found.best.region.code
            else:  # the bot lists the same-named places; the citizen taps the one where they are
                region = next((o.region.code for o in found.options
                               if o.region.code[:5] == row["expected_regency_code"]), None)
        got = catalog.suggest(row["story"], region=region)
        codes = [m.agency.code for m in got]
        expected = row["expected_agency_code"]
        hit = bool(codes) and codes[0] == expected
        top1 += hit
        if not codes:
            none += 1
        elif not hit:
            got_kind, want_kind = codes[0].rpartition("-")[2], expected.rpartition("-")[2]
            if got_kind == want_kind:
                tier_wrong += 1
            else:
                kind_wrong += 1
        if row["location_text"].strip():
            given_n += 1
            given_top1 += hit
        top3 += expected in codes
        bad = bool(got) and _wrong_kabupaten(got[0].agency.region_code, row["expected_regency_code"])
        wrong += bad
        given_wrong += bad and bool(row["location_text"].strip())
        if show_failures and not hit:
            flag = " WRONG-KAB" if bad else ""
            print(f"  {row['story'][:70]!r} loc={row['location_text']!r} region={region} "
                  f"expected={expected} got={codes}{flag}")
    n = len(rows)
    alone_n = n - given_n
    return {"n": n, "top1": 100 * top1 / n, "top3": 100 * top3 / n, "wrong": 100 * wrong / n,
            "given": 100 * given_top1 / given_n if given_n else 0.0,
            "alone": 100 * (top1 - given_top1) / alone_n if alone_n else 0.0,
            "counts": (n, top1, top3, wrong, given_n, given_wrong),
            "wrong_given": 100 * given_wrong / given_n if given_n else 0.0,
            "wrong_alone": 100 * (wrong - given_wrong) / alone_n if alone_n else 0.0,
            "misses": f"{kind_wrong} another office, {tier_wrong} the same office of another region, {none} none"}


def bench_gps(regions, show_failures: bool) -> dict[str, float] | None:
    """Share of GPS points located in the expected kabupaten/kota (None when there is no locate)."""
    locate = getattr(regions, "locate", None)  # older checkouts (the baseline) have no GPS lookup
    with open(DATA / "gps_points.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if locate is None:
        return {"n": len(rows), "ok": 0.0}
    ok = 0
    for row in rows:
        found = locate(float(row["lat"]), float(row["lon"]))
        code = found.region.code[:5] if found is not None else None
        ok += code == row["expected_regency_code"]
        if show_failures and code != row["expected_regency_code"]:
            print(f"  GPS {row['place']!r} expected={row['expected_regency_code']} got={code}")
    return {"n": len(rows), "ok": 100 * ok / len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true",
                        help="print every miss of the tuning sets (of the blind set only with --only blind)")
    parser.add_argument("--only", choices=[n for n, _ in SETS], help="bench one story set only")
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent),
                        help="project checkout whose code is benched (default: this one)")
    args = parser.parse_args()
    sys.path.insert(0, args.root)
    from bot.understanding.agencies import AgencyCatalog
    from bot.understanding.regions import RegionIndex

    regions = RegionIndex.default()
    catalog = AgencyCatalog.default()
    print(f"code: {args.root}")
    totals = {"seen": [0] * 6, "unseen": [0] * 6}  # stories, top-1, top-3, wrong, with the place given, wrong so
    for name, filename in SETS:
        if (args.only and name != args.only) or not (DATA / filename).exists():
            continue
        if name in RESERVED and args.only != name:
            continue
        # the blind set's misses are printed only when asked for by name: tuning never reads them
        show = args.failures and (name not in UNSEEN or args.only == name)
        if show:
            print(f"-- misses in the {name} set")
        r = bench_stories(catalog, regions, filename, show)
        group = totals["unseen" if name in UNSEEN else "seen"]
        group[:] = [a + b for a, b in zip(group, r["counts"], strict=True)]
        print(f"{name:9s} stories={r['n']:3d}  top-1 {r['top1']:5.1f}%  top-3 {r['top3']:5.1f}%  "
              f"first suggestion in the wrong kabupaten {r['wrong']:4.1f}%  "
              f"(top-1 with the place given {r['given']:5.1f}%, only in the story {r['alone']:5.1f}%)\n"
              f"{'':9s} misses: {r['misses']}; wrong kabupaten with the place given {r['wrong_given']:4.1f}%, "
              f"only in the story {r['wrong_alone']:4.1f}%")
    if not args.only:
        for group, counts in totals.items():
            n, top1, top3, wrong, given_n, given_wrong = counts
            if n:
                print(f"{group:9s} stories={n}  top-1 {100 * top1 / n:5.2f}%  top-3 {100 * top3 / n:5.2f}%  wrong "
                      f"kabupaten {wrong} ({100 * wrong / n:.2f}%): with the place given {given_wrong} of {given_n} "
                      f"({100 * given_wrong / given_n:.2f}%), only in the story {wrong - given_wrong} of "
                      f"{n - given_n} ({100 * (wrong - given_wrong) / (n - given_n):.2f}%)")
    gps = bench_gps(regions, args.failures)
    if gps is not None:
        print(f"gps       points={gps['n']:3d}  correct kabupaten/kota {gps['ok']:5.1f}%")


if __name__ == "__main__":
    main()
