"""The district copies its index into a new school year, from the default index or from another year's, on
its index page; a year keeps one index; a school never copies one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspection import services
from inspection.models import Index, Item, Section
from tests import factories as f

pytestmark = pytest.mark.django_db


def _items(index) -> list[tuple]:
    return list(
        Item.objects.filter(section__index=index)
        .order_by("section__order", "order")
        .values_list("section__title", "title", "points", "evidence", "measure", "rule", "target", "guidance")
    )


def test_a_copy_of_last_years_index_has_its_sections_and_items_and_leaves_it_alone(world, index):
    renamed = Item.objects.filter(section__index=index).first()
    renamed.title = "协调小组职责明确"
    renamed.save()
    copy = services.index_copy(
        district=world.district, school_year=index.school_year + 1, user=world.district_officer, source=index
    )
    assert copy.name == index.name and copy.school_year == index.school_year + 1
    assert _items(copy) == _items(index) and "协调小组职责明确" in [row[1] for row in _items(copy)]
    Item.objects.filter(section__index=copy).update(points=1)
    assert {row[2] for row in _items(index)} != {1}


def test_a_year_that_has_an_index_is_refused_and_keeps_its_own(world, index):
    before = _items(index)
    with pytest.raises(ValidationError) as caught:
        services.index_copy(district=world.district, school_year=index.school_year, user=world.district_officer)
    assert caught.value.code == "exists"
    assert Index.objects.filter(district=world.district).count() == 1 and _items(index) == before


def test_another_districts_index_is_not_a_source(world, index):
    elsewhere = f.DistrictFactory(code="430000")
    with pytest.raises(ValidationError):
        services.index_copy(
            district=elsewhere, school_year=index.school_year, user=world.district_officer, source=index
        )
    assert not Index.objects.filter(district=elsewhere).exists()


def test_the_officer_copies_last_years_index_into_the_next_year_from_the_index_page(client, world, index):
    client.force_login(world.district_officer)
    page = client.get(reverse("inspection:district_index"), {"year": index.school_year}).content.decode()
    assert 'data-testid="copy-to-next-year"' in page
    response = client.post(
        f"{reverse('inspection:district_index')}?year={index.school_year}",
        {"school_year": index.school_year + 1, "source": index.pk},
        follow=True,
    )
    copy = Index.objects.get(district=world.district, school_year=index.school_year + 1)
    assert response.redirect_chain[-1][0].endswith(f"?year={copy.school_year}")
    body = response.content.decode()
    assert f"已从{index}复制{copy.school_year}–{copy.school_year + 1}学年的督导评估指标" in body
    assert _items(copy) == _items(index)
    # The copied year's page offers no second copy into it; its own next year is free.
    last_year = client.get(reverse("inspection:district_index"), {"year": index.school_year}).content.decode()
    assert 'data-testid="copy-to-next-year"' not in last_year


def test_a_year_without_an_index_offers_the_default_and_the_other_years(client, world, index):
    client.force_login(world.district_officer)
    body = client.get(reverse("inspection:district_index"), {"year": index.school_year + 2}).content.decode()
    form = body.split('data-testid="copy-index"', 1)[1].split("</form>", 1)[0]
    assert "默认指标" in form and f'value="{index.pk}"' in form
    client.post(reverse("inspection:district_index"), {"school_year": index.school_year + 2, "source": ""})
    copy = Index.objects.get(district=world.district, school_year=index.school_year + 2)
    assert _items(copy) == _items(index)  # the default, as `index` was copied from it


def test_copying_into_a_year_that_has_an_index_says_so_and_changes_nothing(client, world, index):
    client.force_login(world.district_officer)
    response = client.post(
        reverse("inspection:district_index"), {"school_year": index.school_year, "source": ""}, follow=True
    )
    assert "本区县已有本学年的督导评估指标。" in response.content.decode()
    assert Index.objects.filter(district=world.district).count() == 1


def test_another_districts_index_cannot_be_named_as_the_source(client, world, index):
    elsewhere = f.DistrictFactory(code="430000")
    foreign = services.index_copy(district=elsewhere, school_year=index.school_year - 1, user=world.district_officer)
    client.force_login(world.district_officer)
    client.post(reverse("inspection:district_index"), {"school_year": index.school_year + 1, "source": foreign.pk})
    assert not Index.objects.filter(district=world.district, school_year=index.school_year + 1).exists()


@pytest.mark.parametrize("persona", ["principal", "archive_keeper", "head_teacher"])
def test_a_school_user_cannot_copy_an_index(client, world, index, persona):
    client.force_login(getattr(world, persona))
    response = client.post(reverse("inspection:district_index"), {"school_year": index.school_year + 1, "source": ""})
    assert response.status_code == 403
    assert Index.objects.filter(district=world.district).count() == 1
    assert Section.objects.filter(index__district=world.district).count() == index.sections.count()
