"""Open a generated page in headless Debian chromium, offline, and record what it does.

Every request is routed through one handler that records it and lets only
the page's own file:// URL through; everything else is aborted (and fails the
test that asserts `requests_out == []`). Console errors, page errors and
dialogs (alert/confirm/prompt: a script of the data's running) are recorded.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
        "--disable-domain-reliability", "--metrics-recording-only", "--no-default-browser-check",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass
class Visit:
    """One opened page and everything it tried to do."""

    page: Any
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests_out: list[str] = field(default_factory=list)

    def until(self, expression: str, timeout_s: float = 120.0) -> Any:
        """Poll EXPRESSION until truthy (page.evaluate: wait_for_function would need 'unsafe-eval')."""
        deadline = time.monotonic() + timeout_s
        while not (result := self.page.evaluate(expression)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"page never satisfied {expression!r}")
            time.sleep(0.1)
        return result

    def wait_ready(self) -> None:
        """Until vis-network has stabilised, frozen and drawn (window.kgReady)."""
        self.until("window.kgReady === true")

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate(
            "[network.body.data.nodes.length, network.body.data.edges.length]"))

    def painted_pixels(self) -> int:
        """Non-background pixels on vis-network's canvas (0 means nothing was drawn)."""
        return self.page.evaluate("""() => {
            const c = document.querySelector('#mynetwork canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
            }
            return n;
        }""")

    def search(self, text: str) -> Any:
        """Type TEXT in the page's search box, press Enter; the selected node id."""
        self.page.evaluate("window.kgSelected = undefined")
        self.page.fill("#kg-search", text)
        self.page.press("#kg-search", "Enter")
        self.until("window.kgSelected !== undefined", timeout_s=10)
        return self.page.evaluate("network.getSelectedNodes()")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@contextmanager
def visit(instance: Any, path: Path, *, width: int = 1400, height: int = 900) -> Iterator[Visit]:
    """Open PATH in a fresh offline context of INSTANCE and record its behaviour."""
    context = instance.new_context(viewport={"width": width, "height": height}, offline=True,
                                   service_workers="block")
    page = context.new_page()
    url = Path(path).resolve().as_uri()
    found = Visit(page=page, url=url)

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            found.requests_out.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: req.url != url and not req.url.startswith("data:")
            and req.url not in found.requests_out and found.requests_out.append(req.url))
    page.on("console", lambda m: m.type == "error" and found.console_errors.append(m.text))
    page.on("pageerror", lambda e: found.page_errors.append(str(e)))

    def dialog(d: Any) -> None:
        found.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        page.goto(url)
        yield found
    finally:
        context.close()


def shoot(page: Path, png: Path, *, width: int = 1400, height: int = 900) -> str:
    """A PNG of PAGE once its layout has settled (the README's screenshot); a one-line report."""
    with browser() as instance, visit(instance, page, width=width, height=height) as found:
        found.wait_ready()
        found.page.screenshot(path=str(png))
        nodes, edges = found.counts()
        return (f"{png}: {nodes} nodes, {edges} edges; requests out {found.requests_out}; "
                f"console errors {found.console_errors}")


if __name__ == "__main__":  # python tests/browser/harness.py graph.html docs/img/seed-graph.png
    import sys

    print(shoot(Path(sys.argv[1]), Path(sys.argv[2])))
