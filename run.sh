#!/usr/bin/env bash
# Install (first time) and run laporbot. With no channel token configured it opens the terminal chat
# on the embedded SQLite database; with TELEGRAM_BOT_TOKEN / WHATSAPP_* set it runs the bot server.
# Any arguments are passed to the laporbot command, e.g. `./run.sh chat --jsonl`.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup  # first time: what running needs (requirements.lock), with visible progress
exec .venv/bin/laporbot "$@"
