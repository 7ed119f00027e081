"""The history page reads like the archive: related names, local dates in the user's language, stacked changes."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone, translation

from children import selectors, services
from children.extensions import history_sources
from tests.children.factories import AcademicResultFactory
from tests.factories import ChildFactory, GuardianFactory


def _change_of(changes, label):
    return next(f for c in changes for f in c.fields if f[0] == label)


def test_a_class_change_shows_class_names_not_ids(world):
    child = world.child_1
    child.school_class = world.class_2
    child.save()
    with translation.override("zh-hans"):
        _label, old, new = _change_of(selectors.history_for(child), "班级")
    assert (old, new) == (str(world.class_1), str(world.class_2))
    assert "年级" in old and "班" in new


def test_deletion_time_is_local_and_in_the_users_language(world, monkeypatch):
    child = world.child_1
    utc_evening = datetime(2026, 11, 22, 23, 41, 7, 373182, tzinfo=ZoneInfo("UTC"))  # 07:41 next day in Shanghai
    monkeypatch.setattr(timezone, "now", lambda: utc_evening)
    services.child_soft_delete(child=child, user=world.principal)
    with translation.override("zh-hans"):
        changes = selectors.history_for(child)
        assert _change_of(changes, "删除时间")[2] == "2026年11月23日 07:41"
    with translation.override("en"):
        changes = selectors.history_for(child)
        _label, _old, new = _change_of(changes, "Deleted")
    assert "2026" in new and "+00:00" not in new and "23:41" not in new


def test_field_and_record_labels_are_capitalised_in_english(world):
    child = world.child_1
    child.hobbies = "跳绳"
    child.save()
    with translation.override("en"):
        changes = selectors.history_for(child)
    labels = {f[0] for c in changes for f in c.fields}
    assert "Name" in labels and "name" not in labels
    assert {c.model_label for c in changes} == {"Child"}


def test_the_page_has_no_wide_tables_and_shows_old_and_new_values(client, world):
    child = world.child_1
    child.hobbies = "画画"
    child.save()
    child.hobbies = "跳绳"
    child.save()
    client.force_login(world.principal)
    html = client.get(reverse("children:history", kwargs={"pk": child.pk})).content.decode()
    assert "<table" not in html
    assert 'data-testid="change-fields"' in html
    assert "<del" in html and "画画" in html


def _archive(world, size: int):
    child = ChildFactory(school=world.school, school_class=world.class_1)
    for i in range(size):
        GuardianFactory(child=child, name=f"监护人{i}")
        AcademicResultFactory(child=child, semester=world.semester, exam=f"月考{i}")
        child.hobbies = f"爱好{i}"
        child.school_class = world.class_2 if i % 2 else world.class_1
        child.save()
    services.child_soft_delete(child=child, user=world.principal)
    services.child_restore(child=child)
    return child


def test_history_takes_the_same_queries_for_a_short_and_a_long_history(world, django_assert_num_queries):
    small, large = _archive(world, 1), _archive(world, 6)
    # One query per model with history (child, academic result, and each registered source: parent, guardian,
    # emergency contact), one per model the shown foreign keys point to (class, semester).
    expected = 2 + len(history_sources()) + 2
    with django_assert_num_queries(expected):
        few = selectors.history_for(small)
    with django_assert_num_queries(expected):
        many = selectors.history_for(large)
    assert len(many) > len(few)


def test_history_page_takes_the_same_queries_at_two_sizes(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = _archive(world, 1), _archive(world, 6)
    client.force_login(world.principal)
    counts = []
    for child in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("children:history", kwargs={"pk": child.pk})).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
