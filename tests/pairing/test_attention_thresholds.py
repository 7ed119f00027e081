"""Attention thresholds: the district sets defaults, a school without its own follows them, the principal's own
value wins, each side changes only its own, and the settings page says where each value comes from."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from children.models import Child
from pairing.attention import Source, Thresholds, load_attention, threshold_sources, thresholds_for
from pairing.models import AttentionSettings, DistrictAttentionDefaults
from tests.pairing.factories import TalkFactory
from tests.pairing.test_attention_list import looked_after  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SETTINGS = {"report_day": "22", "figures": ["2", "9"], "items_required": "2"}


def _reasons(world):
    entry = load_attention(Child.objects.filter(pk=world.child_1.pk), world.principal).for_child(world.child_1.pk)
    return [r.key for r in entry.reasons] if entry else []


def test_a_school_with_no_settings_follows_the_districts_defaults(world, looked_after):  # noqa: F811
    TalkFactory(child=world.child_1, date=timezone.localdate() - datetime.timedelta(days=20))
    assert _reasons(world) == []
    DistrictAttentionDefaults.objects.create(district=world.district, no_talk_days=14)
    assert not AttentionSettings.objects.filter(school=world.school).exists()
    assert _reasons(world) == ["no_talk"]
    assert thresholds_for([world.school.pk])[world.school.pk] == Thresholds(no_talk_days=14)


def test_the_principals_own_threshold_wins_over_the_districts_default(world, looked_after):  # noqa: F811
    TalkFactory(child=world.child_1, date=timezone.localdate() - datetime.timedelta(days=20))
    DistrictAttentionDefaults.objects.create(district=world.district, no_talk_days=14, rank_drop=8)
    AttentionSettings.objects.create(school=world.school, no_talk_days=45)
    assert _reasons(world) == []
    # The school set only the talk threshold: the rest still follows the district, then the built-in default.
    assert thresholds_for([world.school.pk])[world.school.pk] == Thresholds(no_talk_days=45, rank_drop=8)
    sources = {name: (value, source) for name, value, source in threshold_sources(world.school)}
    assert sources["no_talk_days"] == (45, Source.SCHOOL)
    assert sources["rank_drop"] == (8, Source.DISTRICT)
    assert sources["guardian_age"] == (70, Source.BUILT_IN)


def test_thresholds_of_many_schools_take_one_query(world, django_assert_num_queries):
    DistrictAttentionDefaults.objects.create(district=world.district, no_talk_days=14)
    AttentionSettings.objects.create(school=world.other_school, no_talk_days=21)
    with django_assert_num_queries(1):
        found = thresholds_for([world.school.pk, world.other_school.pk])
    assert (found[world.school.pk].no_talk_days, found[world.other_school.pk].no_talk_days) == (14, 21)


def test_the_schools_settings_page_says_where_each_value_comes_from(client, world):
    DistrictAttentionDefaults.objects.create(district=world.district, no_contact_days=90)
    AttentionSettings.objects.create(school=world.school, no_talk_days=21)
    client.force_login(world.principal)
    body = client.get(reverse("pairing:attention_settings")).content.decode()
    # The page speaks the default language, Chinese: "In force: 21, set by the school." and so on.
    assert "现行标准：21，本校设定。" in body
    assert "现行标准：90，县（区）默认值。" in body
    assert "现行标准：70，系统默认值。" in body


def test_the_district_officer_sets_the_district_defaults_with_history(client, world):
    client.force_login(world.district_officer)
    page = client.get(reverse("reports:district_settings")).content.decode()
    assert 'data-testid="attention-defaults"' in page
    response = client.post(reverse("reports:district_settings"), {**SETTINGS, "attention-no_talk_days": "20"})
    assert response.status_code == 302
    defaults = DistrictAttentionDefaults.objects.get(district=world.district)
    assert (defaults.no_talk_days, defaults.rank_drop, defaults.updated_by) == (20, None, world.district_officer)
    client.post(reverse("reports:district_settings"), {**SETTINGS, "attention-no_talk_days": "25"})
    assert [h.no_talk_days for h in defaults.history.order_by("history_date")] == [20, 25]
    refused = client.post(reverse("reports:district_settings"), {**SETTINGS, "attention-no_talk_days": "3"})
    assert refused.status_code == 200
    assert DistrictAttentionDefaults.objects.get(district=world.district).no_talk_days == 25


def test_a_district_officer_cannot_change_a_schools_settings(client, world):
    client.force_login(world.district_officer)
    response = client.post(reverse("pairing:attention_settings"), {"no_talk_days": "10"})
    assert response.status_code == 403
    assert not AttentionSettings.objects.exists()


def test_a_principal_cannot_change_the_districts_defaults(client, world):
    client.force_login(world.principal)
    response = client.post(reverse("reports:district_settings"), {**SETTINGS, "attention-no_talk_days": "10"})
    assert response.status_code == 403
    assert not DistrictAttentionDefaults.objects.exists()
