"""A care norm asks for 1 to 31 times per period, said on the field; no constraint name ever reaches a user."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint
from django.urls import reverse
from django.utils import translation

from pairing.models import CareNorm, Pairing
from tests.pairing.factories import CareNormFactory


def _data(count):
    return {"kind": "talk", "count": count, "period": "week", "by": "any", "applies_to": "all", "is_active": "on"}


@pytest.mark.parametrize(
    ("count", "message"), [(0, "确保该值大于或等于1。"), (-1, "确保该值大于或等于1。"), (32, "确保该值小于或等于31。")]
)
def test_a_norm_count_outside_1_to_31_is_refused_on_the_field(client, world, count, message):
    norm = CareNormFactory(school=world.school, count=2)
    client.force_login(world.principal)
    response = client.post(reverse("pairing:norm_edit", args=[norm.pk]), _data(count))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_count"' in html and message in html
    assert "care_norm" not in html and "约束" not in html and "大于或等于0" not in html
    norm.refresh_from_db()
    assert norm.count == 2


def test_the_count_field_says_the_rule_and_stops_the_number_picker_at_31(client, world):
    client.force_login(world.principal)
    html = client.get(reverse("pairing:norm_create")).content.decode()
    assert 'min="1"' in html and 'max="31"' in html
    assert "每个周期的次数：1 至 31。" in html


def test_a_norm_of_31_times_a_month_is_saved(client, world):
    client.force_login(world.principal)
    assert client.post(reverse("pairing:norm_create"), {**_data(31), "period": "month"}).status_code == 302
    assert CareNorm.objects.get().count == 31


def test_every_check_constraint_of_pairing_has_its_own_translated_message():
    constraints = [
        c
        for model in apps.get_app_config("pairing").get_models()
        for c in model._meta.constraints
        if isinstance(c, CheckConstraint)
    ]
    assert len(constraints) >= 3
    with translation.override("zh-hans"):
        for c in constraints:
            message = str(c.get_violation_error_message())
            assert c.name not in message, c.name
            assert message != str(c.default_violation_error_message % {"name": c.name})
            assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_a_norm_breaking_a_constraint_in_model_validation_reads_as_a_sentence(world):
    norm = CareNorm(school=world.school, kind="talk", count=1, period="week", by="paired_carer", carer_kind="")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        norm.validate_constraints()
    assert "care_norm" not in str(error.value)
    assert "请为“由结对帮扶人完成”的制度指明帮扶人类型" in str(error.value)


def test_a_pairing_ending_before_it_starts_reads_as_a_sentence(world):
    import datetime

    pairing = Pairing(child=world.child_1, carer=world.carer, kind=world.carer.kind,
                      start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 8, 1))  # fmt: skip
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        pairing.validate_constraints()
    assert "pairing_ends_after_start" not in str(error.value)
    assert "结对的结束日期必须晚于开始日期。" in str(error.value)
