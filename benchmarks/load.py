"""A bounded load on a SPARQL endpoint from a second process: 8 clients, a fixed time, loopback only.

Run: python benchmarks/load.py QUERY_URL SECONDS NAME_KEY...

Each request is one person lookup (kg's canned find-person query with the
name key bound by a VALUES block), POSTed as a form over a kept-alive
connection; the keys rotate. Prints JSON: requests, requests/s, p50/p99 in
ms, errors (non-200 answers or failed requests) and what they were.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import urllib.parse

import pyoxigraph as ox

from kg.namespaces import sparql_prologue
from kg.query import canned
from kg.remote import with_values

CLIENTS = 8


async def client(session, url: str, bodies: list[bytes], stop: float, offset: int, out: dict) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    index = offset
    while time.monotonic() < stop:
        body = bodies[index % len(bodies)]
        index += 1
        started = time.perf_counter()
        try:
            async with session.post(url, data=body, headers=headers) as answer:
                await answer.read()
                status = str(answer.status)
        except Exception as error:  # any failure is an error of the server under test
            status = type(error).__name__
        out["latencies"].append(time.perf_counter() - started)
        if status != "200":
            out["errors"] += 1
            out["failures"][status] = out["failures"].get(status, 0) + 1


async def main(url: str, seconds: float, keys: list[str]) -> dict:
    import aiohttp

    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"load.py only loads servers on this machine's loopback, not {host}")
    query = sparql_prologue() + canned("find-person")  # sent as is: the HTTP endpoint knows no prefixes
    bodies = [urllib.parse.urlencode({"query": with_values(query, {"key": ox.Literal(k)})}).encode() for k in keys]
    out = {"latencies": [], "errors": 0, "failures": {}}
    started = time.monotonic()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CLIENTS)) as session:
        await asyncio.gather(*(client(session, url, bodies, started + seconds, i, out) for i in range(CLIENTS)))
    elapsed = time.monotonic() - started
    latencies = sorted(out["latencies"])
    return {"requests": len(latencies), "seconds": elapsed, "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * latencies[len(latencies) // 2],
            "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))], "errors": out["errors"],
            "failures": out["failures"]}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], float(sys.argv[2]), sys.argv[3:]))))
