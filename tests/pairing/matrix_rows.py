from django.utils import timezone

from organisation.roles import Role  # noqa: F401
from tests.matrix import SCHOOL_MANAGERS_ONLY, Row, everyone
from tests.pairing.factories import CareNormFactory, HomeVisitFactory, TalkFactory

LOGGERS = everyone(200, district_officer=403)
# A child of class 1: school-wide roles, its head teacher and its paired carer see it.
CHILD_1_LOG = everyone(200, district_officer=403, other_head_teacher=404, other_principal=404)
CHILD_1_LOG_SAVES = everyone(302, district_officer=403, other_head_teacher=404, other_principal=404)
# A record of class 1 logged by its head teacher: a carer may not change it.
HEAD_TEACHERS_RECORD = everyone(200, district_officer=403, other_head_teacher=404, other_principal=404, carer_user=404)
STAFF = everyone(403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=200)
CHILD_1_STAFF = everyone(
    403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=404, other_principal=404
)


def _visit_naming_the_carer(w):
    visit = HomeVisitFactory(child=w.child_1, recorded_by=w.head_teacher)
    visit.carers.add(w.carer)
    return visit


def _today(w):
    return timezone.localdate().isoformat()


ROWS = [
    Row("pairing:my_week", LOGGERS),
    Row("pairing:talk_create", CHILD_1_LOG, kwargs=lambda w: {"child_pk": w.child_1.pk}),
    Row(
        "pairing:talk_create",
        CHILD_1_LOG_SAVES,
        kwargs=lambda w: {"child_pk": w.child_1.pk},
        method="post",
        data=lambda w: {"date": _today(w), "topics": ["study", "emotions"], "content": "聊了学习。"},
        note="saves",
    ),
    Row(
        "pairing:talk_edit",
        HEAD_TEACHERS_RECORD,
        kwargs=lambda w: {"pk": TalkFactory(child=w.child_1, recorded_by=w.head_teacher).pk},
    ),
    Row("pairing:visit_create", CHILD_1_LOG, kwargs=lambda w: {"child_pk": w.child_1.pk}),
    Row(
        "pairing:visit_edit",
        HEAD_TEACHERS_RECORD,
        kwargs=lambda w: {"pk": HomeVisitFactory(child=w.child_1, recorded_by=w.head_teacher).pk},
    ),
    Row(
        "pairing:visit_edit",
        CHILD_1_LOG,  # the carer named on the visit may change it, like its recorder
        kwargs=lambda w: {"pk": _visit_naming_the_carer(w).pk},
        note="naming the carer",
    ),
    Row("pairing:class_grid", CHILD_1_STAFF, kwargs=lambda w: {"pk": w.class_1.pk}),
    Row("pairing:overview", STAFF),
    Row("pairing:overview_export", STAFF),
    Row("pairing:coverage", STAFF),
    Row("pairing:carer_list", STAFF),
    Row("pairing:carer_list_export", STAFF),
    Row("pairing:coverage_export", STAFF),
    Row("pairing:class_grid_export", CHILD_1_STAFF, kwargs=lambda w: {"pk": w.class_1.pk}),
    Row("pairing:carer_create", STAFF),
    Row(
        "pairing:carer_edit",
        everyone(403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=404),
        kwargs=lambda w: {"pk": w.carer.pk},
    ),
    Row("pairing:pairing_create", CHILD_1_STAFF, kwargs=lambda w: {"child_pk": w.child_1.pk}),
    Row("pairing:pairing_end", CHILD_1_STAFF, kwargs=lambda w: {"pk": w.child_1.pairings.get().pk}),
    Row("pairing:norm_list", SCHOOL_MANAGERS_ONLY),
    Row("pairing:norm_create", SCHOOL_MANAGERS_ONLY),
    Row(
        "pairing:norm_edit",
        everyone(403, principal=200, other_principal=404),
        kwargs=lambda w: {"pk": CareNormFactory(school=w.school).pk},
    ),
    Row(
        "pairing:norm_restore_defaults",
        everyone(403, principal=302, other_principal=302),
        method="post",
        note="restores",
    ),
    # The attention list (关注名单) and safety events (强制报告).
    Row("pairing:attention", STAFF),
    Row("pairing:attention_export", STAFF),
    Row("pairing:attention_settings", SCHOOL_MANAGERS_ONLY),
    Row(
        "pairing:attention_snooze",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=404, other_principal=404),
        kwargs=lambda w: {"child_pk": w.child_1.pk},
        method="post",
        data=lambda w: {"reason": "no_talk", "days": 7, "note": "住院"},
        note="snoozes",
    ),
    Row("pairing:safety_event_create", CHILD_1_STAFF, kwargs=lambda w: {"child_pk": w.child_1.pk}),
    Row(
        "pairing:safety_event_edit",
        # Only the principal and the teacher who recorded it: the archive keeper and other teachers get 404.
        everyone(403, principal=200, head_teacher=200, archive_keeper=404, other_head_teacher=404, other_principal=404),
        kwargs=lambda w: {"pk": _safety_event(w).pk},
    ),
]


# --- Key-help plans: read with the child (the paired carer too), written by those who keep its archive;
# reviewed also by the plan's responsible carer. ---


def _key_help_child_1(w):
    w.child_1.is_key_help, w.child_1.key_help_reason = True, "成绩下滑明显"
    w.child_1.save()
    return {"child_pk": w.child_1.pk}


def _plan(w):
    from tests.pairing.factories import KeyHelpPlanFactory

    _key_help_child_1(w)
    return {"pk": KeyHelpPlanFactory(child=w.child_1, carer=w.carer).pk}


PLAN_READ = everyone(200, district_officer=403, other_head_teacher=404, other_principal=404)
PLAN_REVIEW = everyone(302, district_officer=403, other_head_teacher=404, other_principal=404)

ROWS += [
    Row("pairing:plan_list", STAFF),
    Row("pairing:plan_list_export", STAFF),
    Row("pairing:plan_detail", PLAN_READ, kwargs=_plan),
    Row(
        "pairing:plan_detail",
        PLAN_REVIEW,
        kwargs=_plan,
        method="post",
        data=lambda w: {"date": _today(w), "progress": "作业按时完成"},
        note="adds a review",
    ),
    Row("pairing:plan_edit", CHILD_1_STAFF, kwargs=_plan),
    Row("pairing:plan_create", CHILD_1_STAFF, kwargs=_key_help_child_1),
    Row(
        "pairing:plan_create",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=404, other_principal=404),
        kwargs=_key_help_child_1,
        method="post",
        data=lambda w: {
            "reasons": "成绩下滑",
            "goals": "回到中游",
            "measures": "每周辅导",
            "start_date": _today(w),
            "review_every_days": "30",
        },
        note="saves",
    ),
]

# The school-wide care logs: staff who keep archives, each within their scope.
ROWS += [
    Row("pairing:talk_log", STAFF),
    Row("pairing:talk_log_export", STAFF),
    Row("pairing:visit_log", STAFF),
    Row("pairing:visit_log_export", STAFF),
    Row("pairing:contact_log", STAFF),
    Row("pairing:contact_log_export", STAFF),
]


def _safety_event(w):
    from pairing.models import SafetyEvent

    return SafetyEvent.objects.create(
        child=w.child_1,
        date=timezone.localdate(),
        kind="missing",
        what_happened="放学未回家",
        recorded_by=w.head_teacher,
    )
