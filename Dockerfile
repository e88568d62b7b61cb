# laporbot: runs migrations, then the bot server (webhooks, health, metrics) on port 8080.
#
# The base image is pinned to a patch release, not a digest: a digest cannot be looked up or verified from the
# (offline) development machines; pin one (python:3.11.14-slim-bookworm@sha256:…) where you build.
# Built with `docker compose build` / `docker build .`; no Docker engine runs on the development machines, so
# tests/app/test_packaging.py checks this file's shape, not a built image.
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

# --- builder: the locked dependencies (hash-checked) and the laporbot wheel, in a venv under /opt/laporbot ---
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY requirements.lock ./
RUN python -m venv /opt/laporbot \
 && /opt/laporbot/bin/pip install --require-hashes -r requirements.lock
COPY pyproject.toml setup.py MANIFEST.in ./
COPY bot ./bot
COPY handlers ./handlers
COPY flows ./flows
COPY models ./models
COPY locales ./locales
# The wheel, built with the locked setuptools, then installed (not editable): the catalogs travel inside it.
RUN /opt/laporbot/bin/pip wheel --no-deps --no-build-isolation -w /dist . \
 && /opt/laporbot/bin/pip install --no-deps /dist/laporbot-*.whl
# The region index, village points, holiday table, CLDR table and message catalogs built once, here
# (bot/core/data_cache.py): the bot's user cannot write the venv and would otherwise index 92k regions, import
# `holidays` and parse the .po files with Babel at every start and load Babel's locale data for good on the first
# complaint (-P: the installed package, not /src's).
RUN /opt/laporbot/bin/python -P -c "from bot.understanding.place_directory import default_places; default_places(); \
from bot.core.holiday_tables import holiday_table; holiday_table('ID'); \
from bot.core.i18n import default_catalog, default_cldr; default_catalog(); default_cldr()"
# The image runs at PYTHONOPTIMIZE=2 (below): docstrings and asserts dropped, ~8 MB less resident (bench/startup.py;
# tests/app/test_packaging.py runs a complaint and the migration at that level). Its bytecode is compiled for that
# level here: the bot's user cannot write the venv and would otherwise compile every module at every start.
RUN /opt/laporbot/bin/python -OO -m compileall -q /opt/laporbot/lib

# --- runtime: the venv copied in as root (read-only for the bot), run as the unprivileged user laporbot ---
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONOPTIMIZE=2 PYTHONUNBUFFERED=1 PATH=/opt/laporbot/bin:$PATH \
    DATABASE_URL=sqlite+aiosqlite:////data/laporbot.db LAPORBOT_ADMINS_FILE=/data/admins.yaml \
    LAPORBOT_PORT=8080 LAPORBOT_LOG_JSON=1
# espeak-ng: mode suara's speech (bot/voice/tts.py, Indonesian voice `id`); without it the mode is not offered.
RUN apt-get update \
 && apt-get install -y --no-install-recommends espeak-ng \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 laporbot && mkdir /data && chown laporbot:laporbot /data
COPY --from=builder /opt/laporbot /opt/laporbot
USER laporbot
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os,urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('LAPORBOT_PORT','8080'), timeout=4)"
CMD ["sh", "-c", "laporbot migrate && exec laporbot run"]
