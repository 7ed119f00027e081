"""The school page and the leading group: everyone who sees a school reads its page (the district officer
too: it names staff, not children); only its principal manages the group. Another school's page is 404."""

from organisation.models import LeadingGroupMember
from tests.matrix import SCHOOL_MANAGERS_ONLY, Row, everyone


def _member(w):
    return LeadingGroupMember.objects.create(
        school=w.school, school_year=2026, user=w.principal, role="leader", duty="overall"
    )


ROWS = [
    Row("organisation:school_detail", everyone(200, other_principal=404), kwargs=lambda w: {"pk": w.school.pk}),
    Row("organisation:leading_group", SCHOOL_MANAGERS_ONLY),
    Row("organisation:leading_group_export", SCHOOL_MANAGERS_ONLY),
    Row(
        "organisation:leading_group",
        everyone(403, principal=302, other_principal=200),
        method="post",
        data=lambda w: {"school_year": "2026", "user": w.archive_keeper.pk, "role": "member", "duty": "archives"},
        note="adds a member of the school (another school's principal: not in the choices, form shown again)",
    ),
    Row(
        "organisation:leading_group_member_edit",
        everyone(403, principal=200, other_principal=404),
        kwargs=lambda w: {"pk": _member(w).pk},
    ),
    Row(
        "organisation:leading_group_member_end",
        everyone(403, principal=302, other_principal=404),
        kwargs=lambda w: {"pk": _member(w).pk},
        method="post",
    ),
]
