"""Checking uploaded evidence by its content (never by its name) and making thumbnails."""

from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
THUMBNAIL_SIZE = (320, 320)
# Decompression bombs: a 5 MB file may claim a gigantic canvas.
Image.MAX_IMAGE_PIXELS = 60_000_000


@dataclass(frozen=True)
class Inspected:
    kind: str  # Evidence.Kind value
    content_type: str
    image_format: str = ""


def inspect_upload(upload) -> Inspected:
    """Accept JPEG, PNG and WebP photos (opened with Pillow) and PDFs (by their header), at most 5 MB."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; a file may be at most 5 MB."),
            code="too_large",
            params={"name": upload.name, "size": f"{upload.size / 1024 / 1024:.1f}"},
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return Inspected(kind="pdf", content_type="application/pdf")
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        image_format = None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _(
                "“%(name)s” is not a photo (JPEG, PNG or WebP) or a PDF document: its content is something else. "
                "Renaming a file does not change what it is; upload the original photo or document."
            ),
            code="not_image_or_pdf",
            params={"name": upload.name},
        )
    try:  # verify() reads only the structure: a photo cut off in the upload fails when it is decoded
        with Image.open(upload) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("“%(name)s” is damaged or incomplete (perhaps the upload was cut off): upload the photo again."),
            code="damaged_image",
            params={"name": upload.name},
        ) from None
    finally:
        upload.seek(0)
    return Inspected(kind="image", content_type=IMAGE_FORMATS[image_format], image_format=image_format)


def cleaned_image(upload, image_format: str) -> ContentFile:
    """The photo upright and re-encoded without its metadata (phones store the GPS position of the child's home)."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        out = BytesIO()
        if image_format == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=88)
        else:
            image.save(out, image_format)
    return ContentFile(out.getvalue())


def thumbnail_of(upload) -> ContentFile:
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMBNAIL_SIZE)
        out = BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80)
    upload.seek(0)
    return ContentFile(out.getvalue())
