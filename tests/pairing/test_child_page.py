"""The child page shows the care panel and the talks, visits and contacts on its timeline, newest first."""

import re

from django.urls import reverse

from children.extensions import timeline_for
from pairing.services import norms_restore_defaults
from tests import factories
from tests.factories import days_from_today
from tests.pairing.factories import HomeVisitFactory, ParentContactFactory, TalkFactory


def test_the_panel_shows_carers_norm_status_and_quick_log_buttons(client, world):
    norms_restore_defaults(school=world.school)
    client.force_login(world.head_teacher)
    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()
    assert "张秀英" in html
    assert reverse("pairing:talk_create", args=[world.child_1.pk]) in html
    assert "记录谈心" in html and "已逾期" in html


def test_a_child_without_a_carer_says_so(client, world):
    client.force_login(world.other_head_teacher)
    html = client.get(reverse("children:detail", args=[world.child_2.pk])).content.decode()
    assert "该儿童尚无结对帮扶人。" in html


def test_the_timeline_lists_every_kind_newest_first_and_filters_by_kind(client, world):
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher, date=days_from_today(-20))
    HomeVisitFactory(child=world.child_1, date=days_from_today(-18))
    ParentContactFactory(child=world.child_1, date=days_from_today(-19), reached=False)
    entries = timeline_for([world.child_1], world.principal)
    assert [e.kind for e in entries] == ["home_visit", "parent_contact", "talk"]
    assert "未联系上" in entries[1].title
    client.force_login(world.principal)
    response = client.get(reverse("children:detail", args=[world.child_1.pk]), {"kind": "talk"})
    assert [e.kind for e in response.context["timeline"]] == ["talk"]


def test_each_timeline_provider_makes_two_queries_whatever_the_number_of_records(world, django_assert_num_queries):
    from guardians.child_page import contacts_timeline
    from pairing.child_page import talks_timeline, visits_timeline

    for n in (1, 8):
        child = factories.ChildFactory(school_class=world.class_1)
        TalkFactory.create_batch(n, child=child, recorded_by=world.head_teacher, carer=world.carer)
        HomeVisitFactory.create_batch(n, child=child)
        ParentContactFactory.create_batch(n, child=child)
        for provider in (talks_timeline, visits_timeline, contacts_timeline):
            # 1 the records (with carer, recorder and child) by the read rule, 2 which of them the write rule allows
            with django_assert_num_queries(2):
                assert len(provider([child.pk], world.principal)) == n


def test_the_timeline_filter_names_pairing_kinds_in_chinese_even_without_records(client, world):
    client.force_login(world.other_head_teacher)
    html = client.get(reverse("children:detail", args=[world.child_2.pk])).content.decode()
    for kind, label in [("talk", "谈心记录"), ("home_visit", "家访记录"), ("parent_contact", "家长联系记录")]:
        assert f'data-kind="{kind}">{label}</a>' in html


def test_the_panels_norm_status_uses_a_chinese_colon(client, world):
    norms_restore_defaults(school=world.school)
    client.force_login(world.head_teacher)
    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()
    assert re.search(r"）：\d+/\d+", html)
    assert not re.search(r"）: \d+/\d+", html)
