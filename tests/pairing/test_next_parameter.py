"""A `next` that is not a path of this site is ignored, never read as a URL name (a 500)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["-1", "1-1", "²", "children:list"])
def test_a_next_that_is_not_a_path_is_ignored(client, world, value):
    client.force_login(world.head_teacher)

    response = client.get(reverse("pairing:talk_create", args=[world.child_1.pk]), {"next": value})

    assert response.status_code == 200
    assert response.context["back_url"] == reverse("children:detail", args=[world.child_1.pk])
