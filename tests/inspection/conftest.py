"""An index of the current school year copied from the default, and helpers to fill a school's draft."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from inspection import services
from inspection.models import EvidenceKind, Item
from inspection.selectors import school_year_of


@pytest.fixture
def year() -> int:
    return school_year_of(timezone.localdate())


@pytest.fixture
def index(world, year):
    return services.index_copy(district=world.district, school_year=year, user=world.district_officer)


def png(name: str = "minutes.png") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fill(inspection, user, *, score: str = "0.5") -> None:
    """Score every judged item and attach a file to every item that asks for one."""
    from decimal import Decimal

    for item in Item.objects.filter(section__index=inspection.index).exclude(evidence=EvidenceKind.COMPUTED):
        services.answer_save(
            inspection=inspection, item=item, user=user, score=min(Decimal(score), item.points), note=""
        )
        if item.evidence == EvidenceKind.UPLOADED:
            services.evidence_add(inspection=inspection, item=item, upload=png(), user=user)


@pytest.fixture
def submitted(world, index):
    draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
    fill(draft, world.principal)
    return services.inspection_submit(inspection=draft, user=world.principal)
