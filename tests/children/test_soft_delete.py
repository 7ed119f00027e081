"""Deleting an archive hides it; a principal sees it among deleted archives and restores it."""

from django.urls import reverse

from children.models import Child


def test_head_teacher_deletes_and_principal_restores(client, world):
    child = world.child_1
    client.force_login(world.head_teacher)
    response = client.post(reverse("children:delete", kwargs={"pk": child.pk}))
    assert response.status_code == 302

    child.refresh_from_db()
    assert child.deleted_at is not None and child.deleted_by == world.head_teacher
    assert not Child.objects.filter(pk=child.pk).exists()
    assert Child.all_objects.filter(pk=child.pk).exists()  # nothing erased
    assert client.get(reverse("children:detail", kwargs={"pk": child.pk})).status_code == 404

    client.force_login(world.principal)
    deleted = client.get(reverse("children:deleted"))
    assert list(deleted.context["children"]) == [child]
    response = client.post(reverse("children:restore", kwargs={"pk": child.pk}))
    assert response.status_code == 302

    child.refresh_from_db()
    assert child.deleted_at is None
    assert client.get(reverse("children:detail", kwargs={"pk": child.pk})).status_code == 200
    assert [c.kind for c in client.get(reverse("children:history", kwargs={"pk": child.pk})).context["changes"]][
        :2
    ] == [
        "~",
        "~",
    ]


def test_other_principal_cannot_restore(client, world):
    world.child_1.deleted_at = world.child_1.created_at
    world.child_1.save()
    client.force_login(world.other_principal)
    assert client.post(reverse("children:restore", kwargs={"pk": world.child_1.pk})).status_code == 404
    assert list(client.get(reverse("children:deleted")).context["children"]) == []


def test_restore_is_post_only(client, world):
    client.force_login(world.principal)
    assert client.get(reverse("children:restore", kwargs={"pk": world.child_1.pk})).status_code == 405


def test_an_archive_whose_id_number_was_reused_is_not_restored_twice(client, world):
    from children.services import child_soft_delete
    from tests.factories import ChildFactory, make_id_number

    number = make_id_number(world.child_1.birth_date, male=False)
    Child.objects.filter(pk=world.child_1.pk).update(id_number=number)
    world.child_1.refresh_from_db()
    child_soft_delete(child=world.child_1, user=world.principal)
    ChildFactory(school_class=world.class_1, id_number=number)  # the archive was made again
    client.force_login(world.principal)
    response = client.post(reverse("children:restore", kwargs={"pk": world.child_1.pk}), follow=True)
    assert Child.all_objects.get(pk=world.child_1.pk).deleted_at is not None
    assert "不能重复恢复" in response.content.decode()
