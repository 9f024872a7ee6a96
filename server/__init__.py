"""The process and its HTTP protocol: how `circle serve` runs the app under uvicorn.

`cli` imports this package; `api` never does (tests/unit/test_layers.py): the app is an
ASGI application that any ASGI server can run, and this package is the one that adds
what uvicorn lacks (server/protocol.py, the listed exception to public APIs only).
"""
