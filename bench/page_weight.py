"""Page weight on a cheap phone over a weak network: KB on the wire, requests and LCP, first and repeat visit.

Run against a running server with the demo data (see bench/README.md for the production-like set-up):

    .venv/bin/python bench/page_weight.py --url http://localhost:8000

Chromium (Debian's /usr/bin/chromium, never a downloaded one) on a 360x740 screen, with the network held to
150 ms latency and 1.6 Mbit/s down (0.75 Mbit/s up) and the CPU slowed 4x through the DevTools protocol.
A head teacher's pages, then the principal's dashboard and the district officer's roll-up (a head teacher
has neither). "first" is a visit with an empty browser cache (signed in already, except the login page);
"repeat" is the same page opened again, the cache warm. KB are the bytes the network carried (headers and
compressed bodies), as DevTools counts them.
"""

import argparse
import re
import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}
LCP_SCRIPT = """() => new Promise((resolve) => {
  let last = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  setTimeout(() => resolve(last), 300);
})"""


class Meter:
    """Counts what one page load carries, from the DevTools protocol's network events."""

    def __init__(self, cdp):
        self.cdp = cdp
        self.bytes = 0
        self.requests = 0
        cdp.on("Network.loadingFinished", self._finished)

    def _finished(self, event):
        # A file the browser takes from its cache carries nothing and is not counted as a request.
        if event["encodedDataLength"] > 0:
            self.bytes += event["encodedDataLength"]
            self.requests += 1

    def reset(self):
        self.bytes = 0
        self.requests = 0


def throttled_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return page, cdp, Meter(cdp)


def measure(page, meter, url: str) -> dict:
    meter.reset()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    lcp = page.evaluate(LCP_SCRIPT)
    return {"kb": meter.bytes / 1024, "requests": meter.requests, "lcp": lcp}


def sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    if "/accounts/login/" in page.url:
        sys.exit(f"could not sign in as {username}")


def visits(page, cdp, meter, url: str) -> tuple[dict, dict]:
    cdp.send("Network.clearBrowserCache")
    first = measure(page, meter, url)
    repeat = measure(page, meter, url)
    return first, repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8000")
    parser.add_argument("--teacher", default="teacher1")
    parser.add_argument("--principal", default="principal")
    parser.add_argument("--district", default="district")
    parser.add_argument("--password", default="shouwang2026")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    rows: list[tuple[str, dict, dict]] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

        page, cdp, meter = throttled_page(browser)
        rows.append(("login", *visits(page, cdp, meter, f"{base}/accounts/login/")))
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
            rows.append((name, *visits(page, cdp, meter, base + path)))
        page.context.close()

        for name, who, path in (
            ("dashboard (principal)", args.principal, "/reports/dashboard/"),
            ("district roll-up (district)", args.district, "/reports/district/rollup/"),
        ):
            page, cdp, meter = throttled_page(browser)
            sign_in(page, base, who, args.password)
            rows.append((name, *visits(page, cdp, meter, base + path)))
            page.context.close()
        browser.close()

    print("| page | first KB | requests | LCP ms | repeat KB | requests | LCP ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, first, repeat in rows:
        print(
            f"| {name} | {first['kb']:.0f} | {first['requests']} | {first['lcp']:.0f} "
            f"| {repeat['kb']:.0f} | {repeat['requests']} | {repeat['lcp']:.0f} |"
        )


if __name__ == "__main__":
    main()
