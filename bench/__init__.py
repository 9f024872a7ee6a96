"""The benchmark harness: `make bench` (the API beside a baseline and Datasette) and
`make bench-scale` (a synthetic million-row dataset on SQLite and PostgreSQL)."""
