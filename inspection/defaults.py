"""The default index a district copies and edits: built from the seeds' practices. Its 领导机制 section follows
Anhui's index for 留守儿童之家 (协调小组 0.5, 联席会议 0.5, 包保责任制 1, 分级督查 1, 信息系统与报送 2 points);
the others score the work the seed schools report (filing rate 100 %, one-to-one pairing, talks and home
visits, the children's home, safety letters and 强制报告, the evidence box of plans, records, the signed
semester summaries and the reports sent). 100 points in all. Texts are copied in the language of the officer
who copies them: the district's copy is its own document from then on."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from inspection.models import EvidenceKind, Rule

C, U, S = EvidenceKind.COMPUTED, EvidenceKind.UPLOADED, EvidenceKind.ON_SITE


@dataclass(frozen=True)
class DefaultItem:
    title: Promise
    points: str
    evidence: str
    guidance: Promise
    measure: str = ""
    rule: str = Rule.JUDGED
    target: str | None = None


DEFAULT_INDEX: list[tuple[Promise, list[DefaultItem]]] = [
    (
        _("Leadership (领导机制)"),
        [
            DefaultItem(
                _("A coordination group (协调小组) with named duties"),
                "0.5",
                C,
                _("The school year's leading group on record, with its members and their duties."),
                "leading_group",
                Rule.THRESHOLD,
                "3",
            ),
            DefaultItem(
                _("Joint meetings (联席会议) held and minuted"),
                "0.5",
                U,
                _("Read the documents and the meeting minutes."),
            ),
            DefaultItem(
                _("Responsibility by person (包保责任制): every left-behind child has a carer"),
                "1",
                C,
                _("Pairing coverage on the last day of the period."),
                "pairing_coverage",
                Rule.PROPORTIONAL,
                "100",
            ),
            DefaultItem(
                _("Inspection at every level (分级督查)"),
                "1",
                S,
                _("Records of the school's own checks of classes and carers."),
            ),
            DefaultItem(
                _("Information system and reporting (信息系统与报送): monthly reports on time"),
                "2",
                C,
                _("Monthly reports due in the period and submitted by the report day."),
                "on_time_reports",
                Rule.PROPORTIONAL,
                "100",
            ),
        ],
    ),
    (
        _("Archives (建档)"),
        [
            DefaultItem(
                _("Every left-behind child has a complete archive"),
                "10",
                C,
                _("Filing rate on the last day of the period."),
                "filing_rate",
                Rule.PROPORTIONAL,
                "100",
            ),
            DefaultItem(
                _("Archives match the children (随机抽查)"),
                "5",
                S,
                _("Pick children at random and compare their archive with what the child and the teacher say."),
            ),
        ],
    ),
    (
        _("Care work (关爱工作)"),
        [
            DefaultItem(
                _("Heart-to-heart talks with every child"),
                "10",
                C,
                _("Children talked with at least once in the period."),
                "talk_coverage",
                Rule.PROPORTIONAL,
                "100",
            ),
            DefaultItem(
                _("Home visits to every child"),
                "10",
                C,
                _("Children visited at home at least once in the period."),
                "visit_coverage",
                Rule.PROPORTIONAL,
                "100",
            ),
            DefaultItem(
                _("Contact with the parents"),
                "8",
                C,
                _("Children whose parents were reached at least once in the period."),
                "contact_coverage",
                Rule.PROPORTIONAL,
                "100",
            ),
            DefaultItem(
                _("Key-help children have an individual plan"),
                "6",
                C,
                _("Key-help children with a plan current on the last day of the period."),
                "key_help_plans",
                Rule.PROPORTIONAL,
                "100",
            ),
        ],
    ),
    (
        _("Children's home (留守儿童之家)"),
        [
            DefaultItem(
                _("The children's home opens regularly"),
                "8",
                C,
                _("Opening sessions recorded in the period (about one a week)."),
                "childrens_home_sessions",
                Rule.PROPORTIONAL,
                "30",
            ),
            DefaultItem(
                _("Room, family phone, books and rules on the wall"),
                "7",
                S,
                _("Visit the room: the family phone works, books can be borrowed, the rules are posted."),
            ),
        ],
    ),
    (
        _("Activities (关爱活动)"),
        [
            DefaultItem(
                _("Care activities for the children"),
                "8",
                C,
                _("Activities held in the period."),
                "activities",
                Rule.PROPORTIONAL,
                "10",
            ),
            DefaultItem(
                _("Guardian training (家长学校)"),
                "4",
                C,
                _("Guardian-training sessions held in the period."),
                "training_sessions",
                Rule.PROPORTIONAL,
                "2",
            ),
        ],
    ),
    (
        _("Safety (安全)"),
        [
            DefaultItem(
                _("Safety responsibility letters (安全责任书) signed"),
                "5",
                C,
                _("Left-behind children whose guardian signed the letter."),
                "safety_letters",
                Rule.PROPORTIONAL,
                "100",
            ),
            DefaultItem(
                _("Safety events (强制报告) handled and reported"),
                "5",
                C,
                _("Safety events of the period closed by its last day."),
                "safety_events_handled",
                Rule.PROPORTIONAL,
                "100",
            ),
        ],
    ),
    (
        _("Evidence box (档案盒)"),
        [
            DefaultItem(
                _("Work plan, activity and meeting records, growth records"),
                "6",
                U,
                _("Read the plans, the records and the children's growth records."),
            ),
            DefaultItem(
                _("The year's semester summaries signed (年度/学期工作总结已签署)"),
                "2",
                C,
                _("Semesters of the school year that have ended, with their summary signed by the principal."),
                "signed_summaries",
                Rule.PROPORTIONAL,
                "100",
            ),
            DefaultItem(
                _("The reports sent to the district and the other departments"),
                "1",
                U,
                _("Read the reports sent (monthly reports, the Women's Federation's and civil affairs' forms)."),
            ),
        ],
    ),
]


def default_total() -> Decimal:
    return sum((Decimal(i.points) for _t, items in DEFAULT_INDEX for i in items), Decimal("0"))
