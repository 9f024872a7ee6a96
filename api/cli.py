"""The `circle` command: `circle seed` loads the dataset, `circle serve` serves it."""

import argparse
import logging
import socket
import sys

import uvicorn

from api.db import DatabaseUnavailable, is_sqlite, sqlite_path
from api.settings import get_settings


def _database_url(explicit: str | None) -> str:
    settings = get_settings()
    if explicit:
        return explicit
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{settings.sqlite_path}"


def seed_command(args: argparse.Namespace) -> int:
    from seed.dataset import DatasetError
    from seed.loader import seed

    settings = get_settings()
    url = _database_url(args.database_url)
    try:
        version, written = seed(url, args.sources_dir or settings.sources_dir, force=args.force)
    except DatasetError as exc:
        print(
            f"circle seed: the dataset is invalid; nothing was written ({len(exc.problems)} "
            "problems):",
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
    print(f"circle seed: dataset {version} {state} ({_redacted(url)})")
    return 0


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def serve_command(args: argparse.Namespace) -> int:
    import os

    from api.protocol import OneWriteHttpToolsProtocol
    from api.reader import Reader

    settings = get_settings()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        get_settings.cache_clear()
        settings = get_settings()
    try:  # refuse a missing, empty, corrupt or unseeded database before binding a port
        # (without prewarm: each server process reads the file for itself)
        Reader(settings.model_copy(update={"sqlite_prewarm": False})).db.dispose()
    except DatabaseUnavailable as exc:
        where = sqlite_path(settings) if is_sqlite(settings) else "DATABASE_URL"
        print(f"circle serve: cannot serve {where}: {exc}", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    uvicorn.config.Config.bind_socket = _bind_tcp_socket  # type: ignore[method-assign,assignment]
    uvicorn.run(
        "api.main:app",
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.workers,
        access_log=False,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        http=OneWriteHttpToolsProtocol,
    )
    return 0


def ready_command(args: argparse.Namespace) -> int:
    """Exit 0 when the server on this machine answers /readyz with 200 (a HEALTHCHECK)."""
    import httpx

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


_UVICORN_BIND = uvicorn.config.Config.bind_socket


def _bind_tcp_socket(config: "uvicorn.Config") -> socket.socket:
    """uvicorn's multi-worker listener, re-made with an explicit IPPROTO_TCP.

    With --workers N uvicorn binds the socket itself with protocol 0; accepted sockets
    inherit it, and asyncio only sets TCP_NODELAY when the protocol is IPPROTO_TCP. With
    Nagle left on, every keep-alive answer after the first waited ~40 ms for the client's
    delayed ACK (uvicorn issue #3149). One worker is unaffected: uvicorn binds through
    asyncio there and this is not called.
    """
    sock = _UVICORN_BIND(config)
    tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    tcp.set_inheritable(True)
    return tcp


def main(argv: list[str] | None = None) -> int:
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="circle", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed", help="validate the dataset and load it")
    seed.add_argument("--database-url", help="default: DATABASE_URL, else the SQLite file")
    seed.add_argument("--sources-dir", type=Path, help="folder of source folders")
    seed.add_argument("--force", action="store_true", help="reload even if up to date")
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
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
