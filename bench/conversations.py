"""Conversation benchmark: scripted personas file complaints end to end through `laporbot chat --jsonl`.

Run from the project root:

    .venv/bin/python bench/conversations.py                      # the measured personas
    .venv/bin/python bench/conversations.py --set tuning         # the tuning personas (the only ones to tune on)
    .venv/bin/python bench/conversations.py --root /work/wt/story-base   # another checkout (before/after)
    BENCH_TRACE=1 .venv/bin/python bench/conversations.py -k jalan_paok   # every message, on stderr

Each persona runs in its own `python -m bot.cli chat --jsonl` subprocess on a fresh SQLite database in a
temporary directory. A persona answers whatever the bot asks, in its own style (buttons only, digits only,
typos and slang, very short answers, long screen-reader sentences, GPS, the whole story in the first
message, plain words), from the facts of its scenario (bench/data/personas_scenarios.json). A persona that
"never rephrases" sends the same answer again when re-asked; the others fall back to a button or a number.
Reported: completion rate (a tracking number reached within 40 messages), messages to the tracking number
(median; for story-first personas and for the others), and re-asks per conversation (the bot asking the
same question again).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
MAX_MESSAGES = 40
TRACE = bool(os.environ.get("BENCH_TRACE"))

# The question a reply asks, from the start of its text (Indonesian catalog; the bench speaks Indonesian).
STEPS = (
    ("Laporan Anda termasuk jenis", "classification"), ("Ceritakan apa", "body"), ("Beri judul", "title"),
    ("Kapan kejadiannya", "date"), ("Di mana kejadiannya", "location"), ("Ada beberapa tempat", "region"),
    ("Maksud Anda", "agency_confirm"), ("Laporan ini untuk instansi", "agency"), ("Dari cerita Anda", "agency"),
    ("Masalahnya tentang apa", "category"), ("Ada foto", "attachments"), ("Rahasiakan identitas", "anonymous"),
    ("Rahasiakan isi", "secret"), ("Boleh kami simpan nomor", "consent"), ("Ketik nomor HP", "phone"),
    ("Periksa laporan", "confirm"), ("Ini yang kami catat", "confirm"), ("Anda punya laporan yang belum", "resume"),
)
TYPO = {"pengaduan": "pengadaun", "aspirasi": "aspirsi", "informasi": "infromasi", "kirim": "kirm",
        "lanjut": "lajnut", "tidak": "tdk", "ya": "iy"}
SHORT_LABEL = {"infrastruktur": "jalan", "kesehatan": "kesehatan", "kependudukan": "ktp", "lingkungan": "sampah",
               "utilitas": "air", "pendidikan": "pendidikan", "sosial": "bantuan sosial", "bencana": "bencana",
               "perizinan": "perizinan", "ketertiban": "ketertiban", "transportasi": "transportasi"}


def step_of(text: str) -> str | None:
    """The question a bot text asks (its last line that names one)."""
    found = None
    for line in text.split("\n"):
        for prefix, name in STEPS:
            if line.startswith(prefix):
                found = name
    return found


@dataclass
class Persona:
    """One scripted citizen: a scenario told in one style."""

    id: str
    style: str
    facts: dict[str, Any]
    never_rephrase: bool
    anonymous: bool
    consent: bool
    sent_photo: bool = False
    asked: dict[str, int] = field(default_factory=dict)

    def first(self) -> dict[str, Any]:
        """The opening message."""
        if self.style == "story_first":
            return {"text": self.facts["one_message"]}
        return {"text": {"elderly": "p", "typos": "hlo min", "screen_reader": "Selamat siang, saya ingin bertanya"}
                .get(self.style, "halo")}

    def answer(self, step: str | None, reply: dict[str, Any], again: int) -> dict[str, Any]:
        """What this persona says to the question (asked `again` times before)."""
        options = reply.get("options") or []
        ids = [o["id"] for o in options]
        if again and not self.never_rephrase:
            picked = self._button(step, ids)
            if picked is not None:  # a second try: the plainest way, a button
                return {"choice": picked}
        return self._answer(step, ids, options)

    def _number(self, ids: list[str], wanted: str | None) -> dict[str, Any] | None:
        if wanted in ids:
            return {"text": str(ids.index(wanted) + 1)}
        return None

    def _button(self, step: str | None, ids: list[str]) -> str | None:
        f = self.facts
        wanted = {
            "menu": "complaint", "classification": f["kind"], "title": "auto",
            "date": f.get("date_button") or "unknown",
            "category": f["category"], "attachments": "done", "anonymous": "yes" if self.anonymous else "no",
            "secret": "no", "consent": "yes" if self.consent else "no", "confirm": "submit", "phone": None,
            "resume": "resume.continue", "agency": "unknown", "agency_confirm": ids[0] if ids else None,
            "region": ids[0] if ids else None,
        }.get(step or "")
        return wanted if wanted in ids else None

    def _answer(self, step: str | None, ids: list[str], options: list[dict[str, Any]]) -> dict[str, Any]:
        f, style = self.facts, self.style
        if step == "attachments" and f.get("photo") and not self.sent_photo:
            self.sent_photo = True
            return {"media": f"{self.id}-photo.jpg", "kind": "photo"}
        if style == "buttons" or (style == "gps" and step != "location"):
            picked = self._button(step, ids)
            if picked is not None:
                return {"choice": picked}
        if style == "digits":
            found = self._number(ids, self._button(step, ids))
            if found is not None:
                return found
        if step == "menu":
            return {"text": {"typos": "bikin pengadaun", "elderly": "lapor", "screen_reader":
                             "Saya ingin membuat pengaduan"}.get(style, "buat pengaduan")}
        if step == "classification":
            kind = f["kind"]
            return {"text": {"typos": TYPO[kind], "screen_reader": f"Jenis laporan saya adalah {kind}"}
                    .get(style, kind)}
        if step == "body":
            return {"text": {"elderly": f["short"] + " pak", "screen_reader": f["long"], "typos": f["story"].lower()
                             .replace("tidak", "gak").replace("sudah", "udh")}.get(style, f["story"])}
        if step == "title":
            return {"text": {"elderly": "iya", "screen_reader": "Pakai judul dari cerita saya saja"}
                    .get(style, f["title"])}
        if step == "date":
            return {"text": {"elderly": "gak tau", "screen_reader": f"Kejadiannya kira kira {f['date']}",
                             "typos": f["date"].replace("yang", "yg").replace("lalu", "lalu")}.get(style, f["date"])}
        if step == "location":
            if style == "gps":
                return {"location": f["gps"]}
            return {"text": {"elderly": f["place_short"], "screen_reader": f"Lokasinya di {f['place']}"}
                    .get(style, f["place"])}
        if step == "region":
            return {"text": "1"}
        if step == "agency":
            return {"text": {"elderly": "gak tau", "screen_reader": f"Instansinya {f['agency']}"}
                    .get(style, f["agency"])}
        if step == "agency_confirm":
            return {"text": "iya" if style == "elderly" else "ya"}
        if step == "category":
            label = next((o["label"] for o in options if o["id"] == f["category"]), SHORT_LABEL[f["category"]])
            return {"text": {"elderly": SHORT_LABEL[f["category"]], "typos": label.lower()[:-1],
                             "screen_reader": f"Masalahnya tentang {label.lower()}"}.get(style, label)}
        if step == "attachments":
            return {"text": {"elderly": "gak ada", "typos": "lajnut", "screen_reader":
                             "Tidak ada foto, lanjut saja"}.get(style, "lanjut")}
        if step in ("anonymous", "secret", "consent"):
            yes = self.anonymous if step == "anonymous" else self.consent if step == "consent" else False
            if style == "elderly":
                return {"text": "nggih" if yes else "ndak"}
            if style == "typos":
                return {"text": "iy" if yes else "gk"}
            if style == "screen_reader":
                return {"text": "Ya, saya setuju" if yes else "Tidak, terima kasih"}
            return {"text": "ya" if yes else "tidak"}
        if step == "phone":
            return {"text": "0812 3456 7890"}
        if step == "confirm":
            return {"text": {"elderly": "iya", "typos": "kirm", "screen_reader":
                             "Ya, tolong kirim laporan saya sekarang"}.get(style, "kirim")}
        if step == "resume":
            return {"text": "lanjut"}
        return {"text": "buat pengaduan"}


@dataclass
class Outcome:
    """One conversation's result."""

    id: str
    style: str
    never_rephrase: bool
    story_first: bool
    done: bool
    messages: int
    reasks: int


def run_persona(persona: Persona, root: Path, python: str) -> Outcome:
    """Play one persona through a fresh `laporbot chat --jsonl`."""
    with tempfile.TemporaryDirectory(prefix="laporbot-bench-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/bench.db", "LAPORBOT_REGION": "52.03",
               "PYTHONPATH": str(root)}
        for name in ("TELEGRAM_BOT_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN"):
            env.pop(name, None)
        proc = subprocess.Popen([python, "-m", "bot.cli", "chat", "--jsonl", "--user", "bench"], cwd=root, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdin is not None and proc.stdout is not None
        messages, reasks, done = 0, 0, False
        last_step: str | None = None
        times: dict[str, int] = {}
        outgoing = persona.first()
        try:
            while messages < MAX_MESSAGES and not done:
                proc.stdin.write(json.dumps(outgoing, ensure_ascii=False) + "\n")
                proc.stdin.flush()
                messages += 1
                replies = _read_turn(proc)
                if TRACE:
                    print(">", json.dumps(outgoing, ensure_ascii=False), file=sys.stderr)
                    for r in replies:
                        print("<", json.dumps(r, ensure_ascii=False)[:300], file=sys.stderr)
                text = "\n".join(r.get("text", "") for r in replies if "text" in r)
                if "Nomor laporan: LPR" in text:
                    done = True
                    break
                asked = next((r for r in reversed(replies) if r.get("options") is not None or r.get("expects")),
                             replies[-1] if replies else {})
                step = step_of(text)
                if step is None and asked.get("options") and any(o["id"] == "complaint" for o in asked["options"]):
                    step = "menu"
                sent_media = "media" in outgoing
                if step is None:
                    step = last_step  # "Maaf…"/"Sepertinya ada kesulitan…": the same question again
                if step == last_step and not (sent_media and step in ("attachments", "body")):
                    reasks += 1
                    times[step or ""] = times.get(step or "", 0) + 1
                else:
                    times[step or ""] = 0
                last_step = step
                outgoing = persona.answer(step, asked, times.get(step or "", 0))
        finally:
            proc.stdin.close()
            proc.wait(timeout=60)
    return Outcome(persona.id, persona.style, persona.never_rephrase, persona.style == "story_first", done,
                   messages, reasks)


def _read_turn(proc: subprocess.Popen[str]) -> list[dict[str, Any]]:
    """The replies of one turn: lines until the one that asks something (options, nav or expects)."""
    assert proc.stdout is not None
    replies: list[dict[str, Any]] = []
    while True:
        line = proc.stdout.readline()
        if not line:
            return replies
        data = json.loads(line)
        replies.append(data)
        if "error" in data or data.get("options") or data.get("expects") not in (None, "none"):
            return replies


def load(which: str) -> list[Persona]:
    """The measured or the tuning personas with their scenario facts."""
    scenarios = json.loads((DATA / "personas_scenarios.json").read_text(encoding="utf-8"))
    name = "personas.json" if which == "measured" else "personas_tuning.json"
    rows = json.loads((DATA / name).read_text(encoding="utf-8"))["personas"]
    return [Persona(r["id"], r["style"], scenarios[r["scenario"]], r["never_rephrase"], r["anonymous"],
                    r["consent"]) for r in rows]


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    """The figures the README quotes."""
    def median(xs: list[int]) -> float | None:
        return statistics.median(xs) if xs else None

    strict = [o for o in outcomes if o.never_rephrase]
    story = [o.messages for o in outcomes if o.done and o.story_first]
    asked = [o.messages for o in outcomes if o.done and not o.story_first]
    return {
        "personas": len(outcomes),
        "completion": round(sum(o.done for o in outcomes) / len(outcomes), 3),
        "completion_never_rephrase": round(sum(o.done for o in strict) / len(strict), 3) if strict else None,
        "median_messages_story_first": median(story),
        "median_messages_answering": median(asked),
        "max_messages": max(o.messages for o in outcomes),
        "reasks_per_conversation": round(sum(o.reasks for o in outcomes) / len(outcomes), 2),
        "failed": [o.id for o in outcomes if not o.done],
    }


def main() -> int:
    """Run the personas and print one line per persona, then the summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("measured", "tuning"), default="measured")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout to run (its code and catalogs)")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("-k", default="", help="only personas whose id contains this")
    args = parser.parse_args()
    personas = [p for p in load(args.set) if args.k in p.id]
    with ThreadPoolExecutor(args.jobs) as pool:
        outcomes = list(pool.map(lambda p: run_persona(p, args.root.resolve(), args.python), personas))
    for o in outcomes:
        print(f"{'ok ' if o.done else 'FAIL'} {o.id:40} messages={o.messages:2} reasks={o.reasks}")
    print(json.dumps(summary(outcomes), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
