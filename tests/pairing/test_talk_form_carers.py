"""The talk form puts the child's own carers first, and its help text names the option it speaks of."""

from django.urls import reverse

from pairing.models import Talk
from tests import factories


def _form_html(client, world, child):
    client.force_login(world.head_teacher)
    return client.get(reverse("pairing:talk_create", args=[child.pk])).content.decode()


def test_the_childs_own_carers_come_first_in_their_own_group(client, world):
    factories.CarerFactory(school=world.school, name="李春梅")
    html = _form_html(client, world, world.child_1)

    own, others = html.index('<optgroup label="该儿童的帮扶人">'), html.index('<optgroup label="其他帮扶人">')
    assert own < html.index("张秀英") < others < html.index("李春梅")
    assert html.index("本人（非帮扶人）") < own


def test_a_child_without_a_carer_sees_the_plain_list(client, world):
    html = _form_html(client, world, factories.ChildFactory(school_class=world.class_1))
    assert "<optgroup" not in html
    assert "张秀英" in html


def test_the_help_text_names_the_myself_option(client, world):
    html = _form_html(client, world, world.child_1)
    assert "如果是您本人谈的，请选“本人（非帮扶人）”。" in html
    assert "请留空" not in html


def test_a_talk_can_still_name_any_carer_of_the_school(client, world):
    other = factories.CarerFactory(school=world.school, name="李春梅")
    client.force_login(world.head_teacher)
    data = {"carer": other.pk, "date": world.semester.start_date.isoformat(), "topics": ["study"], "content": "谈了。"}
    assert client.post(reverse("pairing:talk_create", args=[world.child_1.pk]), data).status_code == 302
    assert Talk.objects.get().carer == other
