"""Page weight on a cheap phone over a weak network: KB on the wire, requests and LCP, first and repeat visit,
each beside its floor (the same page's HTML without CSS, JS and fonts, from a bare static server).

Run against a running server with the demo data (see bench/README.md for the production-like set-up):

    .venv/bin/python bench/page_weight.py --url http://localhost:8000 --rounds 3
    .venv/bin/python bench/page_weight.py --url http://localhost:8001 --compare http://localhost:8000 --rounds 5

(--compare: a second server, say the code before a change, on the same database; each page is opened on both
in the same round, in turns, beside one floor, so that the machine's load falls on both alike.)

Chromium (Debian's /usr/bin/chromium, never a downloaded one) on a 360x740 screen, with the network held to
150 ms latency and 1.6 Mbit/s down (0.75 Mbit/s up) and the CPU slowed 4x through the DevTools protocol.
A head teacher's pages, then the principal's dashboard and the district officer's roll-up (a head teacher
has neither). "first" is a visit with an empty browser cache (signed in already, except the login page);
"repeat" is the same page opened again, the cache warm. Service workers are blocked (the offline worker is
measured by bench/offline.py). KB are the bytes the network carried (headers and
compressed bodies), as DevTools counts them; "doc KB" the page's HTML document alone.

The floor: the page's HTML as the server sent it, without its stylesheets, scripts and icons (the <svg> of
the sprite), served gzip-compressed with the same no-store cache header and the page's
Cross-Origin-Opener-Policy by a bare http.server in this process, through the same throttled browser; a
<base> points its links and images at the real server.
Each round opens every page as first and repeat visit, then its floor the same way (interleaved, so the
machine's load falls on both); the table gives medians over the rounds. On the chart pages "charts" is the
time from the document's first byte to the first frame in which every chart has drawn its shapes.
"""

import argparse
import gzip
import json
import re
import statistics
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}
LCP_SCRIPT = """() => new Promise((resolve) => {
  let last = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  setTimeout(() => resolve(last), 300);
})"""
# Records when every chart (dashboard.js marks each drawn [data-chart] with data-rendered) first holds shapes.
CHARTS_SCRIPT = """
window.__chartsDrawn = null;
document.addEventListener("DOMContentLoaded", () => {
  const step = () => {
    const charts = [...document.querySelectorAll("[data-chart][data-rendered]")];
    if (charts.length && charts.every((c) => c.querySelector("svg path"))) {
      window.__chartsDrawn = performance.now();
    } else if (performance.now() < 60000) {
      requestAnimationFrame(step);
    }
  };
  requestAnimationFrame(step);
});
"""
CHARTS_RESULT = """() => window.__chartsDrawn === null ? null
  : window.__chartsDrawn - performance.getEntriesByType("navigation")[0].responseStart"""
# What the floor leaves out: stylesheets and other linked files, scripts, the icons' <svg> (the sprite).
FLOOR_STRIP = (
    re.compile(r"<link\b[^>]*>", re.I),
    re.compile(r"<script\b[^>]*>.*?</script>", re.I | re.S),
    re.compile(r"<svg\b[^>]*>.*?</svg>", re.I | re.S),
)


class Meter:
    """Counts what one page load carries, from the DevTools protocol's network events."""

    def __init__(self, cdp):
        self.cdp = cdp
        self.reset()
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.loadingFinished", self._finished)

    def _received(self, event):
        if event.get("type") == "Document":
            self.documents.add(event["requestId"])

    def _finished(self, event):
        # A file the browser takes from its cache carries nothing and is not counted as a request.
        if event["encodedDataLength"] > 0:
            self.bytes += event["encodedDataLength"]
            self.requests += 1
            if event["requestId"] in self.documents:
                self.document_bytes += event["encodedDataLength"]

    def reset(self):
        self.bytes = 0
        self.requests = 0
        self.document_bytes = 0
        self.documents = set()


def throttled_page(browser):
    # Service workers blocked: the offline worker (assets/offline/sw.js) would precache the shell and fetch every
    # kept page in the background after sign-in (loading the server while pages are timed), serve the static
    # files on a "first" visit from its own cache, and fetch documents out of sight of the page's DevTools session.
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="zh-CN", is_mobile=True, service_workers="block"
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(CHARTS_SCRIPT)
    return page, cdp, Meter(cdp)


def measure(page, meter, url: str) -> dict:
    page.goto("about:blank")
    meter.reset()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    lcp = page.evaluate(LCP_SCRIPT)
    charts = page.evaluate(CHARTS_RESULT)
    ttfb = page.evaluate('() => performance.getEntriesByType("navigation")[0].responseStart')
    return {
        "kb": meter.bytes / 1024,
        "doc_kb": meter.document_bytes / 1024,
        "requests": meter.requests,
        "lcp": lcp,
        "charts": charts,
        "ttfb": ttfb,
    }


class Floor:
    """A bare static server for the floors: each page's stripped HTML, gzip-compressed, never cached."""

    def __init__(self):
        self.pages: dict[str, bytes] = {}
        self.headers: dict[str, dict[str, str]] = {}
        floor = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = floor.pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private")
                for header, value in floor.headers.get(self.path, {}).items():
                    self.send_header(header, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, name: str, html: str, base: str, headers: dict[str, str] | None = None) -> str:
        for pattern in FLOOR_STRIP:
            html = pattern.sub("", html)
        html = re.sub(r"<head>", f'<head><base href="{base}/">', html, count=1)
        path = "/" + re.sub(r"\W+", "-", name) + ".html"
        self.pages[path] = gzip.compress(html.encode("utf-8"))
        self.headers[path] = headers or {}
        return f"http://127.0.0.1:{self.server.server_port}{path}"


def sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    if "/accounts/login/" in page.url:
        sys.exit(f"could not sign in as {username}")


def visits(page, cdp, meter, url: str) -> dict:
    cdp.send("Network.clearBrowserCache")
    first = measure(page, meter, url)
    repeat = measure(page, meter, url)
    return {"first": first, "repeat": repeat}


def compared(page, cdp, meter, floor: Floor, name: str, path: str, bases: list[str], turn: int) -> dict[str, dict]:
    """The page's first and repeat visits on each server (the order turned round every other round), then its
    floor's (the first server's HTML, fetched as the signed-in user), keyed by server."""
    response = page.context.request.get(bases[0] + path)
    html = response.text()
    # The page's Cross-Origin-Opener-Policy goes with its floor: without it the floor's repeat visit (after
    # about:blank) keeps its renderer process while the page's is swapped for a new one, ~230 ms on a repeat.
    same_headers = {h: v for h, v in response.headers.items() if h == "cross-origin-opener-policy"}
    found = {base: visits(page, cdp, meter, base + path) for base in (bases[::-1] if turn % 2 else bases)}
    floor_visits = visits(page, cdp, meter, floor.add(name, html, bases[0], same_headers))
    return {
        base: {**page_visits, "floor first": floor_visits["first"], "floor repeat": floor_visits["repeat"]}
        for base, page_visits in found.items()
    }


def median(runs: list[dict], visit: str, key: str):
    values = [run[visit][key] for run in runs if run[visit][key] is not None]
    return statistics.median(values) if values else None


def after_first_byte(visit: dict, floor: dict) -> float:
    """LCP counted from the document's first byte, page over floor: what the page's own files and markup
    cost, without the time the server spent writing the page (the floor's file is already written)."""
    return (visit["lcp"] - visit["ttfb"]) / (floor["lcp"] - floor["ttfb"])


def ratio(part: float, whole: float) -> str:
    return f"{part / whole:.2f}×" if whole else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8000")
    parser.add_argument("--teacher", default="teacher1")
    parser.add_argument("--principal", default="principal")
    parser.add_argument("--district", default="district")
    parser.add_argument("--password", default="shouwang2026")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="measure only these pages (names as in the table)")
    parser.add_argument("--json", help="also write every round's numbers to this file")
    parser.add_argument(
        "--compare",
        help="a second server on the same database (another port of localhost, where the session cookie holds "
        "too): each page is opened on both, in turns, then its floor; a table each",
    )
    args = parser.parse_args()
    base = args.url.rstrip("/")
    bases = [base] + ([args.compare.rstrip("/")] if args.compare else [])
    floor = Floor()
    runs: dict[str, dict[str, list[dict]]] = {b: {} for b in bases}

    def add(name: str, path: str) -> None:
        for server, result in compared(page, cdp, meter, floor, name, path, bases, _round).items():
            runs[server].setdefault(name, []).append(result)

    def wanted(name: str) -> bool:
        return not args.only or name in args.only

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _round in range(args.rounds):
            page, cdp, meter = throttled_page(browser)
            if wanted("login"):
                add("login", "/accounts/login/")
            sign_in(page, base, args.teacher, args.password)
            page.goto(f"{base}/children/")
            child = re.search(r'href="/children/(\d+)/"', page.content())
            if not child:
                sys.exit(f"{args.teacher} sees no child: load the demo data (manage.py seed_demo)")
            pk = child.group(1)
            for name, path in (
                ("my week", "/care/my-week/"),
                ("talk form", f"/care/children/{pk}/talks/new/"),
                ("visit form", f"/care/children/{pk}/visits/new/"),
                ("contact form", f"/guardians/children/{pk}/contacts/new/"),
                ("child page", f"/children/{pk}/"),
                ("child list", "/children/"),
            ):
                if wanted(name):
                    add(name, path)
            page.context.close()

            for name, who, path in (
                ("dashboard (principal)", args.principal, "/reports/dashboard/"),
                ("district roll-up (district)", args.district, "/reports/district/rollup/"),
            ):
                if wanted(name):
                    page, cdp, meter = throttled_page(browser)
                    sign_in(page, base, who, args.password)
                    add(name, path)
                    page.context.close()
        browser.close()
    floor.server.shutdown()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(runs, out, ensure_ascii=False, indent=1)

    for server, server_runs in runs.items():
        if len(bases) > 1:
            print(f"\n{server}\n")
        print(
            "| page | first KB | req. | LCP ms | floor LCP | ratio | first byte (floor) | ratio after it | charts ms "
            "| repeat KB | doc KB | repeat / doc | req. | LCP ms | floor LCP | ratio | first byte (floor) "
            "| ratio after it |"
        )
        print("| --- |" + " ---: |" * 17)
        for name, page_runs in server_runs.items():
            first, repeat, floor_first, floor_repeat = (
                {key: median(page_runs, visit, key) for key in ("kb", "doc_kb", "requests", "lcp", "charts", "ttfb")}
                for visit in ("first", "repeat", "floor first", "floor repeat")
            )
            charts = f"{first['charts']:.0f}" if first["charts"] is not None else "–"
            print(
                f"| {name} | {first['kb']:.0f} | {first['requests']:.0f} | {first['lcp']:.0f} "
                f"| {floor_first['lcp']:.0f} "
                f"| {first['lcp'] / floor_first['lcp']:.2f}× | {first['ttfb']:.0f} ({floor_first['ttfb']:.0f}) "
                f"| {after_first_byte(first, floor_first):.2f}× | {charts} "
                f"| {repeat['kb']:.1f} | {repeat['doc_kb']:.1f} | {ratio(repeat['kb'], repeat['doc_kb'])} "
                f"| {repeat['requests']:.0f} | {repeat['lcp']:.0f} | {floor_repeat['lcp']:.0f} "
                f"| {repeat['lcp'] / floor_repeat['lcp']:.2f}× | {repeat['ttfb']:.0f} ({floor_repeat['ttfb']:.0f}) "
                f"| {after_first_byte(repeat, floor_repeat):.2f}× |"
            )
    print(f"(medians of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
