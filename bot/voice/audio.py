"""Audio with PyAV: any phone's voice note to 16 kHz mono 16-bit PCM (capped), and PCM to OGG/Opus."""

from __future__ import annotations

import io
import struct
import wave
from dataclasses import dataclass

RATE = 16_000  # what speech recognisers take
OPUS_RATE = 48_000  # Opus works at 48 kHz internally; Telegram and WhatsApp voice notes are 48 kHz mono Opus


class AudioError(Exception):
    """The file is not audio we can decode (or has no sound in it)."""


@dataclass(frozen=True)
class Pcm:
    """Signed 16-bit little-endian mono samples at `rate`."""

    data: bytes
    rate: int = RATE

    @property
    def seconds(self) -> float:
        """The length of the sound."""
        return len(self.data) / 2 / self.rate

    def wav(self) -> bytes:
        """As a WAV file (what transcription servers take)."""
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(self.data)
        return out.getvalue()


def decode(data: bytes, *, max_seconds: float, rate: int = RATE) -> Pcm:
    """Decode any audio container PyAV knows (OGG/Opus, AMR, M4A/AAC, MP3, WAV) to mono PCM, at most max_seconds."""
    import av

    limit = int(max_seconds * rate) * 2
    chunks: list[bytes] = []
    size = 0
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise AudioError("no audio stream")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
            frames = container.decode(audio=0)
            for frame in (*_frames(frames, limit), None):
                for out in resampler.resample(frame):
                    chunk = bytes(out.planes[0])[: out.samples * 2]
                    chunks.append(chunk)
                    size += len(chunk)
                if size >= limit and frame is not None:
                    break
    except AudioError:
        raise
    except Exception as error:  # PyAV raises its own errors (InvalidDataError, ...) for files that are not audio
        raise AudioError(type(error).__name__) from None
    pcm = b"".join(chunks)[:limit]
    if not pcm:
        raise AudioError("no sound")
    return Pcm(pcm, rate)


def _frames(frames: object, limit: int) -> list[object]:
    """Decoded frames until about `limit` bytes of output (the rest of a long file is never decoded)."""
    taken: list[object] = []
    samples = 0
    for frame in frames:  # type: ignore[attr-defined]
        taken.append(frame)
        samples += int(frame.samples * RATE / max(frame.sample_rate, 1))
        if samples * 2 >= limit:
            break
    return taken


def read_wav(data: bytes) -> Pcm:
    """A WAV file's samples as mono 16-bit PCM at its own rate (espeak-ng writes 22.05 kHz mono)."""
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            if w.getsampwidth() != 2:
                raise AudioError("not 16-bit")
            frames = w.readframes(w.getnframes())
            channels, rate = w.getnchannels(), w.getframerate()
    except (wave.Error, EOFError) as error:
        raise AudioError(type(error).__name__) from None
    if channels != 1:  # keep the first channel
        width = 2 * channels
        frames = b"".join(frames[i:i + 2] for i in range(0, len(frames), width))
    return Pcm(frames, rate)


def encode_opus(pcm: Pcm, *, bitrate: int = 24_000) -> bytes:
    """Mono PCM as an OGG/Opus file (a Telegram/WhatsApp voice note)."""
    import av

    out = io.BytesIO()
    with av.open(out, mode="w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=OPUS_RATE)
        stream.layout = "mono"
        stream.bit_rate = bitrate
        resampler = av.AudioResampler(format="s16", layout="mono", rate=OPUS_RATE)
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(pcm.data) // 2)
        frame.sample_rate = pcm.rate
        frame.planes[0].update(pcm.data[: frame.samples * 2])
        for resampled in (*resampler.resample(frame), *resampler.resample(None)):
            for packet in stream.encode(resampled):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


def is_ogg_opus(data: bytes) -> bool:
    """An OGG file whose first stream is Opus (`OggS` page, `OpusHead` header)."""
    return data[:4] == b"OggS" and b"OpusHead" in data[:128]


def ogg_seconds(data: bytes) -> float:
    """An OGG/Opus file's length from its last page's granule position (48 kHz samples, minus pre-skip)."""
    if not is_ogg_opus(data):
        raise AudioError("not ogg/opus")
    last = data.rfind(b"OggS")
    granule = struct.unpack_from("<q", data, last + 6)[0]
    head = data.find(b"OpusHead")
    pre_skip = struct.unpack_from("<H", data, head + 10)[0]
    return max(0.0, (granule - pre_skip) / OPUS_RATE)
