"""The fast path: every part of the API that exists for speed and goes around the framework,
behind one switch (`CIRCLE_FAST_PATH`, on by default).

On, a request whose answer the response cache holds is written by the protocol as soon
as its head is parsed (memory_answers.MemoryAnswers: the guard's checks, the stored
bytes, the access log line, no ASGI task). Any other request passes:
  response_cache.ResponseCache   whole answers from memory, keyed per dataset version
  cors_gzip.CorsAndGzip          Starlette's CORS and gzip rules in one send wrapper
  direct_routes.DirectRoutes     read routes awaited without FastAPI's routing
and `circle serve` runs uvicorn's httptools protocol with one write per answer
(one_write_protocol), on a listening socket it binds itself (serving.py), and answers
carry their headers pre-encoded (answers.EncodedResponse).

Off, the app is plain FastAPI routing under Starlette's own CORSMiddleware (its preflight
refusals shaped as problems, cors_gzip.ProblemCors, on and off alike) and GZipMiddleware,
answers are Starlette Responses, and `circle serve` runs stock uvicorn but for one thing:
the limits of api/server_limits.py (header size, count and time, idle connections),
which are safety, not speed, and hold on and off alike.
Both ways answer the same bytes; the HTTP test suite runs both ways.

Names these parts use that uvicorn, Starlette and FastAPI do not document as public,
each checked by tests/unit/test_fastpath_internals.py, tests/system/test_server_limits.py
(the protocol's) or by the tests of the
part that uses it, which fail with the name when an
upgrade removes or changes one (pyproject.toml bounds the versions to the tested ones):

- uvicorn.protocols.http.httptools_impl.HttpToolsProtocol: subclassed; its
  `connection_made(transport)` and its `tasks` set of in-flight request tasks; for
  memory answers, `_start_asgi_task(cycle, app)` (where a request's task starts, its
  scope complete), `app` (the app as loaded: circle serve's app itself, with
  proxy headers off), `pipeline` (requests queued behind the running one) and
  `flow.write_paused` (the client does not read what it is sent), and of
  its RequestResponseCycle `scope`, `keep_alive`, `default_headers` (the date line),
  `response_started`, `response_complete` and `more_body`. By
  api/server_limits.py (fast path on and off): its parser callbacks `on_message_begin`,
  `on_url(url)`, `on_header(name, value)`, `on_headers_complete`; `data_received`,
  `send_400_response(msg)`, `connection_lost(exc)`; `on_response_complete`, replaced
  whole (uvicorn's body with a keep-alive clock that is not a timer per answer); its
  attributes `parser`, `cycle` (with `response_complete` and `more_body`), `flow`
  (`pause_reading`, `resume_reading`), `loop`, `transport`, `server_state`
  (`total_requests`), `pipeline`, `_start_asgi_task`, `timeout_keep_alive`,
  `timeout_keep_alive_task`, `timeout_keep_alive_handler`,
  `_unset_keepalive_if_required`; and the module's STATUS_LINE table.
- uvicorn.supervisors.Multiprocess(config, sockets=): the worker supervisor,
  given the socket bound here (uvicorn.run binds its own, without IPPROTO_TCP).
- starlette.middleware.cors.CORSMiddleware: its `allow_all_origins` and
  `simple_headers` attributes and `preflight_response(request_headers=)` method
  (overridden by ProblemCors, which reads its 400's "Disallowed CORS ..." text).
- starlette.responses.Response: built without its constructor, setting `status_code`,
  `body`, `background` and `raw_headers`, which its __call__ sends as they are.
- fastapi.routing.APIRoute: its `path_regex`, `param_convertors` and `endpoint`.
- The ASGI scope key "app", which Starlette's Request.app reads and Starlette sets.
"""
