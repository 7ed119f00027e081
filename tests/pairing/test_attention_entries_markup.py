"""The attention entries are written by one tag (pairing/templatetags/care_pages.attention_entries) with the
markup the template loop they replace wrote: compared here with that loop, kept below as the reference, for
entries with every part (safety events, reasons with and without a link, reasons put aside, key-help), hostile
text in every value, both languages, with and without the child's name and a return address."""

import datetime
import re
from pathlib import Path

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template, engines
from django.test import RequestFactory
from django.utils import translation

from pairing.attention import Entry, Reason
from pairing.models import AttentionSnooze, SafetyEvent

pytestmark = pytest.mark.django_db

# The template loop as it was before the tag (templates/pairing/_attention_entries.html at c52eb53).
REFERENCE = (Path(__file__).parent / "reference" / "attention_entries_loop.html").read_text(encoding="utf-8")

HOSTILE = "<b>\"x\" & 'y'</b>"


def _entries(world):
    child_1, child_2 = world.child_1, world.child_2
    child_1.name = "王" + HOSTILE
    child_1.is_key_help = True
    day = datetime.date(2026, 11, 3)
    event = SafetyEvent(pk=41, child=child_1, date=day, kind=SafetyEvent.Kind.choices[0][0])
    snooze = AttentionSnooze(child=child_1, reason="no_talk", until=day, note="等" + HOSTILE)
    return [
        Entry(
            child_1,
            "act_now",
            [
                Reason("no_visit", "No visit " + HOSTILE, "/care/visit/3/new/?a=1&b=2", "Log " + HOSTILE),
                Reason("no_guardian", "没有监护人"),
            ],
            [event],
            [snooze, snooze],
        ),
        Entry(child_2, "close", [Reason("no_talk", "30 天", "/care/talk/4/new/", "记录谈心")]),
        Entry(child_2, "reminder", []),
    ]


def _normal(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="T"', html)
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("show_child", [True, False])
@pytest.mark.parametrize("next_url", ["", "/care/my-week/?tab=1&x=<y>"])
@pytest.mark.parametrize("empty", [False, True])
def test_the_tag_writes_the_markup_of_the_template_loop(world, language, show_child, next_url, empty):
    request = RequestFactory().get("/care/attention/?tier=close&q=<z>")
    get_token(request)
    entries = [] if empty else _entries(world)
    values = {"entries": entries, "show_child": show_child, "next": next_url}
    django_engine = engines["django"]
    with translation.override(language):
        ours = django_engine.get_template("pairing/_attention_entries.html").render(values, request)
        reference = django_engine.from_string(REFERENCE).render(values, request)
    assert _normal(ours) == _normal(reference)
    assert ("csrfmiddlewaretoken" in ours) is not empty
    assert HOSTILE not in ours  # every value escaped


def test_without_a_csrf_token_in_the_context_it_writes_no_token_input(world):
    values = {"entries": _entries(world), "show_child": True, "next": "", "request": RequestFactory().get("/a/?b=<c>")}
    ours = Template("{% load care_pages %}{% attention_entries entries show_child next %}").render(Context(values))
    reference = Template(REFERENCE).render(Context(values))
    assert _normal(ours) == _normal(reference)
    assert "csrfmiddlewaretoken" not in ours
