#!/bin/sh
# The container's build, as plain commands: the Dockerfile runs exactly this, and
# tests/system/test_container.py runs it too (no Docker engine is needed to check it).
# Usage: deploy/build.sh VENV_DIR DATA_DIR   (from the repository root)
set -eu
venv=$1
data=$2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --no-cache-dir --upgrade pip
"$venv/bin/pip" install --quiet --no-cache-dir -r requirements.lock
"$venv/bin/pip" install --quiet --no-cache-dir --no-deps .
mkdir -p "$data"
"$venv/bin/circle" seed --database-url "sqlite:///$data/circle.sqlite3"
# Baked in read-only: the server opens it with mode=ro&immutable=1 and cannot change it.
chmod 0444 "$data/circle.sqlite3"
chmod 0555 "$data"
