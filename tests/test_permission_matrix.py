"""Every view x every role: the status the matrix in tests/matrix.py promises."""

import pytest
from django.urls import reverse

from tests.matrix import ROLES, all_rows

CASES = [pytest.param(row, role, id=f"{row.id} as {role}") for row in all_rows() for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_permission_matrix(client, world, row, role):
    user = world.persona(role)
    if user is not None:
        client.force_login(user)
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    response = client.post(url, row.data(world)) if row.method == "post" else client.get(url)
    assert response.status_code == row.expected[role], response.content[:2000]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_every_named_url_is_in_the_matrix():
    """A new view without a row in the matrix fails here, so none escapes the permission check."""
    from django.urls import get_resolver

    covered = {row.url_name for row in all_rows()}
    # The service worker and the web app manifest hold no data: a browser fetches them before anyone logs in.
    public = {"login", "logout", "set_language", "password_change_done", "service_worker", "manifest"}
    missing = []
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        if namespace == "admin":
            continue
        for name in resolver.reverse_dict:
            if isinstance(name, str):
                full = f"{namespace}:{name}"
                if full not in covered:
                    missing.append(full)
    for name in get_resolver().reverse_dict:
        if isinstance(name, str) and name not in covered and name not in public:
            missing.append(name)
    assert sorted(missing) == []
