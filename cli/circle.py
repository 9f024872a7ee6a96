"""The `circle` command: `circle seed` loads the dataset, `circle serve` serves it,
`circle ready` asks a local server whether it can serve."""

import argparse
import contextlib
import errno
import logging
import os
import sys
from pathlib import Path

import httpx
from pydantic import ValidationError

from api.settings import get_settings
from cli.proxy_cache import empty_after_reseed
from models.database_url import BadDatabaseUrl, DatabaseUrl

# The loader, the query engine and the server are imported by the commands that use
# them: `circle ready`, the container's HEALTHCHECK every 10 seconds, then loads its
# settings and an HTTP client only, not the whole app (a second of CPU each time).


def _database(explicit: str | None) -> DatabaseUrl:
    """The database a command works on: --database-url, else DATABASE_URL, else the file."""
    if explicit:
        return DatabaseUrl.parse(explicit)
    return get_settings().database


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def seed_command(args: argparse.Namespace) -> int:
    from seed.dataset import DatasetError
    from seed.loader import seed

    settings = get_settings()
    url = _database(args.database_url)
    try:
        version, written = seed(
            url.sqlalchemy, args.sources_dir or settings.sources_dir, force=args.force
        )
    except DatasetError as exc:
        print(
            "circle seed: the dataset is invalid; nothing was written "
            f"({_plural(len(exc.problems), 'problem')}):",
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except Exception as exc:  # a database we cannot reach or write: one line, no traceback
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"circle seed: cannot load the database: {first}", file=sys.stderr)
        return 1
    state = "loaded" if written else "already up to date"
    print(f"circle seed: dataset {version} {state} ({url.redacted})", flush=True)
    if written and args.proxy_cache is not None:
        removed = empty_after_reseed(args.proxy_cache)
        print(f"circle seed: emptied the proxy's cache ({removed} answers)")
    return 0


def serve_command(args: argparse.Namespace) -> int:
    from api.data.access import DataAccess
    from api.errors import DatabaseUnavailable
    from server.serving import check_port, serve

    if args.database_url:
        DatabaseUrl.parse(args.database_url)
        # The app is built from the environment in each worker (api.main:app).
        os.environ["DATABASE_URL"] = args.database_url
        get_settings.cache_clear()
    settings = get_settings()
    host = args.host or settings.host
    port = args.port or settings.port
    workers = args.workers or settings.workers
    database = settings.database
    try:  # refuse a missing, empty, corrupt or unseeded database before binding a port
        # (without prewarm: each server process reads the file for itself)
        DataAccess(settings.model_copy(update={"sqlite_prewarm": False})).close()
    except DatabaseUnavailable as exc:
        where = database.sqlite_file if database.is_sqlite else "DATABASE_URL"
        print(f"circle serve: cannot serve {where}: {exc}", file=sys.stderr)
        return 1
    try:
        check_port(host, port)
    except OSError as exc:
        hint = ""
        if exc.errno == errno.EADDRINUSE:
            hint = (
                "; another process is listening there: choose another port with --port "
                "or CIRCLE_PORT (make run PORT=8001)"
            )
        print(
            f"circle serve: cannot listen on {host}:{port}: {exc.strerror}{hint}", file=sys.stderr
        )
        return 1
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    engine = "SQLite" if database.is_sqlite else "PostgreSQL"
    print(
        f"circle serve: listening on http://{host}:{port} ({engine}, {_plural(workers, 'worker')})",
        flush=True,
    )
    print(f"circle serve: interactive docs at http://{host}:{port}/docs; Ctrl-C stops", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a terminal stops it
        serve(settings, host, port, workers)
    print("circle serve: stopped", flush=True)
    return 0


def ready_command(args: argparse.Namespace) -> int:
    """Exit 0 when the server on this machine answers /readyz with 200 (a HEALTHCHECK)."""
    settings = get_settings()
    port = args.port or settings.port
    try:
        status = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=3).status_code
    except httpx.HTTPError as exc:
        print(f"circle ready: no answer on port {port}: {type(exc).__name__}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"circle ready: /readyz answered {status}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="circle", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed", help="validate the dataset and load it")
    seed.add_argument("--database-url", help="default: DATABASE_URL, else the SQLite file")
    seed.add_argument("--sources-dir", type=Path, help="folder of source folders")
    seed.add_argument("--force", action="store_true", help="reload even if up to date")
    seed.add_argument(
        "--proxy-cache",
        type=Path,
        help="a caching proxy's folder (deploy/nginx.conf) to empty after a re-seed",
    )
    seed.set_defaults(run=seed_command)
    serve = commands.add_parser("serve", help="serve the API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.add_argument("--database-url")
    serve.set_defaults(run=serve_command)
    ready = commands.add_parser("ready", help="exit 0 if the local server is ready")
    ready.add_argument("--port", type=int)
    ready.set_defaults(run=ready_command)
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except KeyboardInterrupt:
        print(f"circle {args.command}: interrupted", file=sys.stderr)
        return 130
    except (BadDatabaseUrl, ValidationError) as exc:
        message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        print(f"circle {args.command}: {message.removeprefix('Value error, ')}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())
