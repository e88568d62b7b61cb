"""Bench voice: spoken-prompt latency cached vs uncached, CPU per spoken prompt, decode cost per second of speech.

Run from the project root:  .venv/bin/python bench/voice.py [--rounds 3]

- TTS: the complaint flow's prompts (with their options read out, as mode suara says them) through
  bot/voice/tts.Speech with espeak-ng: uncached (espeak-ng subprocess + PyAV Opus encode + the clip stored in
  SQLite), cached in memory (the same process again), cached in the database (a fresh Speech, another replica).
- CPU per spoken prompt: this process's CPU time plus espeak-ng's (RUSAGE_CHILDREN), uncached.
- Decode: OGG/Opus voice notes of espeak-ng speech decoded to 16 kHz mono (bot/voice/audio.decode), CPU seconds
  per second of speech, and the WAV upload size per second.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.clock import SystemClock  # noqa: E402
from bot.voice import audio  # noqa: E402
from bot.voice.settings import VoiceSettings  # noqa: E402
from bot.voice.tts import EspeakSynthesizer, Speech  # noqa: E402
from models.db import Database  # noqa: E402

PROMPTS = [
    "Laporan Anda termasuk jenis apa?\nsatu: Pengaduan (ada masalah).\ndua: Aspirasi (usul/saran).\n"
    "tiga: Permintaan informasi.",
    "Ceritakan apa yang terjadi. Boleh ketik, kirim foto, atau pesan suara.",
    "Kapan kejadiannya? Contoh: kemarin, 3 hari lalu, atau 17/8/2026.\nsatu: Hari ini.\ndua: Kemarin.",
    "Di mana kejadiannya? Ketik nama jalan, desa, atau kecamatan, atau kirim lokasi.",
    "Rahasiakan identitas Anda (anonim)? Jika ya, instansi yang dilaporkan dan publik tidak tahu siapa Anda.\n"
    "satu: Ya.\ndua: Tidak.",
    "Rahasiakan isi laporan? Jika ya, isi laporan tidak bisa dilihat publik, hanya petugas.\nsatu: Ya.\ndua: Tidak.",
    "Boleh kami simpan nomor HP Anda agar petugas bisa menghubungi? Tanpa itu laporan tetap bisa dikirim.\n"
    "satu: Ya.\ndua: Tidak.",
    "Ada foto, video, atau dokumen pendukung? Kirim sekarang, atau pilih Lanjut. (Sudah ada 1 file.)\n"
    "satu: Lanjut.",
]
STORIES = [
    "Jalan di desa kami rusak parah sejak bulan lalu, banyak lubang dan sudah ada yang jatuh dari motor.",
    "Puskesmas Sakra tutup jam sepuluh pagi padahal jadwal buka sampai jam dua siang, pasien disuruh pulang.",
    "Bantuan sosial untuk warga lanjut usia di dusun kami belum dibagikan sejak tiga bulan, tolong diperiksa.",
]


def pct(values: list[float], q: float) -> float:
    """Percentile q (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def cpu() -> float:
    """CPU seconds of this process and its finished children (espeak-ng)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


async def tts(rounds: int) -> None:
    """Spoken prompts: uncached, memory-cached, database-cached."""
    program = VoiceSettings().espeak_path()
    if program is None:
        raise SystemExit("espeak-ng is not installed (apt-get install espeak-ng)")
    uncached: list[float] = []
    memory: list[float] = []
    stored: list[float] = []
    cpu_each: list[float] = []
    seconds: list[float] = []
    for round_no in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            db = Database(f"sqlite+aiosqlite:///{tmp}/bench.db")
            await db.migrate()
            speech = Speech(EspeakSynthesizer(program), db, SystemClock())
            for text in PROMPTS:
                variant = f"{text} ({round_no})"  # a new text each round: never cached across rounds
                before_cpu, start = cpu(), time.perf_counter()
                _, _, length = await speech.clip(variant)
                uncached.append((time.perf_counter() - start) * 1000)
                cpu_each.append((cpu() - before_cpu) * 1000)
                seconds.append(length)
            for text in PROMPTS:
                start = time.perf_counter()
                await speech.clip(f"{text} ({round_no})")
                memory.append((time.perf_counter() - start) * 1000)
            fresh = Speech(EspeakSynthesizer(program), db, SystemClock())  # another replica: the database has it
            for text in PROMPTS:
                start = time.perf_counter()
                await fresh.clip(f"{text} ({round_no})")
                stored.append((time.perf_counter() - start) * 1000)
            await db.close()
    print(f"spoken prompts: {len(uncached)} (espeak-ng {program}, {len(PROMPTS)} prompts x {rounds} rounds), "
          f"speech {statistics.median(seconds):.1f} s median")
    for name, values in (("uncached (espeak-ng + Opus + store)", uncached), ("cached, memory", memory),
                         ("cached, database (other replica)", stored)):
        print(f"  {name:38s} p50 {statistics.median(values):8.2f} ms   p99 {pct(values, 99):8.2f} ms")
    print(f"  CPU per uncached spoken prompt: p50 {statistics.median(cpu_each):.0f} ms, "
          f"p99 {pct(cpu_each, 99):.0f} ms (this process + espeak-ng)")


def decode(rounds: int) -> None:
    """Voice-note decode cost per second of speech."""
    notes = [audio.encode_opus(audio.read_wav(_espeak(s))) for s in STORIES]
    total_audio = 0.0
    total_cpu = 0.0
    wav_bytes = 0
    for _ in range(rounds * 5):
        for note in notes:
            start = time.process_time()
            pcm = audio.decode(note, max_seconds=120)
            total_cpu += time.process_time() - start
            total_audio += pcm.seconds
            wav_bytes += len(pcm.wav())
    print(f"decode OGG/Opus → 16 kHz mono: {total_audio:.0f} s of speech, "
          f"{total_cpu / total_audio * 1000:.1f} ms CPU per second of speech, "
          f"{wav_bytes / total_audio / 1000:.0f} kB WAV per second sent to the STT server")


def _espeak(text: str) -> bytes:
    import subprocess

    return subprocess.run(["espeak-ng", "-v", "id", "--stdout", text], check=True, capture_output=True).stdout


def main() -> None:
    """Run both benches."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(tts(args.rounds))
    decode(args.rounds)


if __name__ == "__main__":
    main()
