"""The HTML reports are self-contained and open offline in a real browser.

Static checks read every generated page (no script, no remote URL, no MathJax or
require.js, no code, no stderr, no traceback). The browser checks open the index, a team
report and the programme report in headless Chromium (Debian packages ``chromium`` and
``chromium-driver``) with the network blocked, and assert that the page renders (the
screenshot is not blank, every embedded figure decodes), that the console shows no error
and that the page makes no request other than itself and ``data:`` URIs.

Chromium is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``:
NUL-separated JSON on file descriptors 3 and 4), so no websocket client, WebDriver or
browser download is needed. Every request is intercepted (``Fetch.enable`` on ``*``): the
page's own file is let through, anything else is failed and recorded; as a second fence,
Chromium gets a dead proxy and a host resolver that resolves nothing.
"""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from report_set import visible_text

SKIP_REASON = "Chromium not installed: apt-get install chromium chromium-driver"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
    # second fence behind the request interception: nowhere to connect, nothing resolves
    "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)  # fmt: skip
VIEWPORT = {"width": 1200, "height": 1000, "deviceScaleFactor": 1, "mobile": False}


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class DevTools:
    """A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="impact-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()

        def fds_3_and_4() -> None:  # in the child: Chromium reads fd 3, writes fd 4
            read_end = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=fds_3_and_4,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._out, self._in = to_browser_w, from_browser_r
        self._buffer = b""
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self.allowed: set[str] = set()
        self.blocked: list[str] = []

    # -- protocol ---------------------------------------------------------------------
    def _post(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _pump(self, deadline: float) -> None:
        """Read one message; answer intercepted requests at once."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._in], [], [], left)
            if ready:
                chunk = os.read(self._in, 1 << 20)
                if not chunk:
                    raise EOFError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "id" in message:
            self._replies[message["id"]] = message
            return
        self.events.append(message)
        if message.get("method") == "Fetch.requestPaused":
            params, session = message["params"], message.get("sessionId")
            url = params["request"]["url"]
            if url in self.allowed:
                self._post("Fetch.continueRequest", {"requestId": params["requestId"]}, session)
            else:
                self.blocked.append(url)
                self._post(
                    "Fetch.failRequest",
                    {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                    session,
                )

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        wanted = self._post(method, params, session)
        deadline = time.monotonic() + self.timeout
        while wanted not in self._replies:
            self._pump(deadline)
        reply = self._replies.pop(wanted)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_for(self, method: str, since: int = 0) -> dict:
        deadline = time.monotonic() + self.timeout
        seen = since
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event
            seen = len(self.events)
            self._pump(deadline)

    def settle(self, seconds: float) -> None:
        """Keep handling events for a while (late requests, console messages)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self._pump(deadline)
        except TimeoutError:
            pass

    # -- pages ------------------------------------------------------------------------
    def open(self, path: Path) -> Page:
        """Open ``path`` in a fresh tab with every domain the checks need enabled."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session=session)
        self.call("Emulation.setDeviceMetricsOverride", VIEWPORT, session=session)
        url = path.resolve().as_uri()
        self.allowed = {url}
        start = len(self.events)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", since=start)
        self.settle(0.5)
        return Page(self, session, target, url, start)

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=10)
        except Exception:  # noqa: BLE001 - a stuck browser is killed below
            pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        os.close(self._out)
        os.close(self._in)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One opened page: what it requested and logged, its screenshot."""

    def __init__(self, browser: DevTools, session: str, target: str, url: str, start: int) -> None:
        self.browser, self.session, self.target, self.url = browser, session, target, url
        self.start = start

    def _events(self) -> list[dict]:
        return [e for e in self.browser.events[self.start :] if e.get("sessionId") == self.session]

    def requests(self) -> list[str]:
        """Every URL the page asked for (``Network.requestWillBeSent``)."""
        return [
            e["params"]["request"]["url"]
            for e in self._events()
            if e["method"] == "Network.requestWillBeSent"
        ]

    def errors(self) -> list[str]:
        """Console errors, log errors and uncaught exceptions."""
        found = []
        for e in self._events():
            p = e.get("params", {})
            if e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                found.append(
                    "console: "
                    + " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", []))
                )
            elif e["method"] == "Log.entryAdded" and p["entry"].get("level") == "error":
                found.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
            elif e["method"] == "Runtime.exceptionThrown":
                details = p.get("exceptionDetails", {})
                found.append(
                    "exception: "
                    + str(details.get("exception", {}).get("description", details.get("text")))
                )
        return found

    def evaluate(self, expression: str) -> object:
        result = self.browser.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session
        )
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        data = self.browser.call("Page.captureScreenshot", {"format": "png"}, self.session)
        return base64.b64decode(data["data"])

    def pdf(self) -> bytes:
        """The page printed to PDF as a reader would (its own @page size and margins)."""
        data = self.browser.call(
            "Page.printToPDF",
            {"preferCSSPageSize": True, "printBackground": True},
            self.session,
        )
        return base64.b64decode(data["data"])

    def print_layout(self, width_mm: float) -> None:
        """Lay the page out as printed on a sheet ``width_mm`` wide (print media, that
        width in CSS pixels: 96 per inch)."""
        self.browser.call("Emulation.setEmulatedMedia", {"media": "print"}, self.session)
        self.browser.call("Emulation.setDeviceMetricsOverride",
                          {"width": round(width_mm / 25.4 * 96), "height": 1000,
                           "deviceScaleFactor": 1, "mobile": False}, self.session)  # fmt: skip

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})


# -- fixtures ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reports(french):
    """The shared French demo report set (conftest.py: built once per session)."""
    return french


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip(SKIP_REASON)
    devtools = DevTools(executable)
    try:
        devtools.call("Browser.getVersion")
    except Exception as exc:  # noqa: BLE001 - a broken install is a skip with its reason
        devtools.close()
        pytest.skip(f"Chromium does not start ({exc}); {SKIP_REASON}")
    yield devtools
    devtools.close()


def _pages(reports) -> dict[str, Path]:
    return {
        "index": reports.out / "index.html",
        "team": reports.team_html(reports.teams[0]),
        "programme": reports.programme_html,
    }


# -- static checks ----------------------------------------------------------------------
_REMOTE = re.compile(
    r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?["']?\s*(?:https?:)?//""",
    re.I,
)
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s*File \".*\", line \d+", re.M)


def test_every_page_is_self_contained_without_code_or_noise(reports):
    pages = reports.html_files()
    assert reports.out / "index.html" in pages and reports.team_html(reports.teams[0]) in pages
    for path in pages:
        page = path.read_text(encoding="utf-8")
        name = path.relative_to(reports.out)
        assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.I), f"{name}: <script src>"
        assert not re.search(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//", page, re.I), name
        hit = _REMOTE.search(page)
        assert hit is None, f"{name}: remote resource {page[hit.start() : hit.start() + 80]!r}"
        for library in ("mathjax", "require.js", "requirejs", "mermaid", "widget-manager"):
            assert library not in page.lower(), f"{name}: {library}"
        # no code: cells keep their outputs only (class names in the markup, not the CSS)
        markup = re.sub(r"<style\b.*?</style>", "", page, flags=re.S | re.I)
        classes = " ".join(re.findall(r'class="([^"]*)"', markup)).split()
        for code_class in (
            "jp-InputArea-editor",
            "jp-InputPrompt",
            "cm-editor",
            "highlight",
            "jp-CodeMirrorEditor",
        ):
            assert code_class not in classes, f"{name}: code shown ({code_class})"
        for cell in re.findall(r'<div[^>]*class="[^"]*jp-CodeCell[^"]*"', markup):
            assert "jp-mod-noInput" in cell, f"{name}: code cell with its input"
        # no stderr, no error output, no traceback
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in markup, name
        assert "jp-OutputArea-error" not in classes, name
        text = visible_text(page)
        assert not _TRACEBACK.search(text), f"{name}: traceback in the text"
        for noise in ("Warning:", "DeprecationWarning", "FutureWarning", "RuntimeWarning"):
            assert noise not in text, f"{name}: {noise}"
        # every figure embedded
        for src in re.findall(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)", page, re.I):
            assert src.startswith("data:image/"), f"{name}: image {src[:60]!r}"
        # a stylesheet for the report, not JupyterLab's interface (~250 KiB a page)
        styles = sum(len(css) for css in re.findall(r"<style\b.*?</style>", page, re.S | re.I))
        assert styles < 20_000, f"{name}: {styles} bytes of CSS"


# -- browser checks ---------------------------------------------------------------------
def _blank(png: bytes) -> tuple[int, float]:
    """Distinct colours and share of non-white pixels of a screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    pixels = image.width * image.height
    white = sum(count for count, rgb in colours if min(rgb) >= 250)
    return len(colours), 1 - white / pixels


def test_the_harness_sees_requests_and_console_errors(browser, tmp_path):
    """Negative control: a page that reaches out and logs an error is caught."""
    page_path = tmp_path / "leaky.html"
    page_path.write_text(
        "<!DOCTYPE html><html><body><p>leaky</p>"
        '<img src="http://example.com/pixel.png">'
        '<script>console.error("boom"); fetch("https://example.org/x").catch(() => 0);'
        "</script></body></html>",
        encoding="utf-8",
    )
    page = browser.open(page_path)
    try:
        requests = [u for u in page.requests() if u != page.url]
        assert {"http://example.com/pixel.png", "https://example.org/x"} <= set(requests)
        assert set(browser.blocked) >= {"http://example.com/pixel.png", "https://example.org/x"}
        assert any("boom" in e for e in page.errors())
    finally:
        page.close()
        browser.blocked.clear()


@pytest.mark.parametrize("which", ["index", "team", "programme"])
def test_page_renders_offline_without_errors_or_requests(browser, reports, which):
    path = _pages(reports)[which]
    if not path.exists():
        pytest.skip(f"the runner wrote no {path.name} yet (programme report not produced)")
    page = browser.open(path)
    try:
        others = [u for u in page.requests() if u != page.url and not u.startswith("data:")]
        assert others == [], f"{path.name} made network requests: {others}"
        assert browser.blocked == []
        assert page.errors() == [], f"{path.name}: console errors"
        state = page.evaluate(
            "({text: document.body.innerText.length, title: document.title,"
            " images: document.images.length,"
            " decoded: Array.from(document.images).every(i => i.complete && i.naturalWidth > 0),"
            " height: document.documentElement.scrollHeight})"
        )
        assert state["title"], f"{path.name}: no title"
        assert state["text"] > (200 if which == "index" else 1000), state
        assert state["decoded"], f"{path.name}: an embedded figure does not decode"
        if which != "index":
            assert state["images"] > 0, f"{path.name}: no figure"
        colours, inked = _blank(page.screenshot())
        assert colours > 20 and inked > 0.005, f"{path.name}: blank screenshot ({colours} colours)"
    finally:
        page.close()
        browser.blocked.clear()


# -- print --------------------------------------------------------------------------------
#: A4 in millimetres, and the team report's page margins (templates/impact_html: @page).
A4 = (210.0, 297.0)
MARGINS = {"top": 12.0, "bottom": 14.0, "side": 12.0}
#: Most A4 sheets a team report may print on. Six before issue 14; its questionnaires,
#: roadmap and partnership-activity sections add about three (measured on the demo: the
#: longest team report, with three questionnaire waves, prints on 10); issue 16's
#: comments section (one figure, the changes, a quote per theme and period) adds one.
MAX_PAGES = 11


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height (points) of each page of a PDF written by Chromium (one page
    object, with its /MediaBox, per page)."""
    pages = re.findall(rb"/Type\s*/Page(?!s)\b(.{0,400}?)>>", pdf, re.S)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert pages, "no page object in the PDF"
    return [(float(w), float(h)) for w, h in boxes[: len(pages)]] or [(0.0, 0.0)] * len(pages)


def test_team_reports_print_on_ten_a4_pages_with_the_summary_on_the_first(browser, reports):
    for team in reports.teams:
        page = browser.open(reports.team_html(team))
        try:
            sizes = pdf_pages(page.pdf())
            assert 1 < len(sizes) <= MAX_PAGES, f"{team}: {len(sizes)} printed pages"
            width, height = sizes[0]
            assert width < height and abs(height / 72 * 25.4 - A4[1]) < 2, sizes[0]
            # the title, team card, picture and three sentences fit the first sheet: laid
            # out as printed, the summary's last sentence ends within its height
            page.print_layout(A4[0] - 2 * MARGINS["side"])
            bottom = page.evaluate(
                "document.querySelector('.impact-sentences').getBoundingClientRect().bottom"
                " + window.scrollY"
            )
            printable = (A4[1] - MARGINS["top"] - MARGINS["bottom"]) / 25.4 * 96
            assert 0 < bottom <= printable, f"{team}: summary {bottom:.0f} px of {printable:.0f}"
        finally:
            page.close()


def test_the_index_prints_in_landscape(browser, reports):
    page = browser.open(reports.out / "index.html")
    try:
        sizes = pdf_pages(page.pdf())
        assert all(width > height for width, height in sizes), sizes
    finally:
        page.close()


def test_the_tables_stylesheet_is_kept_once_per_page():
    """Each table fragment brings the tables' stylesheet (styled alone in JupyterLab); the
    page keeps the first only."""
    import nbformat

    from impact.report.formatting import TABLE_STYLE
    from impact.run.workers import one_table_style

    table = f"{TABLE_STYLE}<table class='impact-table'></table>"
    outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})
               for html in (table, "<p>x</p>", table)]  # fmt: skip
    cells = [nbformat.v4.new_code_cell(outputs=outputs)]
    nb = one_table_style(nbformat.v4.new_notebook(cells=cells))
    pages = [o["data"]["text/html"] for o in nb.cells[0].outputs]
    assert "".join(pages).count(TABLE_STYLE) == 1 and pages[0] == table
    assert pages[2] == "<table class='impact-table'></table>"
