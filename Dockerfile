# syntax=docker/dockerfile:1
# Every step is a plain command too: deploy/build.sh builds, `circle serve` starts, and
# tests/system/test_container.py runs both with the environment below.

FROM python:3.11-slim AS build
WORKDIR /src
COPY requirements.lock pyproject.toml README.md ./
COPY api ./api
COPY cli ./cli
COPY models ./models
COPY seed ./seed
COPY server ./server
COPY deploy ./deploy
RUN sh deploy/build.sh /opt/venv /opt/data

FROM python:3.11-slim
RUN useradd --system --no-create-home --uid 10001 circle
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/data /opt/data
ENV PATH=/opt/venv/bin:$PATH \
    CIRCLE_SQLITE_PATH=/opt/data/circle.sqlite3 \
    CIRCLE_SQLITE_IMMUTABLE=true \
    CIRCLE_HOST=0.0.0.0 \
    CIRCLE_PORT=8000 \
    CIRCLE_WORKERS=2
USER circle
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["circle", "ready"]
CMD ["circle", "serve"]
