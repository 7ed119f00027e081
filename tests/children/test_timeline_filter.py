"""The child page shows a visible filter over the timeline: "All" plus one pill per registered kind."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from children import extensions
from children.extensions import TimelineEntry


def _provider(kind, label, day):
    def provider(ids, user):
        from datetime import date

        return [TimelineEntry(child_id=i, date=date(2026, 3, day), kind=kind, kind_label=label, title=f"{kind} {i}")
                for i in ids]  # fmt: skip

    return provider


@pytest.fixture
def two_kinds(monkeypatch):
    monkeypatch.setattr(extensions, "_TIMELINE", {})
    monkeypatch.setattr(extensions, "_TIMELINE_LABELS", {})
    extensions.register_timeline("note_a", _provider("note_a", "甲记录", 1), label=_("Status"))
    extensions.register_timeline("note_b", _provider("note_b", "乙记录", 2))  # no label: falls back to kind_label


def test_child_page_shows_a_filter_link_per_registered_kind(client, world, two_kinds):
    client.force_login(world.head_teacher)
    response = client.get(reverse("children:detail", kwargs={"pk": world.child_1.pk}))
    html = response.content.decode()
    assert 'href="?#timeline"' in html and "全部" in html
    assert 'href="?kind=note_a#timeline"' in html
    assert 'href="?kind=note_b#timeline"' in html
    assert response.context["timeline_filters"] == [("note_a", "状态"), ("note_b", "乙记录")]
    assert {e.kind for e in response.context["timeline"]} == {"note_a", "note_b"}


def test_following_a_filter_link_shows_only_that_kind_and_highlights_it(client, world, two_kinds):
    client.force_login(world.head_teacher)
    response = client.get(reverse("children:detail", kwargs={"pk": world.child_1.pk}), {"kind": "note_b"})
    assert [e.kind for e in response.context["timeline"]] == ["note_b"]
    html = response.content.decode()
    assert 'btn-primary" href="?kind=note_b#timeline"' in html
    assert 'btn-outline-secondary" href="?#timeline"' in html


def test_an_unknown_kind_shows_everything(client, world, two_kinds):
    client.force_login(world.head_teacher)
    response = client.get(reverse("children:detail", kwargs={"pk": world.child_1.pk}), {"kind": "nope"})
    assert response.context["kind"] is None
    assert len(response.context["timeline"]) == 2


def test_a_kind_without_label_or_entries_falls_back_to_the_kind(two_kinds):
    extensions.register_timeline("home_visit", lambda ids, user: [])
    assert ("home_visit", "Home visit") in extensions.timeline_filters([])
