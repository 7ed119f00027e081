"""Activities: principals and archive keepers manage; head teachers see (their own children in lists);
carers and district officers have no activity pages (403). Other schools' records are 404."""

from decimal import Decimal

from django.core.files.base import ContentFile

from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory, image_bytes
from tests.factories import iso_day
from tests.matrix import Row, everyone

MANAGERS = everyone(403, principal=200, archive_keeper=200, other_principal=200)
STAFF = everyone(403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=200)
MANAGE_OBJECT = everyone(403, principal=200, archive_keeper=200, other_principal=404)
SEE_OBJECT = everyone(
    403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=404
)


def _activity(w, **kwargs):
    return ActivityFactory(school=w.school, semester=w.semester, **kwargs)


def _evidence(w):
    from activities.models import Evidence

    item = Evidence(activity=_activity(w), kind="image", content_type="image/jpeg", original_name="a.jpg", size=10)
    item.file.save("a.jpg", ContentFile(image_bytes()), save=False)
    item.thumbnail.save("t.jpg", ContentFile(image_bytes()), save=False)
    item.save()
    return item


ROWS = [
    Row("activities:list", STAFF),
    Row("activities:list_export", STAFF),
    Row("activities:create", MANAGERS),
    Row("activities:birthdays", STAFF),
    Row("activities:birthdays_export", STAFF),
    Row("activities:assistance_export", STAFF),
    Row("activities:medical_exam_export", STAFF),
    Row("activities:assistance_list", STAFF),
    Row("activities:assistance_create", MANAGERS),
    Row("activities:medical_exam_list", STAFF),
    Row("activities:medical_exam_create", STAFF),
    Row("activities:detail", SEE_OBJECT, kwargs=lambda w: {"pk": _activity(w).pk}),
    Row("activities:edit", MANAGE_OBJECT, kwargs=lambda w: {"pk": _activity(w).pk}),
    Row("activities:attendance", MANAGE_OBJECT, kwargs=lambda w: {"pk": _activity(w).pk}),
    Row(
        "activities:guardians",
        MANAGE_OBJECT,
        kwargs=lambda w: {"pk": _activity(w, kind="guardian_training").pk},
    ),
    Row("activities:evidence_upload", MANAGE_OBJECT, kwargs=lambda w: {"pk": _activity(w).pk}),
    Row("activities:evidence_file", SEE_OBJECT, kwargs=lambda w: {"pk": _evidence(w).pk}),
    # District officers reach the thumbnail view, but only photos of a submitted monthly report (reports rows).
    Row(
        "activities:evidence_thumbnail",
        {**SEE_OBJECT, "district_officer": 404},
        kwargs=lambda w: {"pk": _evidence(w).pk},
    ),
    Row(
        "activities:assistance_edit",
        # A head teacher never reaches the form (403); managers of another school get 404.
        everyone(403, principal=200, archive_keeper=200, other_principal=404),
        kwargs=lambda w: {"pk": AssistanceFactory(child=w.child_1, amount=Decimal("300.00")).pk},
    ),
    Row(
        "activities:medical_exam_edit",
        # Whoever sees child_1 may correct the exam; another class or school: 404.
        everyone(403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=404, other_principal=404),
        kwargs=lambda w: {"pk": MedicalExamFactory(child=w.child_1).pk},
    ),
    Row(
        "activities:medical_exam_edit",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=404, other_principal=404),
        kwargs=lambda w: {"pk": MedicalExamFactory(child=w.child_1).pk},
        method="post",
        data=lambda w: {"child": w.child_1.pk, "date": iso_day(-30), "height_cm": "133.0", "weight_kg": "28.4"},
        note="corrects",
    ),
    Row(
        "activities:create",
        everyone(403, principal=302, archive_keeper=302, other_principal=302),
        method="post",
        data=lambda w: {"kind": "lecture", "topic": "safety", "title": "防溺水安全教育", "date": iso_day(-31)},
        note="saves",
    ),
    Row(
        "activities:attendance_add_class",
        everyone(403, principal=302, archive_keeper=302, other_principal=404),
        kwargs=lambda w: {"pk": _activity(w).pk},
        method="post",
        data=lambda w: {"school_class": w.class_1.pk},
    ),
    Row(
        "activities:attendance",
        everyone(403, principal=302, archive_keeper=302, other_principal=404),
        kwargs=lambda w: {"pk": _activity(w).pk},
        method="post",
        data=lambda w: {"children": [w.child_1.pk]},
        note="adds",
    ),
    Row(
        "activities:attendance_remove",
        everyone(403, principal=302, archive_keeper=302, other_principal=404),
        kwargs=lambda w: {"pk": _attending(w).pk, "child_pk": w.child_1.pk},
        method="post",
    ),
    Row(
        "activities:evidence_delete",
        everyone(403, principal=302, archive_keeper=302, other_principal=404),
        kwargs=lambda w: {"pk": _evidence(w).pk},
        method="post",
    ),
    Row(
        "activities:birthday_party",
        everyone(403, principal=302, archive_keeper=302, other_principal=302),
        method="post",
        data=lambda w: {"month": "2026-05"},
    ),
    Row(
        "activities:medical_exam_create",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=200, other_principal=200),
        method="post",
        data=lambda w: {"child": w.child_1.pk, "date": iso_day(-30), "height_cm": "131.0", "weight_kg": "27.5"},
        note="records child_1 (other class and school: not in their choices, form shown again)",
    ),
]


def _attending(w):
    activity = _activity(w)
    activity.attendances.create(child=w.child_1)
    return activity


# --- The children's home: staff who keep archives read it and log openings and loans; its managers set it
# up; a head teacher changes the openings they were on duty for and the loans of their own children. Only
# world.school has a home: another school's principal meets 404 on its pages. ---


def _home(w):
    from activities.models import ChildrensHome
    from tests.activities.factories import ChildrensHomeFactory

    return ChildrensHome.objects.filter(school=w.school).first() or ChildrensHomeFactory(school=w.school)


def _session(w):
    from tests.activities.factories import HomeSessionFactory

    session = HomeSessionFactory(home=_home(w), duty=w.head_teacher)
    session.children.add(w.child_1)
    return session


def _loan(w):
    from tests.activities.factories import BookLoanFactory

    return BookLoanFactory(home=_home(w), child=w.child_1)


def _with_home(w):
    _home(w)
    return {}


HOME_STAFF = everyone(
    403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=404
)
OWN_SESSION = everyone(
    403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=404, other_principal=404
)
OWN_SESSION_POST = everyone(
    403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=404, other_principal=404
)

ROWS += [
    Row("activities:home", STAFF, kwargs=_with_home),
    Row("activities:home_sessions_export", HOME_STAFF, kwargs=_with_home),
    Row("activities:home_edit", MANAGERS, kwargs=_with_home),
    Row(
        "activities:home_edit",
        everyone(403, principal=302, archive_keeper=302, other_principal=302),
        method="post",
        data=lambda w: {"name": "留守儿童之家", "loan_days": "14"},
        note="saves (another school's principal sets up their own)",
    ),
    Row("activities:home_session_create", HOME_STAFF, kwargs=_with_home),
    Row(
        "activities:home_session_create",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=302, other_principal=404),
        kwargs=_with_home,
        method="post",
        data=lambda w: {"date": iso_day(-1), "start_time": "16:30", "end_time": "17:30"},
        note="saves",
    ),
    Row("activities:home_session", HOME_STAFF, kwargs=lambda w: {"pk": _session(w).pk}),
    Row(
        "activities:home_session",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=403, other_principal=404),
        kwargs=lambda w: {"pk": _session(w).pk},
        method="post",
        data=lambda w: {"form": "children", "children": [w.child_1.pk]},
        note="adds children (another teacher's session: read, not changed)",
    ),
    Row("activities:home_session_edit", OWN_SESSION, kwargs=lambda w: {"pk": _session(w).pk}),
    Row(
        "activities:home_session_add_class",
        OWN_SESSION_POST,
        kwargs=lambda w: {"pk": _session(w).pk},
        method="post",
        data=lambda w: {"school_class": w.class_1.pk},
    ),
    Row(
        "activities:home_session_remove_child",
        OWN_SESSION_POST,
        kwargs=lambda w: {"pk": _session(w).pk, "child_pk": w.child_1.pk},
        method="post",
    ),
    Row("activities:home_loans", HOME_STAFF, kwargs=_with_home),
    Row("activities:home_loans_export", HOME_STAFF, kwargs=_with_home),
    Row("activities:home_loan_create", HOME_STAFF, kwargs=_with_home),
    Row(
        "activities:home_loan_create",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=200, other_principal=404),
        kwargs=_with_home,
        method="post",
        data=lambda w: {"child": w.child_1.pk, "title": "草房子", "borrowed_on": iso_day(-1)},
        note="lends to child_1 (another class: not in the choices, form shown again)",
    ),
    Row("activities:home_loan_edit", OWN_SESSION, kwargs=lambda w: {"pk": _loan(w).pk}),
    Row("activities:home_loan_return", OWN_SESSION_POST, kwargs=lambda w: {"pk": _loan(w).pk}, method="post"),
]
