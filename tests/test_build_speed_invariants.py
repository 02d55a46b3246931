"""What the build's speed-ups must not change: chunked loading, Rust-serialised rules, memoised text."""

import io
import random
import threading
import unicodedata

import pyoxigraph as ox
import pytest

from kg import text
from kg.derive import derive, rules
from kg.namespaces import DERIVED_GRAPH
from kg.store import _UnionView, bulk_load_chunked


def nquads(count: int) -> bytes:
    rng = random.Random(5)
    lines = []
    for i in range(count):
        value = rng.choice(["plain", "tab\\there", "quote \\\" and dot .", "Hòa khỏe", "a .\\nb"])
        lines.append(f'<http://e/s{i % 97}> <http://e/p{i % 5}> "{value} {i}"@vi <http://e/g{i % 3}> .\n')
    return "".join(lines).encode()


def contents(store: ox.Store) -> list[str]:
    return sorted(str(q) for q in store)


@pytest.mark.parametrize("first,last", [(64, 64), (100, 1000), (1 << 20, 1 << 20)])
def test_chunked_load_equals_one_bulk_load(first, last):
    data = nquads(3000)
    whole, chunked = ox.Store(), ox.Store()
    whole.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    bulk_load_chunked(chunked, io.BufferedReader(io.BytesIO(data)), first=first, last=last)
    assert contents(chunked) == contents(whole) and len(whole) == 3000


def test_chunked_load_takes_bytes_and_a_last_line_without_newline():
    data = nquads(50) + b"<http://e/x> <http://e/y> <http://e/z> <http://e/g> ."
    store = ox.Store()
    bulk_load_chunked(store, data, first=200, last=400)
    assert len(store) == 51


def test_a_bad_chunk_raises_and_stops_reading():
    data = nquads(2000) + b"<http://e/x> this is not N-Quads .\n" + nquads(2000)
    reads = []

    class Source(io.BytesIO):
        def read(self, size=-1):
            reads.append(size)
            return super().read(size)

    before = threading.active_count()
    with pytest.raises(SyntaxError):
        bulk_load_chunked(ox.Store(), Source(data), first=256, last=256)
    assert len(reads) < len(data) // 256  # it did not read the whole input after the error
    assert threading.active_count() == before  # no loader thread left behind


def _derive_term_by_term(view):
    # The former implementation: every triple became a Python term, then a line.
    graph = ox.NamedNode(DERIVED_GRAPH)
    seen = {}
    for sparql in rules().values():
        quads = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in view.query(sparql))
        for line in ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode().splitlines(keepends=True):
            seen[line] = None
    return list(seen)


def test_derive_gives_the_rules_triples_line_for_line(seed_store):
    view = _UnionView(seed_store._store)
    lines = derive(view)
    assert lines and sorted(lines) == sorted(_derive_term_by_term(view))
    assert len(set(lines)) == len(lines)
    assert all(line.endswith(f" <{DERIVED_GRAPH}> .\n") for line in lines)


def _reference(name):
    # kg.text's functions as written before the fast paths and memoisation.
    def normalize(value):
        decomposed = unicodedata.normalize("NFD", value)
        return unicodedata.normalize("NFC", text._TONE_ON_SECOND.sub(text._move_tone, decomposed))

    def ascii_fold(value):
        decomposed = unicodedata.normalize("NFD", value)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        return stripped.replace("đ", "d").replace("Đ", "D")

    def name_key(value):
        return text._SPACES.sub(" ", ascii_fold(value).casefold()).strip()

    return {"normalize": normalize, "ascii_fold": ascii_fold, "name_key": name_key}[name]


@pytest.mark.parametrize("name", ["normalize", "ascii_fold", "name_key"])
def test_fast_text_functions_equal_the_plain_ones(name):
    rng = random.Random(name)
    alphabet = ("aăâeêioôơuưyAĐđ hòaHÒA khỏe Ủy quý oà \u0300\u0301\u0303\u0309\u0323\u0483\u20dd\t\nx-9Ω"
                + "".join(chr(c) for c in range(0x300, 0x370, 7)))
    fast, plain = getattr(text, name), _reference(name)
    for _ in range(5000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert fast(value) == plain(value), value
        assert fast(value) == plain(value), value  # again, from the cache


def test_slugify_still_raises_every_time():
    for _ in range(2):
        with pytest.raises(ValueError):
            text.slugify("—")
