"""Routers, one module per domain; each owns its prefix and tags."""
