"""The learned agency-kind word prior (issue 17): its file, its reading of words, and the trainer's determinism."""

from __future__ import annotations

import gc
import importlib.util
import math
import tracemalloc
from pathlib import Path

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.kind_prior import (
    PRIOR_PATH,
    Blend,
    KindPrior,
    LinearPrior,
    Model,
    add_evidence,
    default_prior,
    features,
    prior_words,
    stem,
)
from bot.understanding.normalize import tokenize

ROOT = Path(__file__).resolve().parents[2]


def _bench(name: str):
    """bench/<name>.py as a module (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _trainer():
    """bench/train_kind_prior.py as a module."""
    return _bench("train_kind_prior")


def test_the_shipped_prior_loads_and_stays_small() -> None:
    gc.collect()
    tracemalloc.start()
    try:
        prior = KindPrior.load()
        gc.collect()
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert {"pupr", "dlh", "dinkes", "dukcapil", "pln"} <= set(prior.kinds)
    assert "sampah" in prior
    assert held < 1_000_000
    assert PRIOR_PATH.stat().st_size <= 300_000
    assert default_prior() is default_prior()  # loaded once


@pytest.mark.parametrize(("story", "kind"), [
    ("sampah numpuk di pinggir kali sudah seminggu, baunya busuk sekali", "dlh"),
    ("pantai wisata kotor, pengunjung mengeluh tiketnya mahal", "dispar"),
    ("lampu lalu lintas di perempatan mati dari kemarin, macet parah", "dishub"),
    ("pupuk subsidi langka, petani di desa kami susah tanam", "distan"),
    ("bidan di puskesmas jarang datang, ibu hamil disuruh pulang", "dinkes"),
])
def test_the_prior_alone_reads_the_kind_of_fresh_sentences(catalog: AgencyCatalog, story: str, kind: str) -> None:
    best = default_prior().best(catalog.prior_words(story), 1)  # type: ignore[union-attr]
    assert best and best[0][0] == kind


def test_place_names_short_words_and_numbers_carry_no_kind_evidence(catalog: AgencyCatalog) -> None:
    words = catalog.prior_words("jalan berlubang di Sleman rusak parah sudah 3 bulan")
    assert "sleman" not in words and "di" not in words and "3" not in words
    assert {"jalan", "rusak"} <= set(words)
    assert prior_words(tokenize("banjir lagi di desa"), skip=[1]) == ["banjir", "desa"]


def test_no_known_word_gives_no_posterior() -> None:
    assert default_prior().posterior(["qwertyzz"]) == {}  # type: ignore[union-attr]


def test_a_given_place_keeps_every_suggestion_in_its_kabupaten(catalog: AgencyCatalog) -> None:
    # Bantul given; the story's words lean to another office and name Sleman: nothing of Sleman may come first
    found = catalog.suggest("atap rusunawa bocor, sama seperti di sleman kemarin", region="34.02")
    assert found
    for match in found:
        code = match.agency.region_code
        assert code is None or code in ("34", "34.02") or code.startswith("34.02.")


def test_suggest_reads_a_kind_the_keyword_lists_alone_get_wrong(catalog: AgencyCatalog) -> None:
    """A farm's stench and flies are the environment office's, not the livestock office's (keywords alone gave
    disnak first, checked with the blend's weight at 0), and the prior keeps every suggestion in the place."""
    story = "warga mengeluh bau busuk dari peternakan ayam dekat rumah, lalatnya banyak sekali"
    found = [m.agency for m in catalog.suggest(story, region="52.03")]
    assert found[0].code == "52.03-dlh"
    assert all(a.region_code in (None, "52", "52.03") for a in found)


def test_training_is_deterministic_and_the_shipped_file_is_what_it_builds(catalog: AgencyCatalog,
                                                                         tmp_path: Path) -> None:
    trainer = _trainer()
    examples = list(trainer.training_examples(catalog))
    assert trainer.count(examples) == trainer.count(list(reversed(examples)))
    trainer.write(trainer.count(examples), tmp_path / "kind_prior.csv")
    assert (tmp_path / "kind_prior.csv").read_bytes() == PRIOR_PATH.read_bytes()


def test_the_trainer_reads_every_seen_set_and_no_unseen_one() -> None:
    trainer, bench = _trainer(), _bench("agency_region")
    # the cross-validation's sets are the story sets the agency bench does not keep unseen, and its unseen the bench's
    assert trainer.UNSEEN == bench.UNSEEN
    assert set(trainer.TRAIN_STORIES) == {name for name, _ in bench.SETS} - bench.UNSEEN
    assert set(trainer.SHIPPED_STORIES) == {"tuning", "measured", "fresh", "round3", "round5", "blind6"}
    for name in ("blind", "blind9", "blind36", "blind50", "blind10b"):
        with pytest.raises(ValueError):
            trainer.story_examples(None, name)  # refused before any file is opened
    assert trainer.kind_of("32.01-pupr") == "pupr" and trainer.kind_of("35-rsud") == "rsud"
    assert trainer.kind_of("bpjs-kesehatan") == "bpjs-kesehatan"


def test_the_stemmer_joins_affixed_forms_and_leaves_roots() -> None:
    assert stem("diperbaiki") == stem("memperbaiki") == "baik"
    assert stem("kebersihan") == "bersih" and stem("dilaporkan") == "lapor" and stem("rusaknya") == "rusak"
    assert stem("jalan") == "jalan" and stem("sampah") == "sampah"  # too short to be affixed


def test_features_are_the_models_keys_each_once() -> None:
    words = ["jalan", "rusak", "jalan", "diperbaiki"]
    assert features(words, Model()) == ["jalan", "rusak", "diperbaiki"]
    assert features(words, Model(stem=True)) == ["jalan", "rusak", "baik"]
    assert features(["air", "mati", "lagi"], Model(bigrams=True)) == ["air", "mati", "lagi", "air mati", "mati lagi"]


def test_the_trainer_counts_the_models_keys_and_keeps_pairs_seen_twice() -> None:
    trainer = _trainer()
    examples = [(["air", "mati"], "pdam"), (["air", "mati", "lagi"], "pdam"), (["listrik", "mati"], "pln")]
    rows = {(w, k): n for w, k, n in trainer.count(examples, model=Model(bigrams=True), min_pair_stories=2)}
    assert rows[("air mati", "pdam")] == 2 and ("mati lagi", "pdam") not in rows and ("listrik mati", "pln") not in rows
    assert ("air mati", "pdam") not in {(w, k) for w, k, _ in trainer.count(examples, model=Model())}
    stemmed = {w for w, _, _ in trainer.count([(["diperbaiki"], "pupr"), (["memperbaiki"], "pupr")],
                                              model=Model(stem=True))}
    assert "baik" in stemmed and "diperbaiki" not in stemmed


def _toy(model: Model) -> KindPrior:
    """Three kinds, four words: counts small enough to check by hand."""
    counts = {"sampah": (0, 3, 1, 1), "pantai": (1, 4), "jalan": (2, 5, 0, 1), "bau": (0, 2)}
    return KindPrior(["dlh", "dispar", "pupr"], [4, 5, 6], [6, 5, 5], counts, model=model)


def test_complement_naive_bayes_scores_a_kind_by_the_other_kinds_counts() -> None:
    a = 0.5
    prior = _toy(Model(smoothing=a, complement=True))
    words = ["sampah", "bau", "pantai"]
    count = {("sampah", 0): 3, ("sampah", 1): 1, ("pantai", 1): 4, ("jalan", 2): 5, ("jalan", 0): 1, ("bau", 0): 2}
    tokens, vocabulary = [6, 5, 5], 4
    scores = []
    for k in range(3):  # textbook CNB: minus the log probability of the words among the other kinds' counts
        other = sum(tokens) - tokens[k]
        scores.append(-sum(math.log((sum(n for (w2, _), n in count.items() if w2 == w) - count.get((w, k), 0) + a)
                                    / (other + a * vocabulary)) for w in words))
    top = max(scores)
    expected = [math.exp(x - top) / sum(math.exp(y - top) for y in scores) for x in scores]
    got = prior.posterior(words)
    assert [got[k] for k in ("dlh", "dispar", "pupr")] == pytest.approx(expected, rel=1e-9)
    assert got != _toy(Model(smoothing=a)).posterior(words)


def test_class_power_weighs_kinds_by_their_training_stories() -> None:
    counts = {"rusak": (0, 2, 1, 2)}
    even = KindPrior(["dlh", "pupr"], [10, 30], [2, 2], counts, model=Model())
    weighted = KindPrior(["dlh", "pupr"], [10, 30], [2, 2], counts, model=Model(class_power=1.0))
    assert even.posterior(["rusak"])["pupr"] == pytest.approx(0.5)
    assert weighted.posterior(["rusak"])["pupr"] == pytest.approx(0.75)


def test_the_blend_adds_kind_evidence_only_and_proposes_one_sure_kind() -> None:
    posterior = {"perkim": 0.9, "pupr": 0.1}
    weights: dict[tuple[str, str | None], float] = {("pupr", None): 4.0, ("dishub", "prov"): 2.0}
    qs: dict[tuple[str, str | None], float] = {("pupr", None): 1.0, ("dishub", "prov"): 1.0}
    add_evidence(weights, qs, posterior, lambda k: k, False, Blend(weight=6.0))
    assert weights == {("pupr", None): 4.6, ("dishub", "prov"): 2.0, ("perkim", None): 5.4}
    assert qs[("perkim", None)] == 1.0
    # where the kind has no office, the one standing in gets it (as problem words do: _kind_here)
    stand_in: dict[tuple[str, str | None], float] = {}
    add_evidence(stand_in, {}, {"sda": 0.8, "pupr": 0.2}, lambda k: "pupr" if k == "sda" else k, False,
                 Blend(weight=5.0))
    assert stand_in == {("pupr", None): 4.0}


@pytest.mark.parametrize(("blend", "named", "changed"), [
    (Blend(), False, False),  # weight 0: off
    (Blend(weight=6.0, mode="propose"), True, False),  # an agency named: propose stays out
    (Blend(weight=6.0, mode="fallback"), False, False),  # keywords matched: the fallback stays out
    (Blend(weight=6.0, gate=0.95), False, False),  # the prior is not sure enough
    (Blend(weight=6.0, weak=3.0), False, False),  # the keywords are sure enough
    (Blend(weight=6.0), True, True),
])
def test_the_blend_stays_out_when_told(blend: Blend, named: bool, changed: bool) -> None:
    weights: dict[tuple[str, str | None], float] = {("pupr", None): 4.0}
    add_evidence(weights, {("pupr", None): 1.0}, {"perkim": 0.9, "pupr": 0.1}, lambda k: k, named, blend)
    assert (weights != {("pupr", None): 4.0}) is changed


def test_the_linear_prior_is_a_softmax_of_bias_and_the_keys_weights(tmp_path: Path) -> None:
    path = tmp_path / "lr.csv"
    path.write_text("word,kind,weight\n_bias,dlh,0.5\n_bias,pupr,0.0\n_bias,dispar,-0.5\n"
                    "sampah,dlh,2.0\nsampah,pupr,-1.0\njalan,pupr,1.5\npantai,dispar,3.0\n", encoding="utf-8")
    prior = LinearPrior.load(path)
    assert prior.kinds == ("dlh", "pupr", "dispar") and "sampah" in prior and "tolong" not in prior
    scores = {"dlh": 0.5 + 2.0, "pupr": 0.0 - 1.0 + 1.5, "dispar": -0.5}
    norm = sum(math.exp(x) for x in scores.values())
    got = prior.posterior(["sampah", "jalan", "sampah", "tolong"])  # each key once; an unknown word adds nothing
    assert got == pytest.approx({k: math.exp(x) / norm for k, x in scores.items()}, rel=1e-9)
    assert prior.best(["pantai"], 1)[0][0] == "dispar"
    assert prior.posterior(["tolong"]) == {}  # no known key: silent, as the NB prior
    assert not prior.model.bigrams


def test_the_linear_prior_reads_word_pairs_when_its_file_has_them(tmp_path: Path) -> None:
    path = tmp_path / "lr.csv"
    path.write_text("word,kind,weight\n_bias,pdam,0.0\n_bias,pln,0.0\nair mati,pdam,2.0\nmati,pln,1.0\n",
                    encoding="utf-8")
    prior = LinearPrior.load(path)
    assert prior.model.bigrams and prior.best(["air", "mati"], 1)[0][0] == "pdam"
    assert prior.best(["lampu", "mati"], 1)[0][0] == "pln"


def test_the_logistic_trainer_learns_a_toy_set_deterministically() -> None:
    trainer = _trainer()
    examples = [(["sampah", "bau"], "dlh"), (["sampah", "kali"], "dlh"), (["jalan", "lubang"], "pupr"),
                (["jalan", "rusak"], "pupr"), (["jalan", "sampah"], "dlh"), (["lubang", "rusak"], "pupr")]
    settings = {**trainer.LR, "min_stories": 1, "steps": 200, "keep": 100}
    rows = trainer.train_lr(examples, **settings)
    assert rows == trainer.train_lr(list(reversed(examples)), **settings)  # sorted inputs, no randomness
    assert [r for r in rows if r[0] == "_bias"] == sorted(r for r in rows if r[0] == "_bias")
    weight = {(w, k): float(x) for w, k, x in rows}
    assert weight[("sampah", "dlh")] > 0 > weight[("sampah", "pupr")]
    assert weight[("lubang", "pupr")] > weight[("lubang", "dlh")]
    # pruned to the `keep` largest weights, the intercepts always kept
    small = trainer.train_lr(examples, **{**settings, "keep": 3})
    assert len(small) == 2 + 3 and {r[0] for r in small[:2]} == {"_bias"}


def test_the_blend_reads_the_prior_it_names() -> None:
    assert Blend().prior == "nb" and default_prior("nb") is default_prior()
    assert isinstance(default_prior(), KindPrior)

