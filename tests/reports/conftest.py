"""A small hand-built school whose every figure is worked out by hand (see `figure_school`).

Time is frozen on 25 January 2027 (Shanghai), five days after the autumn semester P = 1 Sep 2026 – 20 Jan 2027
(142 days; whole months inside: Sep, Oct, Nov, Dec). The previous semester is spring 2026.

Children of S (classes 3-1 with head teacher T1, and 4-1):
- A  3-1, girl, boarding, both parents away, identified 1 Mar 2026, complete archive, guardian a grandmother,
     低保, paired with a loving mother M and a teacher carer K (two pairings).
- B  3-1, boy, father away, identified 1 Mar 2026, guardian an uncle, 低保, key-help; pairing with M ended
     31 Dec 2026.
- C  4-1, girl born 2010 (17 on P.end), one away and the other unable, identified 10 Oct 2026 (new in P),
     no guardian, 建档立卡.
- D  4-1, boy, mother away, identified 1 Mar 2026, transferred on 15 Nov 2026 (left mid-semester), key-help,
     still paired with M.
- E  3-1, soft-deleted: counts nowhere, whatever it has.
- F  3-1, identified 22 Jan 2027, after P.end.
And X, a child of another school with a talk in P.

LBC of P = {A, B, C} = 3; LBC on 31 Aug 2026 = {A, B, D} = 3; new = {C}; left = {D} (transferred).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from activities.models import ActivityKind, AssistanceKind, Attendance, DonorKind
from children.models import AcademicResult, ChildStatus, ChildStatusChange, Gender, LeftBehindType, PovertyStatus
from guardians.models import Guardian, ParentContact
from organisation.models import Semester
from organisation.roles import Role
from pairing.models import CareNorm, CarerKind, HomeVisit, WorkKind
from reports.figures import Period
from tests import factories as f
from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory
from tests.pairing.factories import CareNormFactory, HomeVisitFactory, ParentContactFactory, TalkFactory

D = datetime.date
NOW = datetime.datetime(2027, 1, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@dataclass
class FigureSchool:
    school: object
    semester: object
    previous: object
    period: Period
    children: dict
    head_teacher: object
    principal: object


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _child(school_class, name, **kwargs):
    defaults = {"identified_on": D(2026, 3, 1), "birth_date": D(2017, 5, 4)}
    return f.ChildFactory(school_class=school_class, name=name, **{**defaults, **kwargs})


@pytest.fixture
def figure_school(db, frozen) -> FigureSchool:
    school = f.SchoolFactory(name="石桥小学")
    other_school = f.SchoolFactory(district=school.district, name="龙潭学校")
    t1 = f.UserFactory(school=school, role=Role.HEAD_TEACHER, full_name="王丽")
    principal = f.UserFactory(school=school, role=Role.PRINCIPAL, full_name="杨国强")
    c31 = f.SchoolClassFactory(school=school, grade=3, number=1, head_teachers=[t1])
    c41 = f.SchoolClassFactory(school=school, grade=4, number=1)
    semester = f.SemesterFactory(
        school=school,
        school_year=2026,
        term=Semester.Term.AUTUMN,
        start_date=D(2026, 9, 1),
        end_date=D(2027, 1, 20),
    )
    previous = f.SemesterFactory(
        school=school,
        school_year=2025,
        term=Semester.Term.SPRING,
        start_date=D(2026, 2, 20),
        end_date=D(2026, 7, 10),
        is_current=False,
    )

    a = _child(
        c31,
        "A",
        gender=Gender.FEMALE,
        is_boarding=True,
        left_behind_type=LeftBehindType.BOTH_AWAY,
        id_number=f.make_id_number(D(2017, 5, 4), male=False),
        address="石桥村",
        study_level="good",
        personality="开朗",
        hobbies="画画",
        poverty_status=PovertyStatus.DIBAO,
    )
    f.GuardianFactory(child=a, relation=Guardian.Relation.GRANDMOTHER)
    parent_a = f.ParentFactory(child=a)
    b = _child(
        c31,
        "B",
        gender=Gender.MALE,
        left_behind_type=LeftBehindType.FATHER_AWAY,
        poverty_status=PovertyStatus.DIBAO,
        is_key_help=True,
        key_help_reason="成绩下滑",
    )
    f.GuardianFactory(child=b, relation=Guardian.Relation.UNCLE_AUNT)
    c = _child(
        c41,
        "C",
        gender=Gender.FEMALE,
        birth_date=D(2010, 1, 1),
        identified_on=D(2026, 10, 10),
        left_behind_type=LeftBehindType.ONE_AWAY_OTHER_UNABLE,
        poverty_status=PovertyStatus.REGISTERED_POOR,
    )
    d = _child(
        c41,
        "D",
        gender=Gender.MALE,
        left_behind_type=LeftBehindType.MOTHER_AWAY,
        status=ChildStatus.TRANSFERRED,
        is_key_help=True,
        key_help_reason="转学前情绪低落",
    )
    ChildStatusChange.objects.create(child=d, status=ChildStatus.TRANSFERRED, date=D(2026, 11, 15))
    e = _child(c31, "E", left_behind_type=LeftBehindType.BOTH_AWAY)
    e.deleted_at = timezone.now()
    e.save()
    f_ = _child(c31, "F", identified_on=D(2027, 1, 22), left_behind_type=LeftBehindType.BOTH_AWAY)
    x = f.ChildFactory(school_class=f.SchoolClassFactory(school=other_school), name="X")

    # Pairings: A with M and K (current), B with M until 31 Dec, D with M (current but D left).
    m = f.CarerFactory(school=school, kind=CarerKind.LOVING_MOTHER, name="M")
    k = f.CarerFactory(school=school, kind=CarerKind.TEACHER, name="K")
    f.PairingFactory(child=a, carer=m, start_date=D(2026, 9, 1))
    f.PairingFactory(child=a, carer=k, start_date=D(2026, 9, 1))
    f.PairingFactory(child=b, carer=m, start_date=D(2026, 9, 1), end_date=D(2026, 12, 31))
    f.PairingFactory(child=d, carer=m, start_date=D(2026, 9, 1))

    # Talks: A on P.start and P.end, D in P; B before P, C after P, E (deleted) and X (other school) in P.
    for child, day in [(a, D(2026, 9, 1)), (a, D(2027, 1, 20)), (d, D(2026, 10, 1)), (b, D(2026, 8, 31))]:
        TalkFactory(child=child, date=day, recorded_by=t1)
    for child, day in [(c, D(2027, 1, 21)), (e, D(2026, 10, 1)), (x, D(2026, 10, 1))]:
        TalkFactory(child=child, date=day)

    # Visits: A by T1 and M (guardian met), B by T1 (nobody home), D by M (guardian and parent).
    visit = HomeVisitFactory(child=a, date=D(2026, 10, 10), met=HomeVisit.Met.GUARDIAN)
    visit.staff.add(t1)
    visit.carers.add(m)
    HomeVisitFactory(child=b, date=D(2026, 11, 11), met=HomeVisit.Met.NOBODY).staff.add(t1)
    HomeVisitFactory(child=d, date=D(2026, 9, 5), met=HomeVisit.Met.BOTH).carers.add(m)

    # Parent contacts: A reached in Sep, Oct, Nov (school, call) and Dec (the child, video); B unreachable in
    # Oct (school), reached in Nov (the child, call). Guardian contacts: C reached, B not reached.
    call = ParentContact.Channel.CALL
    for day in [D(2026, 9, 3), D(2026, 10, 3), D(2026, 11, 3)]:
        ParentContactFactory(child=a, parent=parent_a, date=day, channel=call)
    ParentContactFactory(
        child=a, date=D(2026, 12, 3), channel=ParentContact.Channel.VIDEO, initiated_by=ParentContact.Initiator.CHILD
    )
    ParentContactFactory(child=b, date=D(2026, 10, 8), channel=call, reached=False)
    ParentContactFactory(child=b, date=D(2026, 11, 8), channel=call, initiated_by=ParentContact.Initiator.CHILD)
    guardian = ParentContact.Counterpart.GUARDIAN
    ParentContactFactory(child=c, date=D(2026, 10, 20), counterpart=guardian)
    ParentContactFactory(child=b, date=D(2026, 12, 20), counterpart=guardian, reached=False)

    CareNormFactory(school=school, kind=WorkKind.TALK, count=1, period=CareNorm.Period.SEMESTER)

    # Activities: a birthday party (A, D), guardian training (A's and B's guardians), reading on P.end
    # (A, B, E), reading before P (C).
    party = ActivityFactory(school=school, kind=ActivityKind.BIRTHDAY_PARTY, date=D(2026, 10, 20))
    training = ActivityFactory(school=school, kind=ActivityKind.GUARDIAN_TRAINING, date=D(2026, 11, 5))
    training.guardians.add(*Guardian.objects.filter(child__in=[a, b]))
    reading = ActivityFactory(school=school, kind=ActivityKind.READING, date=D(2027, 1, 20))
    early = ActivityFactory(school=school, kind=ActivityKind.READING, date=D(2026, 8, 31))
    for activity, kids in [(party, [a, d]), (reading, [a, b, e]), (early, [c])]:
        for kid in kids:
            Attendance.objects.create(activity=activity, child=kid)

    # Medical exams: A on P.start, D in P, B after P.
    MedicalExamFactory(child=a, date=D(2026, 9, 1))
    MedicalExamFactory(child=d, date=D(2026, 10, 1))
    MedicalExamFactory(child=b, date=D(2027, 1, 21))

    # Assistance: A 300 money (关工委) and 45.50 goods (company) on P.end, D 200 money, E 1000 (deleted),
    # C 100 tuition before P.
    wc, company = DonorKind.WORKING_COMMITTEE, DonorKind.COMPANY
    AssistanceFactory(child=a, date=D(2026, 10, 20), donor_kind=wc, amount=Decimal("300.00"))
    AssistanceFactory(
        child=a, date=D(2027, 1, 20), donor_kind=company, kind=AssistanceKind.GOODS, amount=Decimal("45.50")
    )
    AssistanceFactory(child=d, date=D(2026, 9, 10), donor_kind=wc, amount=Decimal("200.00"))
    AssistanceFactory(child=e, date=D(2026, 9, 10), donor_kind=wc, amount=Decimal("1000.00"))
    AssistanceFactory(child=c, date=D(2026, 8, 31), kind=AssistanceKind.TUITION, amount=Decimal("100.00"))

    # Results: A rank 10 -> 5 (improved); B total 150 -> 140, no ranks (declined); C only this semester;
    # D both (not a LBC of P).
    for child, sem, total, rank in [
        (a, previous, 180, 10),
        (a, semester, 170, 5),
        (b, previous, 150, None),
        (b, semester, 140, None),
        (c, semester, 200, 1),
        (d, previous, 100, None),
        (d, semester, 190, None),
    ]:
        AcademicResult.objects.create(child=child, semester=sem, exam="期末", total=total, class_rank=rank)

    return FigureSchool(
        school=school,
        semester=semester,
        previous=previous,
        period=Period.of_semester(semester),
        children={"A": a, "B": b, "C": c, "D": d, "E": e, "F": f_, "X": x},
        head_teacher=t1,
        principal=principal,
    )
