"""What a head teacher's phone keeps for the field, and how long the outbox takes to upload what waited.

Run from the project root:  .venv/bin/python bench/offline.py [--children 50] [--items 20] [--throttle]

Builds a scratch SQLite database in a temporary folder (never touches db.sqlite3): one school, a head teacher
with `--children` children in two classes, each with two parents, a guardian, a pairing and a semester's care work
(six talks, a home visit, three parent contacts), so the child pages have a real timeline. Serves it from a live
server thread and drives Debian's Chromium (/usr/bin/chromium): sign in, open my week, wait until the service
worker has kept the pages, then add up the bytes in each of its caches (the Cache API holds bodies uncompressed).
Then, offline, it saves `--items` talks (one per child, from the kept forms), comes back online and times the sync
from the `online` event to an empty outbox. `--throttle` holds the network to page_weight.py's weak 3G
(150 ms latency, 1.6 Mbit/s down, 0.75 up) during the sync.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
WEAK_3G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}
CACHE_SIZES = """async () => {
  const sizes = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    let bytes = 0, entries = 0;
    const urls = {};
    for (const request of await cache.keys()) {
      const size = (await (await cache.match(request)).blob()).size;
      urls[new URL(request.url).pathname] = size;
      bytes += size;
      entries += 1;
    }
    sizes[name] = { bytes, entries, urls };
  }
  return sizes;
}"""


def build(children: int):
    import datetime

    from django.utils import timezone

    from guardians.models import Guardian, Parent, ParentContact
    from organisation.roles import Role
    from pairing.models import HomeVisit, Talk
    from pairing.services import norms_restore_defaults
    from tests import factories

    district = factories.DistrictFactory(name="青山县", code="522799")
    school = factories.SchoolFactory(district=district, name="石桥小学")
    factories.SemesterFactory(school=school)
    norms_restore_defaults(school=school)
    teacher = factories.UserFactory(school=school, role=Role.HEAD_TEACHER, username="head1", full_name="王丽")
    teacher.set_password("shouwang2026")
    teacher.save()
    classes = [factories.SchoolClassFactory(school=school, grade=3, number=n, head_teachers=[teacher]) for n in (1, 2)]
    carer = factories.CarerFactory(school=school, name="张秀英")
    today = timezone.localdate()
    for i in range(children):
        child = factories.ChildFactory(school_class=classes[i % 2])
        factories.PairingFactory(child=child, carer=carer)
        mother = Parent.objects.create(child=child, relation="mother", name="刘桂兰", phone="13800138000")
        Parent.objects.create(child=child, relation="father", name="张建国", phone="13900139000")
        Guardian.objects.create(child=child, relation="grandmother", name="李秀兰", phone="13700137000")
        for days in (7, 21, 35, 49, 63, 77):
            Talk.objects.create(
                child=child,
                recorded_by=teacher,
                date=today - datetime.timedelta(days=days),
                topics=["study", "emotions"],
                content="聊了最近的学习和心情，孩子说想妈妈，约好周末和妈妈视频。",
            )
        HomeVisit.objects.create(
            child=child, recorded_by=teacher, date=today - datetime.timedelta(days=30), home_situation="奶奶身体还好。"
        )
        for days in (10, 40, 70):
            ParentContact.objects.create(
                child=child,
                parent=mother,
                recorded_by=teacher,
                date=today - datetime.timedelta(days=days),
                summary="妈妈在广东打工，说春节回家。",
            )
    return teacher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--throttle", action="store_true", help="weak 3G during the sync")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Playwright's sync API runs an event loop in this thread; the ORM calls between its steps are plain ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.management import call_command
    from django.test.testcases import LiveServerThread

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    build(args.children)
    from children.models import Child

    child_ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))

    server = LiveServerThread("localhost", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    base = f"http://localhost:{server.port}"

    from playwright.sync_api import expect, sync_playwright

    from pairing.models import Talk

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{base}/accounts/login/?next=/care/my-week/")
        page.locator("input[name=username]").fill("head1")
        page.locator("input[name=password]").fill("shouwang2026")
        page.locator("form [type=submit]").first.click()
        started = time.perf_counter()
        page.locator("html[data-offline-ready]").wait_for(state="attached", timeout=300_000)
        kept_in = time.perf_counter() - started
        sizes = page.evaluate(CACHE_SIZES)
        total = sum(s["bytes"] for s in sizes.values())
        print(f"{args.children} children: the service worker keeps {total / 1024:.0f} KB (kept in {kept_in:.1f} s)")
        for name, size in sorted(sizes.items()):
            print(f"  {name}: {size['entries']} entries, {size['bytes'] / 1024:.0f} KB")
        kinds = {"child page": "/children/", "talk form": "/talks/new/", "visit form": "/visits/new/"}
        kinds["contact form"] = "/contacts/new/"
        pages = sizes.get("shouwang-pages", {}).get("urls", {})
        for kind, mark in kinds.items():
            found = [n for url, n in pages.items() if mark in url and (kind != "child page" or url.count("/") == 3)]
            if found:
                print(f"  {kind}: {len(found)} × {sum(found) / len(found) / 1024:.1f} KB on average")

        context.set_offline(True)
        for pk in child_ids[: args.items]:
            page.goto(f"{base}/care/children/{pk}/talks/new/")
            page.get_by_label("学习").check()
            page.get_by_label("谈话内容").fill("在村里家访时顺便谈心，孩子说最近数学进步了。")
            page.get_by_role("button", name="保存谈心记录").click()
            page.get_by_test_id("offline-banner").wait_for()
        page.goto(f"{base}/offline/outbox/")
        expect(page.get_by_test_id("outbox-item")).to_have_count(args.items)
        before = Talk.objects.count()

        context.set_offline(False)
        if args.throttle:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", WEAK_3G)
        started = time.perf_counter()
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.get_by_test_id("outbox-empty").wait_for(timeout=300_000)
        took = time.perf_counter() - started
        uploaded = Talk.objects.count() - before
        network = "weak 3G" if args.throttle else "unthrottled localhost"
        print(f"sync of {args.items} queued talks ({network}): {took:.2f} s, {uploaded} rows written")
        browser.close()
    server.terminate()


if __name__ == "__main__":
    main()
