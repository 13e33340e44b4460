# Hotseat as a container: `hotseat run` is the entry point, so arguments pick the role and shards, e.g.
#   docker run --env-file .env -v hotseat:/data hotseat                       (one process, SQLite)
#   docker run --env-file .env hotseat --role bot --shards 0-1 --shard-count 4 (one cluster of a fleet)
# compose.yaml runs PostgreSQL, one poller and two bot clusters.

# Build stage: wheels of the runtime dependencies at the exact, hash-checked versions of
# requirements/run.lock (no dev tools), and of the project itself.
FROM python:3.11-slim AS build
WORKDIR /src
COPY requirements/run.lock ./requirements/run.lock
RUN pip wheel --no-cache-dir --require-hashes --wheel-dir /wheels -r requirements/run.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY storage ./storage
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOTSEAT_DB=/data/hotseat.db \
    HOTSEAT_LOG_FORMAT=json
RUN useradd --create-home --uid 10001 hotseat \
    && mkdir /data \
    && chown hotseat:hotseat /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links=/wheels "hotseat[charts,fulltext]" \
    && rm -rf /wheels
USER hotseat
WORKDIR /data
VOLUME /data
# Exit 0 when this container's process has a live gateway (bot roles) and a recent poll (poller roles);
# its heartbeat is keyed by the container's host name (HOTSEAT_INSTANCE defaults to it).
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 CMD ["hotseat", "health"]
ENTRYPOINT ["hotseat", "run"]
