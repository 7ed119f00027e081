"""Evidence is checked by its content, stored without metadata, and served only to those who may see it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from activities.models import Evidence
from tests.activities.factories import ActivityFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(world):
    return ActivityFactory(school=world.school, semester=world.semester)


def _upload(client, activity, name, content, content_type="image/jpeg"):
    return client.post(
        reverse("activities:evidence_upload", args=[activity.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type), "caption": "活动照片"},
    )


def test_a_text_file_renamed_jpg_is_refused_with_a_clear_message(client, world, activity):
    client.force_login(world.archive_keeper)

    response = _upload(client, activity, "照片.jpg", "这不是照片，是一段文字。".encode())

    assert response.status_code == 400
    assert "“照片.jpg”不是照片（JPEG、PNG 或 WebP）也不是 PDF 文档" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_gif_is_refused_although_it_is_an_image(client, world, activity):
    client.force_login(world.archive_keeper)

    response = _upload(client, activity, "动图.jpg", image_bytes("GIF"))

    assert response.status_code == 400
    assert not Evidence.objects.exists()


def test_a_file_over_5_mb_is_refused(client, world, activity):
    client.force_login(world.archive_keeper)

    response = _upload(client, activity, "大.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "application/pdf")

    assert response.status_code == 400
    assert "最大 5 MB" in response.content.decode()


def test_a_photo_is_stored_with_a_thumbnail_and_without_its_metadata(client, world, activity):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera maker, standing in for the GPS block phones add
    from io import BytesIO

    out = BytesIO()
    Image.new("RGB", (1200, 900), (10, 120, 40)).save(out, "JPEG", exif=exif)
    client.force_login(world.archive_keeper)

    response = _upload(client, activity, "IMG_0001.JPG", out.getvalue())

    assert response.status_code == 302
    item = Evidence.objects.get()
    assert (item.kind, item.content_type, item.original_name) == ("image", "image/jpeg", "IMG_0001.JPG")
    with item.file.open("rb") as f, Image.open(f) as stored:
        assert not stored.getexif()
    with item.thumbnail.open("rb") as f, Image.open(f) as thumb:
        assert max(thumb.size) == 320


def test_a_pdf_is_accepted_by_its_header(client, world, activity):
    client.force_login(world.principal)

    response = _upload(client, activity, "签到表.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")

    assert response.status_code == 302
    assert Evidence.objects.get().kind == "pdf"


def test_files_are_served_through_the_checked_view_only(client, world, activity):
    client.force_login(world.archive_keeper)
    _upload(client, activity, "a.png", image_bytes("PNG"), "image/png")
    item = Evidence.objects.get()

    client.force_login(world.head_teacher)
    response = client.get(reverse("activities:evidence_file", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, max-age=3600"

    client.force_login(world.other_principal)
    assert client.get(reverse("activities:evidence_thumbnail", args=[item.pk])).status_code == 404
    client.force_login(world.carer_user)
    assert client.get(reverse("activities:evidence_thumbnail", args=[item.pk])).status_code == 403


def test_the_stored_file_name_cannot_be_guessed(client, world, activity):
    client.force_login(world.archive_keeper)
    _upload(client, activity, "张思琪生日.jpg", image_bytes())

    stored = Evidence.objects.get().file.name

    assert "张思琪" not in stored
    assert stored.startswith(f"activities/evidence/{activity.pk}/")
