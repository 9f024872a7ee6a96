"""The MCP server at /mcp: the API's read operations as tools and the sources as
resources, for language-model agents, with the official MCP SDK over stateless
streamable HTTP.

  tools.py     the tools, their input and output schemas derived from the resource
               descriptions (models/resources.py) and the OpenAPI parameters built
               from them, and their arguments turned into the HTTP API's parameters
  quoting.py   the short text form of every answer: each value with its source's
               words, or marked as inferred
  server.py    the handlers, which parse with api/query/params.py and run the query
               engine as the routes do, and the ASGI endpoint
  mount.py     the hook that mounts it at /mcp, loading the SDK on first use
"""
