"""Agency surveys as data: a good file becomes a flow with words in every locale; bad files are refused
at start-up with every problem named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.core.i18n import default_catalog
from bot.surveys.config import SurveyConfig
from bot.surveys.custom_loader import configured_surveys, load_surveys, read_file
from flows.custom_survey import InvalidSurvey, parse_survey
from flows.engine import Engine
from flows.library import CORE_FLOWS
from flows.survey_catalog import survey_catalog
from flows.surveys import survey_flows

EXAMPLE = Path(__file__).resolve().parents[2] / "bot" / "data" / "survey.example.yaml"


def _survey(**changes: object) -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _problems(data: object) -> list[str]:
    with pytest.raises(InvalidSurvey) as caught:
        parse_survey(data, default_catalog(), "s.yaml")
    return caught.value.problems


def test_example_builds_a_flow_with_every_word() -> None:
    """The shipped example: skip logic becomes next steps; the engine's lint finds nothing missing."""
    survey = parse_survey(read_file(EXAMPLE), default_catalog(), EXAMPLE.name)
    flow = survey.flow
    assert flow.id == "posyandu" and flow.start == "puas"
    assert [s.id for s in flow.steps] == ["puas", "kader_datang", "kunjungan", "layanan", "saran", "thanks"]
    assert flow.step("kader_datang").next == {"*": "kunjungan", "yes": "kunjungan", "no": "layanan"}
    assert flow.step("kunjungan").options == ("skip",)
    assert flow.step("layanan").options == ("timbang", "imunisasi", "gizi", "skip")
    catalog = survey_catalog(default_catalog(), [survey.messages])
    engine = Engine((*CORE_FLOWS, *survey_flows([flow])), catalog)
    assert engine.lint() == []
    assert catalog.text("posyandu.layanan.opt.gizi", "en") == "Extra food"
    assert catalog.text("posyandu.puas.opt.5", "id") == "Sangat puas"
    assert catalog.text("posyandu.saran.prompt", "id") == catalog.text("skm.saran.prompt", "id")  # text_key
    assert catalog.text("posyandu.kunjungan.invalid", "en") == "Sorry, type a number from 0 to 31."
    assert catalog.text("survey.choose.opt.posyandu", "id") == "Survei Posyandu"


def test_json_works_too(tmp_path: Path) -> None:
    """A JSON file is read the same way."""
    path = tmp_path / "posyandu.json"
    path.write_text(json.dumps(_survey()), encoding="utf-8")
    assert [s.flow.id for s in load_surveys(tmp_path, default_catalog()).surveys] == ["posyandu"]


@pytest.mark.parametrize(("change", "problem"), [
    ({"id": "Posyandu!"}, "s.yaml: id: use 1–32 characters"),
    ({"id": "complaint"}, "s.yaml: id: 'complaint' is taken by the bot itself"),
    ({"colour": "red"}, "s.yaml: colour: unknown field"),
    ({"title": {"id": "Survei Posyandu Desa Sukamaju Makmur", "en": "x"}}, "title: id text is 36 characters"),
    ({"title": {"id": "Survei", "en": "Survey", "fr": "Enquête"}}, "title: unknown locale(s) fr"),
    ({"title": {"id": "Survei"}}, "title: missing text for en"),
    ({"title": None, "title_key": "no.such.key"}, "title: key 'no.such.key' is not defined in every locale"),
    ({"questions": "puas"}, "questions: expected a non-empty list"),
])
def test_top_level_problems(change: dict, problem: str) -> None:
    """Each mistake is named with the file and the field."""
    problems = _problems(_survey(**change))
    assert any(problem in p for p in problems), problems


def _question_problems(question: dict) -> list[str]:
    data = _survey()
    data["questions"] = [question, {"id": "akhir", "type": "text", "text": {"id": "Saran?", "en": "Ideas?"}}]
    return _problems(data)


WORDS = {"id": "Pertanyaan?", "en": "Question?"}


@pytest.mark.parametrize(("question", "problem"), [
    ({"id": "q", "type": "slider", "text": WORDS}, "type must be one of scale, choice, yesno, text, number"),
    ({"id": "q", "type": "scale", "scale": "stars", "text": WORDS}, "scale must be one of"),
    ({"id": "q", "type": "text"}, "give either inline words"),
    ({"id": "q", "type": "text", "text": WORDS, "text_key": "skm.saran.prompt"}, "not both or neither"),
    ({"id": "q", "type": "choice", "text": WORDS, "options": [{"id": "a", "text": WORDS}]}, "2 to 9 options"),
    ({"id": "q", "type": "choice", "text": WORDS,
      "options": [{"id": "a", "text": WORDS}, {"id": "a", "text": WORDS}]}, "option id 'a' is used twice"),
    ({"id": "q", "type": "choice", "text": WORDS,
      "options": [{"id": "a", "text": WORDS}, {"id": "b", "text": {"id": "x" * 21, "en": "b"}}]},
     "at most 20 fit a chat button"),
    ({"id": "q", "type": "number", "min": 10, "max": 1, "text": WORDS}, "min and max must be whole numbers"),
    ({"id": "q", "type": "yesno", "text": WORDS, "next": {"maybe": "akhir"}}, "'maybe' is not one of the answers"),
    ({"id": "q", "type": "yesno", "text": WORDS, "next": {"yes": "nowhere"}}, "unknown question 'nowhere'"),
    ({"id": "q", "type": "text", "text": WORDS, "next": {"a": "akhir"}}, "a question id, or for choice"),
    ({"id": "q", "type": "text", "text": WORDS, "shape": "round"}, "unknown field 'shape'"),
    ({"id": "thanks", "type": "text", "text": WORDS}, "(not 'thanks')"),
])
def test_question_problems(question: dict, problem: str) -> None:
    """Questions are checked field by field."""
    problems = _question_problems(question)
    assert any(problem in p for p in problems), problems


def test_skip_logic_only_jumps_forward() -> None:
    """A jump back could loop forever."""
    data = _survey()
    data["questions"][3]["next"] = {"timbang": "puas"}
    assert any("'puas' is not after this question" in p for p in _problems(data))


def test_every_problem_of_every_file_is_reported(tmp_path: Path) -> None:
    """Start-up fails once, listing all problems of all files (and two files with one id)."""
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(_survey()), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(_survey()), encoding="utf-8")
    (tmp_path / "c.yaml").write_text("id: [unclosed", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    with pytest.raises(InvalidSurvey) as caught:
        load_surveys(tmp_path, default_catalog())
    assert caught.value.problems[0] == "b.json: id: 'posyandu' is also used by a.yaml"
    assert caught.value.problems[1].startswith("c.yaml: cannot be read: ")
    assert len(caught.value.problems) == 2


def test_configured_folder_is_loaded_at_start_up(tmp_path: Path) -> None:
    """LAPORBOT_SURVEYS_DIR names the folder; without it there are no agency surveys."""
    (tmp_path / "posyandu.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    configured = SurveyConfig.from_env({"LAPORBOT_SURVEYS_DIR": str(tmp_path)})
    assert [f.id for f in configured_surveys(configured, default_catalog()).flows] == ["posyandu"]
    assert configured_surveys(SurveyConfig.from_env({}), default_catalog()).flows == ()
