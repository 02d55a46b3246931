"""`kg serve`: the dataset over the SPARQL 1.1 Protocol.

Two real servers, no hand-written HTTP: Oxigraph's own server (`oxigraph
serve`, from the `oxigraph` package) answers the SPARQL, with the union of all
graphs as default graph (asked per query, so updates with USING still work); an
aiohttp application in front of it on the public port adds what Oxigraph's
server lacks: read-only unless asked (403 on updates and Graph Store writes),
the query timeout (see Upstream), a result row limit, content negotiation over
the formats pyoxigraph writes, a clean 503 when a query is cancelled, and the
HTML page at /. The front asks
Oxigraph for line-based formats (TSV, N-Triples), so cutting at the row limit
is counting lines; pyoxigraph then parses the kept lines and writes the
format the client accepts. For `--store sparql:URL` the front proxies that
endpoint instead of starting Oxigraph. See docs/SERVER.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.paths import PACKAGE_DIR, QUERIES_DIR

STATIC_DIR = PACKAGE_DIR / "static"
UPSTREAM_ACCEPT = "text/tab-separated-values, application/n-triples;q=0.9"
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# Example values for the canned queries' bound variables on the HTML page.
EXAMPLE_BINDINGS: dict[str, dict[str, ox.NamedNode | ox.Literal]] = {
    "find-person": {"key": ox.Literal("dao hong lan")},
    "roles": {"person": ox.NamedNode("https://w3id.org/vnhealth-kg/id/person/dao-hong-lan")},
}


@dataclass
class ServeConfig:
    """What `kg serve` was asked for."""

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    timeout: int = 30
    limit: int = 10_000


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def oxigraph_command() -> str:
    """The `oxigraph` console script of this environment (the `oxigraph` PyPI package)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the `oxigraph` server is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return found


def _wait_for_port(process: subprocess.Popen, port: int, log: BinaryIO, deadline: float = 20.0) -> None:
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        if process.poll() is not None:
            log.seek(0)
            message = log.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"oxigraph serve stopped: {message[-1] if message else 'no message'}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    process.kill()
    raise StoreError(f"oxigraph serve did not listen on 127.0.0.1:{port} within {deadline:g} s")


class Upstream:
    """The SPARQL server the front talks to: Oxigraph's, started here, or a remote one.

    The front enforces the query timeout: when it passes, restart() ends the
    query for good by restarting the process, on a new port (~0.1 s at 10M
    quads). Oxigraph's own `--timeout-s` is not used on a store on disk: it
    starts one thread per query that sleeps out the whole timeout, so the
    server holds rate x timeout threads (60,000 at 2,000 lookups/s and 30 s)
    and, past the process's memory-map limit (~16,000 threads under the
    default vm.max_map_count of 65,530), answers every query with 500
    "Resource temporarily unavailable". It did not stop every operator
    either (a sort over a huge join ran on). Only a `memory:` store keeps it
    (cancels_itself), as a restart would lose the data.
    """

    def __init__(self, config: ServeConfig):
        self.command: list[str] | None = None
        self.process: subprocess.Popen | None = None
        self.query_url, self.update_url, self.store_url = "", None, None
        self.union_param = True  # ask Oxigraph for the union of all graphs as default graph, per query
        self.cancels_itself = False  # Oxigraph runs with --timeout-s (a memory: store only)
        spec = config.store
        if spec.startswith("sparql:"):
            from kg.remote import RemoteStore

            remote = RemoteStore.from_spec(spec[len("sparql:"):])
            self.query_url, self.update_url, self.store_url = remote.query_url, remote.update_url, remote.store_url
            self.union_param = remote.union_param
            return
        command = [oxigraph_command(), "serve" if config.allow_update or spec == "memory:" else "serve-read-only"]
        if spec != "memory:":
            path = Path(spec[len("oxigraph:"):] if spec.startswith("oxigraph:") else spec)
            if not (path / "CURRENT").exists():
                raise StoreError(f"no store at {path}: run `kg build` first")
            command += ["--location", str(path.resolve())]
        else:
            self.cancels_itself = True
            command += ["--timeout-s", str(config.timeout)]
        self.command = command

    def start(self) -> None:
        if self.command is None:
            return
        port = free_port()
        log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the process writing to it
        self.process = subprocess.Popen([*self.command, "--bind", f"127.0.0.1:{port}"],
                                        stdout=subprocess.DEVNULL, stderr=log)  # not a pipe: unread, it blocks
        _wait_for_port(self.process, port, log)
        base = f"http://127.0.0.1:{port}"
        self.query_url, self.update_url, self.store_url = f"{base}/query", f"{base}/update", f"{base}/store"

    def stop(self, grace: float = 10.0) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def died(self) -> bool:
        """The local server process has exited (crashed or was killed)."""
        return self.process is not None and self.process.poll() is not None

    def restart(self) -> bool:
        """Restart a local server (True), or do nothing for a remote one (False)."""
        if self.command is None:
            return False
        self.stop(grace=1.0)  # it is busy with the runaway query: do not wait long
        self.start()
        return True


@contextlib.contextmanager
def upstream(config: ServeConfig) -> Iterator[Upstream]:
    """Oxigraph's server for an oxigraph:/memory: store (or the remote one), stopped after use."""
    up = Upstream(config)
    up.start()
    try:
        yield up
    finally:
        up.stop()


def negotiate(accept: str, offers: dict[str, Any], default: str) -> str | None:
    """The offered media type the Accept header prefers (RFC 9110 q-values), or None."""
    if not accept.strip():
        return default
    best: tuple[float, int, str] | None = None
    for order, item in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, val = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(val)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if quality <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            chosen = default if media == "*/*" or default.startswith(prefix) else \
                next((m for m in offers if m.startswith(prefix)), None)
        else:
            chosen = media if media in offers else None
        if chosen and (best is None or (quality, -order) > (best[0], best[1])):
            best = (quality, -order, chosen)
    return best[2] if best else None


def examples() -> list[dict[str, str]]:
    """The canned queries, with example values bound, for the page's example list."""
    from kg.namespaces import sparql_prologue
    from kg.remote import with_values

    prologue = sparql_prologue()
    out = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), path.stem)
        out.append({"name": path.stem, "title": title,
                    "query": with_values(prologue + text, EXAMPLE_BINDINGS.get(path.stem))[len(prologue):]})
    return out


def index_page(config: ServeConfig) -> str:
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    from kg.namespaces import sparql_prologue

    data = json.dumps({"examples": examples(), "prologue": sparql_prologue(), "readOnly": not config.allow_update,
                       "timeout": config.timeout, "limit": config.limit}, ensure_ascii=False)
    return page.replace("__KG_CONFIG__", data.replace("</", "<\\/"))


def _results(body: bytes, media_type: str) -> Any:
    """Parse what Oxigraph sent: TSV results or N-Triples (parsing is lazy: render() finishes it)."""
    if media_type == "text/tab-separated-values":
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
    return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]


def _offers(result: Any) -> tuple[dict[str, Any], str]:
    """The media types a result can be written in, and the default one."""
    if isinstance(result, list):
        return GRAPH_TYPES, "text/turtle"
    return RESULT_TYPES, "application/sparql-results+json"


def render(result: Any, media_type: str) -> bytes:
    if media_type in RESULT_TYPES:
        return result.serialize(format=RESULT_TYPES[media_type])
    from kg.namespaces import PREFIXES

    return ox.serialize(result, format=GRAPH_TYPES[media_type], prefixes=PREFIXES)


def make_app(config: ServeConfig, up: Upstream):
    """The aiohttp application: /, /query, /update, /store."""
    from aiohttp import ClientError, ClientSession, ClientTimeout, TCPConnector, web

    session_key = web.AppKey("session", ClientSession)
    page = index_page(config)
    NO_TIMEOUT = ClientTimeout(total=None)  # updates and Graph Store transfers may take long

    # The front's own timeout ends queries; where Oxigraph cancels them itself, this is a backstop after it.
    query_seconds = config.timeout + (2 if up.cancels_itself else 0)

    async def start_session(app: web.Application) -> None:
        app[session_key] = ClientSession(connector=TCPConnector(limit=64),
                                         timeout=ClientTimeout(total=query_seconds))

    async def close_session(app: web.Application) -> None:
        await app[session_key].close()

    def error(status: int, message: str) -> web.Response:
        return web.Response(status=status, text=message + "\n")

    restarting = asyncio.Lock()
    restarts = [0]  # how many times Oxigraph was restarted

    def refused(problem: str) -> web.Response:
        if problem.startswith("415 "):
            return error(415, problem[4:])
        return error(400, problem)

    def timed_out() -> web.Response:
        return error(503, f"query cancelled: it ran longer than the {config.timeout} s timeout")

    def unreachable(problem: Exception) -> web.Response:
        return error(503, f"the SPARQL server behind this endpoint did not answer ({problem}); try again")

    async def cancel_runaway() -> web.Response:
        """The query outlived the timeout: restart Oxigraph, which ends it, and answer 503."""
        if not restarting.locked():
            async with restarting:
                await asyncio.to_thread(up.restart)
                restarts[0] += 1
        return timed_out()

    async def protocol_text(request: web.Request, field: str) -> tuple[str | None, list[tuple[str, str]], str]:
        """(operation text or None, dataset parameters, problem) from GET, POST form or POST direct.

        A problem starting with "415" is an unsupported Content-Type; any other is a 400.
        """
        params = list(request.query.items())
        if request.method == "POST":
            media = request.content_type
            if media == "application/x-www-form-urlencoded":
                params += list((await request.post()).items())
            elif media == f"application/sparql-{field}":
                params.append((field, await request.text()))
            else:
                return None, [], f"415 unsupported Content-Type {media!r}: use " \
                                 f"application/x-www-form-urlencoded or application/sparql-{field}"
        texts = [v for k, v in params if k == field]
        if len(texts) != 1:
            return None, [], f"give exactly one '{field}' parameter (got {len(texts)})"
        dataset = [(k, str(v)) for k, v in params
                   if k in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")]
        return str(texts[0]), dataset, ""

    async def ask(session: ClientSession, data: list[tuple[str, str]],
                  seconds: float) -> tuple[int, str, bytes, bool]:
        """(status, media type or reason, body, truncated): the upstream answer, cut after the row limit."""
        async with session.post(up.query_url, data=data, headers={"Accept": UPSTREAM_ACCEPT},
                                timeout=ClientTimeout(total=seconds)) as answer:
            if answer.status != 200:
                return answer.status, answer.reason or "", await answer.read(), False
            media_type = answer.content_type
            keep = config.limit + (1 if media_type == "text/tab-separated-values" else 0)  # TSV has a header
            chunks, lines = [], 0
            async for chunk in answer.content.iter_chunked(1 << 16):
                chunks.append(chunk)
                lines += chunk.count(b"\n")
                if lines > keep:  # leaving unread closes the connection, which stops Oxigraph's stream
                    return 200, media_type, b"\n".join(b"".join(chunks).split(b"\n", keep)[:keep]) + b"\n", True
            return 200, media_type, b"".join(chunks), False

    async def query(request: web.Request) -> web.StreamResponse:
        text, dataset, problem = await protocol_text(request, "query")
        if text is None:
            return refused(problem)
        session = request.app[session_key]
        data = [("query", text), *dataset]
        if up.union_param and not dataset:
            data.append(("union-default-graph", ""))
        deadline = time.monotonic() + query_seconds
        for attempt in (1, 2):  # a request caught by a restart is asked again, once, after it
            if restarting.locked():
                async with restarting:
                    pass
            seen = restarts[0]
            try:
                status, media_type, body, truncated = await ask(session, data, max(deadline - time.monotonic(), 0.1))
                break
            except TimeoutError:
                return await cancel_runaway()
            except ClientError as problem_:  # refused, or cut mid-answer: the process died or was restarted
                if attempt == 2:
                    return unreachable(problem_)
                if up.died() and restarts[0] == seen and not restarting.locked():
                    async with restarting:  # e.g. killed for memory by a huge query: start it again
                        await asyncio.to_thread(up.restart)
                        restarts[0] += 1
                elif restarts[0] == seen and not restarting.locked():
                    return unreachable(problem_)
        if status != 200:
            message = body.decode("utf-8", "replace").strip()
            if "cancelled" in message:
                return timed_out()
            return error(status if status < 500 else 502, message or media_type)
        try:
            result = _results(body, media_type)
            chosen = negotiate(request.headers.get("Accept", ""), *_offers(result))
            if chosen is None:
                return error(406, f"cannot answer in {request.headers.get('Accept')!r}; "
                                  f"offered: {', '.join(_offers(result)[0])}")
            payload = render(result, chosen)
        except SyntaxError as problem_:
            if b"cancelled" in body[-200:]:  # Oxigraph ends a stream it cancels with a message
                return timed_out()
            return error(502, f"the SPARQL server sent a malformed answer: {str(problem_).splitlines()[0]}")
        headers = {"X-KG-Truncated": str(config.limit)} if truncated else {}
        charset = "utf-8" if chosen.startswith("text/") else None
        return web.Response(body=payload, content_type=chosen, charset=charset, headers=headers)

    async def update(request: web.Request) -> web.Response:
        if not config.allow_update or not up.update_url:
            return error(403, "this server is read-only: start it with `kg serve --allow-update`")
        text, dataset, problem = await protocol_text(request, "update")
        if text is None:
            return refused(problem)
        try:
            async with request.app[session_key].post(up.update_url, data=[("update", text), *dataset],
                                                     timeout=NO_TIMEOUT) as answer:
                return error(answer.status, (await answer.text()).strip()) if answer.status >= 300 \
                    else web.Response(status=204)
        except ClientError as problem_:
            return unreachable(problem_)

    async def graph_store(request: web.Request) -> web.StreamResponse:
        if request.method not in ("GET", "HEAD") and not config.allow_update:
            return error(403, "this server is read-only: start it with `kg serve --allow-update`")
        if not up.store_url:
            return error(404, "the SPARQL server behind this endpoint has no Graph Store Protocol endpoint")
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("accept", "content-type")}
        try:
            async with request.app[session_key].request(request.method, up.store_url, params=request.query,
                                                        data=await request.read(), headers=headers,
                                                        timeout=NO_TIMEOUT) as answer:
                body = await answer.read()
                return web.Response(status=answer.status, body=body,
                                    headers={"Content-Type": answer.headers.get("Content-Type", "text/plain")})
        except ClientError as problem_:
            return unreachable(problem_)

    async def home(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    app = web.Application(client_max_size=1 << 30)
    app.on_startup.append(start_session)
    app.on_cleanup.append(close_session)
    app.router.add_get("/", home)
    for path in ("/query", "/sparql"):
        app.router.add_route("GET", path, query)
        app.router.add_route("POST", path, query)
    app.router.add_route("POST", "/update", update)
    app.router.add_route("*", "/store", graph_store)
    return app


def serve(config: ServeConfig, announce: Callable[[str], None] = print) -> None:
    """Run until SIGINT or SIGTERM; Oxigraph's server stops with it."""
    from aiohttp import web

    with upstream(config) as up:
        mode = "read-write" if config.allow_update else "read-only"
        announce(f"serving {config.store} at http://{config.host}:{config.port}/ "
                 f"({mode}; timeout {config.timeout} s; at most {config.limit} rows); Ctrl-C stops")
        try:
            web.run_app(make_app(config, up), host=config.host, port=config.port, print=None,
                        handle_signals=True, access_log=None)
        except OSError as error:
            raise StoreError(f"cannot listen on {config.host}:{config.port}: {error.strerror}") from None
