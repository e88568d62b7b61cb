"""Voice: voice notes heard (speech to text, read back, used as answers) and questions spoken back (mode suara).

- `audio`: PyAV decode of what phones send (OGG/Opus, AMR, M4A, MP3) to 16 kHz mono, and Opus encode.
- `stt`: the transcription port and its backends (OpenAI-compatible HTTP, in-process faster-whisper).
- `tts`: speech synthesis (espeak-ng, OpenAI-compatible HTTP) and the spoken-prompt cache.
- `settings`: the LAPORBOT_STT_* / LAPORBOT_TTS_* variables.
- `stage`: the turn stage in front of the engine (the engine stays pure) and the durable transcription worker.
"""
