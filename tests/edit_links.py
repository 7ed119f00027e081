"""One check for every kind of record: a page shows a record's edit link exactly when its edit view opens.

The personas are those of tests/conftest.py `world` who could meet the record (carer_user is paired with
child_1; other_head_teacher keeps class 2 of the same school).
"""

from django.urls import reverse

PERSONAS = ["principal", "archive_keeper", "head_teacher", "other_head_teacher", "carer_user"]


def link_shown_and_edit_allowed(client, user, *, page: str, edit_url: str) -> tuple[bool, bool]:
    """(is `edit_url` linked on `page`, does a GET of `edit_url` answer 200) for `user`."""
    client.force_login(user)
    response = client.get(page)
    html = response.content.decode() if response.status_code == 200 else ""
    shown = f'href="{edit_url}"' in html or f'href="{edit_url}?' in html
    return shown, client.get(edit_url).status_code == 200


def child_page(child) -> str:
    return reverse("children:detail", args=[child.pk])
