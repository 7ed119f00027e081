"""Every change to the archive is kept with who made it and when, and the history page shows it."""

from django.urls import reverse

from children.models import Child
from tests.guardians.conftest import archive_post


def test_history_records_the_editor_of_child_and_parents(client, world):
    client.force_login(world.head_teacher)
    client.post(reverse("guardians:archive_create"), archive_post(world))
    child = Child.objects.get(name="陈雨桐")
    father = child.parents.get(relation="father")
    mother = child.parents.get(relation="mother")
    guardian = child.guardians.get()

    client.force_login(world.archive_keeper)
    data = archive_post(
        world,
        child={"child-hobbies": "画画、跳绳"},
        parents=[
            {"id": father.pk, "relation": "father", "name": "陈建军", "situation": "away", "phone": "13812345678",
             "work_province": "广东", "work_city": "深圳"},
            {"id": mother.pk, "relation": "mother", "name": "刘小芳", "situation": "away", "phone": "13912345678",
             "work_province": "浙江", "work_city": "义乌"},
        ],
        guardians=[{"id": guardian.pk, "name": "王桂兰", "relation": "grandmother", "age": "68"}],
    )  # fmt: skip
    assert client.post(reverse("guardians:archive_edit", kwargs={"pk": child.pk}), data).status_code == 302

    assert child.history.earliest().history_user == world.head_teacher
    assert child.history.latest().history_user == world.archive_keeper
    assert father.history.latest().history_user == world.archive_keeper

    client.force_login(world.principal)
    response = client.get(reverse("children:history", kwargs={"pk": child.pk}))
    changes = response.context["changes"]
    edits = [c for c in changes if c.kind == "~"]
    assert {(c.model_label, c.user) for c in edits} >= {
        ("儿童", world.archive_keeper),
        ("父母", world.archive_keeper),
    }
    hobbies = next(c for c in edits if c.model_label == "儿童")
    assert ("兴趣爱好", "画画", "画画、跳绳") in hobbies.fields
    city = next(c for c in edits if c.model_label == "父母")
    assert ("务工地（市）", "东莞", "深圳") in city.fields
    assert "陈晓梅" in response.content.decode() or world.archive_keeper.full_name in response.content.decode()
