# laporbot: runs migrations, then the bot server (webhooks, health, metrics) on port 8080.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/laporbot.db LAPORBOT_PORT=8080 LAPORBOT_LOG_JSON=1

RUN useradd --create-home --uid 10001 laporbot && mkdir /data && chown laporbot /data
WORKDIR /app
COPY pyproject.toml ./
COPY bot ./bot
COPY handlers ./handlers
COPY flows ./flows
COPY models ./models
COPY locales ./locales
# Editable install: the code runs from /app, where locales/ sits beside the packages.
RUN pip install -e . && chown -R laporbot /app

USER laporbot
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os,urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('LAPORBOT_PORT','8080'), timeout=4)"
CMD ["sh", "-c", "laporbot migrate && exec laporbot run"]
