"""The seed article's HTML page (``newsx extract|summarize --format html``) rendered in headless
Chromium, checked from the DOM against the same server's JSON answer.

Needs Debian's ``chromium`` and ``chromium-driver``: ``make test-browser`` installs them and runs
these tests (marker ``browser``); ``make test`` deselects them. Chromium is driven over the W3C
WebDriver protocol with the standard library, so no Python package is added. The page's
screenshot is saved as build/seed-page.png (README's docs/seed-page.png is that file in 128 colours).
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "putin-pezeshkian-ashgabat.txt"
SCREENSHOT = ROOT / "build" / "seed-page.png"
NEWSX = str(Path(sys.executable).with_name("newsx"))
# Headless, sandbox off (we run as root in a container), nothing fetched or synced in the background.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1100,1400",
)

# Each mark of the article with its position in the article's text (UTF-16 units, as the JSON
# is asked for), found by a DOM Range, not read from attributes the page writes.
MARKS_SCRIPT = """
const text = document.getElementById('text');
const at = (node) => { const r = document.createRange(); r.setStart(text, 0); r.setEndBefore(node);
                       return r.toString().length; };
return [...text.querySelectorAll(arguments[0])].map((m) => ({
    start: at(m), text: m.textContent, type: m.dataset.type || '', value: m.dataset.value || '',
    background: getComputedStyle(m).backgroundColor}));
"""
LEGEND_SCRIPT = """
return Object.fromEntries([...document.querySelectorAll('#legend mark.ent')].map(
    (m) => [m.dataset.type, getComputedStyle(m).backgroundColor]));
"""
# Every link of the events list: its text and the text of the element it points to.
LINKS_SCRIPT = """
return [...document.querySelectorAll('ol.events a')].map((a) => {
    const target = document.getElementById(a.getAttribute('href').slice(1));
    return {link: a.textContent, target: target ? target.textContent : null}; });
"""


class WebDriver:
    """The few W3C WebDriver commands the test needs, over HTTP to chromedriver."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.session = ""

    def send(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read())["value"]

    def start(self, chromium: str, profile: Path) -> None:
        options = {"binary": chromium, "args": [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]}
        capabilities = {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}
        self.session = self.send("POST", "/session", {"capabilities": capabilities})["sessionId"]

    def open(self, path: Path) -> None:
        self.send("POST", f"/session/{self.session}/url", {"url": path.as_uri()})

    def run(self, script: str, *arguments):
        return self.send("POST", f"/session/{self.session}/execute/sync", {"script": script, "args": list(arguments)})

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("GET", f"/session/{self.session}/screenshot"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.fail("chromium and chromedriver are missing: run make test-browser (it installs them)")
    port = _free_port()
    process = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    webdriver = WebDriver(port)
    deadline = time.monotonic() + 30
    while True:
        try:
            if webdriver.send("GET", "/status")["ready"]:
                break
        except (urllib.error.URLError, ConnectionError):
            pass
        assert time.monotonic() < deadline, "chromedriver did not start"
        time.sleep(0.2)
    try:
        webdriver.start(chromium, tmp_path_factory.mktemp("chromium-profile"))  # new and empty
        yield webdriver
        webdriver.send("DELETE", f"/session/{webdriver.session}")
    finally:
        process.terminate()
        process.wait(timeout=10)


def newsx(*argv: str) -> str:
    """The real command line (the installed ``newsx`` script); its stdout."""
    done = subprocess.run([NEWSX, *argv], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_browser_seed_page_highlights_every_entity_mention_by_type(server_address, browser, tmp_path):
    common = ["--server", server_address, "--published-at", "2024-10-09", str(SEED)]
    answer = json.loads(newsx("extract", "--format", "json", "--offset-encoding", "utf-16", *common))
    page = tmp_path / "seed.html"
    newsx("extract", "--format", "html", "--output", str(page), *common)
    browser.open(page)

    expected = sorted(
        (m["span"]["start"], m["text"], e["type"].removeprefix("TYPE_"))
        for e in answer["entities"]
        for m in e["mentions"]
    )
    marks = browser.run(MARKS_SCRIPT, "mark.ent")
    assert sorted((m["start"], m["text"], m["type"]) for m in marks) == expected
    assert len(expected) > 40  # the seed has dozens of mentions: Putin, Pezeshkian, Iran (8), ...
    legend = browser.run(LEGEND_SCRIPT)
    for mark in marks:  # highlighted, in its type's colour as the legend shows it
        assert mark["background"] not in ("", "rgba(0, 0, 0, 0)", "transparent")
        assert mark["background"] == legend[mark["type"]]
    assert len({legend[t] for t in ("PERSON", "GPE", "ORGANIZATION", "LOCATION")}) == 4

    times = browser.run(MARKS_SCRIPT, "mark.time")
    assert {(t["start"], t["text"], t["value"]) for t in times} == {
        (t["span"]["start"], t["text"], t["value"]) for t in answer["times"]
    }
    assert ("October 11", "2024-10-11") in {(t["text"], t["value"]) for t in times}
    figures = {(f["start"], f["text"]) for f in browser.run(MARKS_SCRIPT, "mark.figure")}
    assert figures == {(f["span"]["start"], f["text"]) for f in answer["figures"]}

    links = browser.run(LINKS_SCRIPT)
    arguments = sum(len(e["arguments"]) for e in answer["events"])
    assert len(links) == len(answer["events"]) + arguments
    assert all(link["target"] == link["link"].split(" (")[0] for link in links), links


def test_browser_seed_summary_page_marks_the_summary_sentences(server_address, browser, tmp_path):
    common = ["--server", server_address, "--published-at", "2024-10-09", "--max-sentences", "3", str(SEED)]
    answer = json.loads(newsx("summarize", "--format", "json", "--offset-encoding", "utf-16", *common))
    page = tmp_path / "seed-summary.html"
    newsx("summarize", "--format", "html", "--output", str(page), *common)
    browser.open(page)

    marked = browser.run(MARKS_SCRIPT, "span.summary")
    assert [(m["start"], m["text"]) for m in marked] == sorted(
        (s["span"]["start"], s["text"]) for s in answer["sentences"]
    )
    assert len(marked) == 3 and marked[0]["text"].startswith("Russian President Vladimir Putin is scheduled to meet")
    assert len(browser.run(MARKS_SCRIPT, "mark.ent")) > 40  # the extraction is marked on this page too

    SCREENSHOT.parent.mkdir(exist_ok=True)
    image = browser.screenshot()
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 50_000
    SCREENSHOT.write_bytes(image)
