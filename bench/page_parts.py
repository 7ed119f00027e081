"""What a page's own files cost its LCP, without the server's time: the page's HTML served as a static file,
as it is and with parts taken out, beside its floor, through page_weight.py's throttled phone.

    .venv/bin/python bench/page_parts.py --url http://localhost:8000 /care/my-week/ /children/

Signs in as the head teacher, fetches each page's HTML once, then serves it from a bare static server (gzipped,
never cached, a <base> pointing its links at the real server, whose static files keep their cache headers):
"as is", "no stylesheets", "no scripts" and the floor (page_weight.py's: no stylesheets, scripts or icons).
Each round opens every variant as a first visit (empty cache) and a repeat; LCP is counted from the document's
first byte, medians over the rounds. A variant that is as quick as the floor leaves only the server's time.
"""

import argparse
import gzip
import re
import statistics

from page_weight import CHROMIUM, FLOOR_STRIP, Floor, sign_in, throttled_page, visits
from playwright.sync_api import sync_playwright

STYLESHEETS = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", re.I)
VARIANTS = {
    "as is": (),
    "no stylesheets": (STYLESHEETS,),
    "no scripts": (FLOOR_STRIP[1],),
    "floor": FLOOR_STRIP,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["/care/my-week/"])
    parser.add_argument("--url", default="http://localhost:8000")
    parser.add_argument("--teacher", default="teacher1")
    parser.add_argument("--password", default="shouwang2026")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    base = args.url.rstrip("/")
    floor = Floor()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page, cdp, meter = throttled_page(browser)
        sign_in(page, base, args.teacher, args.password)
        print("| page | variant | first LCP after first byte, ms | repeat |")
        print("| --- | --- | ---: | ---: |")
        for path in args.paths:
            html = page.context.request.get(base + path).text()
            urls = {}
            for name, patterns in VARIANTS.items():
                variant = html
                for pattern in patterns:
                    variant = pattern.sub("", variant)
                variant = re.sub(r"<head>", f'<head><base href="{base}/">', variant, count=1)
                key = "/" + re.sub(r"\W+", "-", f"{path} {name}") + ".html"
                floor.pages[key] = gzip.compress(variant.encode("utf-8"))
                urls[name] = f"http://127.0.0.1:{floor.server.server_port}{key}"
            found: dict[str, dict[str, list[float]]] = {name: {"first": [], "repeat": []} for name in VARIANTS}
            for _round in range(args.rounds):
                for name, url in urls.items():
                    for visit, result in visits(page, cdp, meter, url).items():
                        found[name][visit].append(result["lcp"] - result["ttfb"])
            for name, times in found.items():
                print(
                    f"| {path} | {name} | {statistics.median(times['first']):.0f} "
                    f"| {statistics.median(times['repeat']):.0f} |"
                )
        browser.close()
    floor.server.shutdown()
    print(f"(medians of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
