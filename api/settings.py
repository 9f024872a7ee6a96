"""The one settings class: every knob the API, the CLI and the loader read."""

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.database_url import DatabaseUrl

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    # Fields are also set by name (Settings(database_url=...)), not only through their
    # aliases: pydantic-settings before 2.10 does not do so unless told.
    model_config = SettingsConfigDict(env_prefix="CIRCLE_", extra="ignore", validate_by_name=True)

    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "CIRCLE_DATABASE_URL"),
        description="SQLAlchemy URL of the database; unset means the SQLite file at sqlite_path.",
    )
    sqlite_path: Path = Field(
        default=REPO_ROOT / "data" / "circle.sqlite3",
        description="The SQLite file used when DATABASE_URL is unset.",
    )
    sqlite_immutable: bool = Field(
        default=False,
        description="Open the SQLite file with immutable=1 (only for a file nothing will rewrite).",
    )
    sqlite_prewarm: bool = Field(
        default=True,
        description="Read the SQLite file once, on a thread, whenever a version is opened, "
        "so that first queries do not wait for the disk (files up to a quarter of memory).",
    )
    sources_dir: Path = Field(
        default=Path(__file__).resolve().parent.parent / "seed" / "sources",
        description="Folder of source folders that `circle seed` loads.",
    )
    cache_max_age: int = Field(default=300, ge=0, le=31_536_000)
    default_limit: int = Field(default=50, ge=1, le=500)
    max_limit: int = Field(default=500, ge=1, le=10_000)
    max_export_rows: int = Field(default=100_000, ge=1)
    max_exports: int = Field(
        default=4,
        ge=1,
        le=1000,
        description="Exports (csv, ndjson) each worker streams at once; one more is refused "
        "with 503 and Retry-After before any byte of its body.",
    )
    send_timeout_s: float = Field(
        default=30,
        gt=0,
        le=3600,
        description="How long an answer may wait for a client that reads nothing before "
        "the connection is dropped (its unsent bytes with it).",
    )
    stalled_write_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=0,
        description="Most bytes a worker holds, in all, for clients that have stopped "
        "reading; past it, the longest-stalled connection is dropped.",
    )
    memo_bytes: int = Field(
        default=4 * 1024 * 1024,
        ge=0,
        description="Parsed parameters, counts and compiled statements kept in memory per "
        "worker (each memo of them gets its share).",
    )
    digest_cache_bytes: int = Field(
        default=4 * 1024 * 1024,
        ge=0,
        description="Records whose SHA-256 is kept, per worker, for the ETags of pages.",
    )
    db_connections: int = Field(
        default=12,
        ge=4,
        le=200,
        description="Connections each worker process opens to the database at most, every "
        "use counted. PostgreSQL: one loads dataset versions and listens for new ones, one "
        "answers /readyz, a quarter of the rest (at least one) serve exports and the others "
        "pages and searches (api/data/database.py, ConnectionBudget); the server's "
        "max_connections must allow workers times this. SQLite: the pool of worker threads' "
        "connections.",
    )
    db_wait_ms: int = Field(
        default=3000,
        ge=0,
        le=60_000,
        description="How long a request waits for one of the worker's connections when all "
        "are busy; past it, 503 (unavailable) with Retry-After.",
    )
    query_time_limit_ms: int = Field(default=1000, ge=10, le=60_000)
    max_param_length: int = Field(default=200, ge=16, le=10_000)
    max_url_length: int = Field(default=8192, ge=256, le=65_536)
    gzip_min_size: int = Field(default=1024, ge=0)
    response_cache_bytes: int = Field(default=32 * 1024 * 1024, ge=0)
    document_cache_bytes: int = Field(
        default=4 * 1024 * 1024,
        ge=0,
        description="Rendered documents kept in memory per dataset version and worker.",
    )
    response_cache_max_body: int = Field(default=1024 * 1024, ge=0)
    trusted_hosts: list[str] = Field(default_factory=lambda: ["*"])
    cors_origins: list[str] = Field(default_factory=lambda: ["*"])
    access_log: bool = True
    readiness_ttl_ms: int = Field(
        default=1000,
        ge=0,
        le=60_000,
        description="How long /readyz reuses its last check of the database.",
    )
    readiness_timeout_ms: int = Field(
        default=500,
        ge=10,
        le=10_000,
        description="How long /readyz waits for the database (on a connection of its own) "
        "before it answers 503.",
    )
    max_header_bytes: int = Field(
        default=16 * 1024,
        ge=1024,
        le=1024 * 1024,
        description="Most bytes a request's header fields may take (431 past it); the "
        "request line has its own cap, max_url_length (414).",
    )
    max_headers: int = Field(
        default=100, ge=8, le=10_000, description="Most header fields a request may send (431)."
    )
    header_timeout_s: float = Field(
        default=10,
        gt=0,
        le=600,
        description="How long a request's head may take to arrive, from its first byte; "
        "past it the connection is closed.",
    )
    keepalive_timeout_s: float = Field(
        default=5,
        gt=0,
        le=600,
        description="How long a connection may stay open with no request on it (after it "
        "opens or after an answer) before it is closed.",
    )
    mcp_max_body_bytes: int = Field(
        default=64 * 1024,
        ge=1024,
        le=16 * 1024 * 1024,
        description="Most bytes a request body to the MCP endpoint (POST /mcp) may hold "
        "(413 past it); the rest of the API takes no body.",
    )
    workers: int = Field(default=1, ge=1, le=64)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    @field_validator("database_url")
    @classmethod
    def _supported(cls, value: str | None) -> str | None:
        if value is not None:
            DatabaseUrl.parse(value)  # BadDatabaseUrl (a ValueError) names what is wrong
        return value

    @property
    def database(self) -> DatabaseUrl:
        """The database served: DATABASE_URL, or the SQLite file at sqlite_path."""
        if self.database_url is None:
            return DatabaseUrl.sqlite(self.sqlite_path)
        return DatabaseUrl.parse(self.database_url)


@lru_cache
def get_settings() -> Settings:
    return Settings()
