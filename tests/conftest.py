"""Personas shared by every test: two schools of one district, two classes with their head teachers,
a principal, an archive keeper, a carer with a login, a district officer, and one child per class."""

import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from organisation.roles import Role
from tests import factories

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"


# --- The clock. `SHOUWANG_TEST_CLOCK` moves the whole run to another moment, so that no test can depend on
# the day it runs: "+365d" (a year from now), "23:30" (today at that time in Asia/Shanghai), or both,
# "+365d@07:30" (a year from now, at 07:30 in Asia/Shanghai: the machine's UTC date is still the day before).
# .ci/run uses them; unset, tests run at the real time. The clock keeps ticking from there.

_CLOCK_ZONE = ZoneInfo("Asia/Shanghai")
_travel = None


def _clock_target(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    match = re.fullmatch(r"(?:\+(\d+)d)?@?(?:(\d{1,2}):(\d{2}))?", value)
    if not match:
        return datetime.fromisoformat(value).astimezone(_CLOCK_ZONE)
    days, hour, minute = match.groups()
    target = datetime.now(_CLOCK_ZONE) + timedelta(days=int(days or 0))
    if hour is not None:
        target = target.replace(hour=int(hour), minute=int(minute), second=0, microsecond=0)
    return target


def pytest_configure(config):
    global _travel
    target = _clock_target(os.environ.get("SHOUWANG_TEST_CLOCK", ""))
    if target is not None:
        _travel = time_machine.travel(target, tick=True)
        _travel.start()


def pytest_collection_modifyitems(config, items):
    # Under pytest-xdist (`--dist loadgroup`), every browser test goes to one worker: one Chromium and one live
    # server at a time on a 2-core machine, while the other worker takes the rest.
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


def pytest_unconfigure(config):
    if _travel is not None:
        _travel.stop()


def pytest_report_header(config):
    if _travel is not None:
        return f"clock moved to {datetime.now(_CLOCK_ZONE):%Y-%m-%d %H:%M %Z} (SHOUWANG_TEST_CLOCK)"
    return None


@dataclass
class World:
    district: object
    school: object
    other_school: object
    class_1: object
    class_2: object
    other_class: object
    semester: object
    principal: object
    archive_keeper: object
    head_teacher: object
    other_head_teacher: object
    carer_user: object
    carer: object
    district_officer: object
    other_principal: object
    child_1: object
    child_2: object
    other_child: object

    def persona(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user; tests build many users and are not about hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Background tasks (the import checks) run inside the request that queues them: no thread, no worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _default_language():
    # Every test starts in the default language (Simplified Chinese), whatever an earlier test on the same
    # worker left active: a request as an English user leaves English active in the thread after it.
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files (photos of children) never land in the project's media/ folder during tests.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db) -> World:
    f = factories
    district = f.DistrictFactory(name="青山县", code="522799")
    school = f.SchoolFactory(district=district, name="石桥小学")
    other_school = f.SchoolFactory(district=district, name="龙潭学校")
    head_teacher = f.UserFactory(school=school, role=Role.HEAD_TEACHER, username="head1", full_name="王丽")
    other_head_teacher = f.UserFactory(school=school, role=Role.HEAD_TEACHER, username="head2", full_name="李志明")
    class_1 = f.SchoolClassFactory(school=school, grade=3, number=1, head_teachers=[head_teacher])
    class_2 = f.SchoolClassFactory(school=school, grade=3, number=2, head_teachers=[other_head_teacher])
    other_class = f.SchoolClassFactory(school=other_school, grade=3, number=1)
    carer_user = f.UserFactory(school=school, role=Role.CARER, username="carer1", full_name="张秀英")
    carer = f.CarerFactory(school=school, name="张秀英", user=carer_user)
    child_1 = f.ChildFactory(school_class=class_1, name="张思琪")
    f.PairingFactory(child=child_1, carer=carer)
    return World(
        district=district,
        school=school,
        other_school=other_school,
        class_1=class_1,
        class_2=class_2,
        other_class=other_class,
        semester=f.SemesterFactory(school=school),
        principal=f.UserFactory(school=school, role=Role.PRINCIPAL, username="principal1", full_name="杨国强"),
        archive_keeper=f.UserFactory(school=school, role=Role.ARCHIVE_KEEPER, username="keeper1"),
        head_teacher=head_teacher,
        other_head_teacher=other_head_teacher,
        carer_user=carer_user,
        carer=carer,
        district_officer=f.UserFactory(school=None, district=district, role=Role.DISTRICT_OFFICER, username="officer1"),
        other_principal=f.UserFactory(school=other_school, role=Role.PRINCIPAL, username="principal2"),
        child_1=child_1,
        child_2=f.ChildFactory(school_class=class_2, name="李浩然"),
        other_child=f.ChildFactory(school_class=other_class, name="王欣怡"),
    )


# --- Browser tests: Debian's Chromium through Playwright, never a downloaded browser. ---


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


class _ServerAtWork:
    """Counts the requests the live server is still answering. A browser can leave one behind when a test ends
    (the first post of a double click, a service worker's upload): answered while the database is being emptied
    for the next test, it holds locks that make the flush fail on PostgreSQL, or it meets a closed database."""

    def __init__(self):
        self._busy = 0
        self._idle = threading.Condition()

    def started(self, **kwargs):
        with self._idle:
            self._busy += 1

    def finished(self, **kwargs):
        with self._idle:
            self._busy = max(0, self._busy - 1)
            self._idle.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout=timeout)


_server_at_work = _ServerAtWork()


@pytest.fixture
def page(page, live_server):
    """Playwright's page; when the test ends, its browser context closes (no new request) and the test waits for
    the live server to finish what it was answering, before the database is emptied for the next test."""
    from django.core.signals import request_finished, request_started

    request_started.connect(_server_at_work.started, weak=False, dispatch_uid="tests-server-at-work-started")
    request_finished.connect(_server_at_work.finished, weak=False, dispatch_uid="tests-server-at-work-finished")
    yield page
    page.context.close()
    assert _server_at_work.wait_until_idle(timeout=30), "the live server was still answering 30 s after the test"


@pytest.fixture
def screenshot_dir() -> Path:
    """Screenshots land in artifacts/screenshots (git-ignored) for a person to look at."""
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def log_in(page, live_server):
    """`log_in("head1")`: sign in through the Chinese login page, as a person would."""
    from tests.factories import PASSWORD

    def sign_in(username: str, *, next_path: str = "") -> None:
        page.goto(f"{live_server.url}/accounts/login/{'?next=' + next_path if next_path else ''}")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()

    return sign_in
