#!/usr/bin/env bash
# Install (first time), lint, and run every test. SQLite by default; for PostgreSQL set
# LAPORBOT_TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test
# (and LAPORBOT_TEST_REQUIRE_POSTGRES=1 to fail instead of skip when it is unreachable).
# Extra arguments go to pytest, e.g. `./test.sh -k transcript`.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup --dev  # the test tools too (pytest, hypothesis, ruff, zxing-cpp …): requirements-dev.lock
.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache  # the layering rules of pyproject.toml [tool.importlinter] (ARCHITECTURE.md)
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
