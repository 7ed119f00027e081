"""Writes of the roster import: stage an upload, check it, confirm it in one transaction, undo it."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from children.left_behind import left_behind_type_from
from children.models import Child, ChildStatus, ChildStatusChange
from children.pinyin import set_name_pinyin
from children.services import child_soft_delete
from guardians import roster, spreadsheets
from guardians.models import Guardian, Parent, RosterImport
from guardians.staged import forget_stale_uploads
from organisation.models import SchoolClass, User

ABSENT_CHOICES = (ChildStatus.TRANSFERRED, ChildStatus.GRADUATED)


def roster_stage(*, data: bytes, file_name: str, user: User) -> RosterImport:
    """Parse the upload once and keep its rows, then check them if every needed column was recognised; all
    in one go (the pages do the same in the background: roster_receive, then guardians.import_work). Raises
    roster.RosterFileError for a refused file."""
    staged = roster_receive(data=data, file_name=file_name, user=user)
    roster_read(staged=staged)
    if mapping_is_settled(staged):
        roster_check(staged=staged, mapping=staged.mapping)
    return staged


def roster_receive(*, data: bytes, file_name: str, user: User) -> RosterImport:
    """Keep the upload after the quick refusals (spreadsheets.check_file); its cells are read later."""
    spreadsheets.check_file(data, file_name)
    forget_stale_uploads(user.school_id)
    return RosterImport.objects.create(school=user.school, file_name=file_name[:200], source=data, created_by=user)


def roster_read(*, staged: RosterImport) -> RosterImport:
    """Read the kept upload's rows once, with the suggested column mapping; raises RosterFileError."""
    return spreadsheets.keep_table(staged, roster.read_roster(bytes(staged.source), staged.file_name))


def mapping_is_complete(mapping: list[str]) -> bool:
    return all(c.key in mapping for c in roster.COLUMNS if c.required)


def unmapped_columns(staged: RosterImport) -> list[str]:
    """The file's columns that will not be imported (a header, or data under no header, given no column)."""
    out = []
    for i, header in enumerate(staged.headers):
        if i < len(staged.mapping) and staged.mapping[i]:
            continue
        if header:
            out.append(header)
        elif any(i < len(cells) and spreadsheets.cell_text(cells[i]) for _row, cells in staged.rows):
            out.append(_("Column %(number)d") % {"number": i + 1})
    return out


def mapping_is_settled(staged: RosterImport) -> bool:
    """The rows are checked at once only when every column of the file was recognised; otherwise the user
    says on the mapping page which is which, or that a column is not imported: nothing is dropped silently."""
    return mapping_is_complete(staged.mapping) and not unmapped_columns(staged)


def roster_check(*, staged: RosterImport, mapping: list[str], progress=None) -> RosterImport:
    """Check every staged row against the school as it is now; nothing but the staged import is written.
    `progress(rows done)` hears every few hundred rows."""
    if staged.status != RosterImport.Status.STAGED:
        raise ValidationError(_("This import is no longer waiting for confirmation."))
    used = [key for key in mapping if key]
    if len(used) != len(set(used)):
        raise ValidationError(_("Each roster column can be given to one column of the file only."))
    staged.mapping = mapping
    staged.checked_at = timezone.now()
    results = roster.check_rows(staged.rows, mapping, staged.school, progress)
    staged.results = [r.as_json() for r in results]
    counts = defaultdict(int)
    for r in results:
        counts[r.status] += 1
    staged.counts = {k: counts[k] for k in ("new", "changed", "unchanged", "error")}
    staged.save(update_fields=["mapping", "checked_at", "results", "counts"])
    return staged


def absent_children(staged: RosterImport):
    """The school's active children that the file does not list (they are never deleted by an import)."""
    listed = {r["match"] for r in staged.results if r["match"]}
    return (
        Child.objects.filter(school=staged.school, status=ChildStatus.ACTIVE)
        .exclude(pk__in=listed)
        .select_related("school_class")
    )


def _is_stale(staged: RosterImport) -> bool:
    since = staged.checked_at
    school = staged.school_id
    return (
        Child.all_objects.filter(school_id=school, updated_at__gt=since).exists()
        or Parent.history.filter(child__school_id=school, history_date__gt=since).exists()
        or Guardian.history.filter(child__school_id=school, history_date__gt=since).exists()
    )


def _situation(values: dict, relation: str, existing: Parent | None) -> str | None:
    part = roster.part_values(values, relation, roster.PARENT_FIELDS)
    if "situation" in part:
        return part["situation"]
    if existing is not None:
        return existing.situation
    return Parent.Situation.AWAY if part else None


def _dump(obj, fields) -> dict:
    out = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def roster_may_confirm(*, staged: RosterImport, absent_status: str = "") -> None:
    """Refuse, with the reason, a confirm that cannot be done: asked before the (long) import is queued, and
    again inside its transaction."""
    if staged.status != RosterImport.Status.STAGED or staged.checked_at is None:
        raise ValidationError(_("This import is no longer waiting for confirmation."))
    if staged.counts.get("error"):
        raise ValidationError(_("The roster still has errors: correct them and upload it again."))
    if _is_stale(staged):
        raise ValidationError(_("The roster changed since this preview: check the file again before importing."))
    if absent_status and absent_status not in ABSENT_CHOICES:
        raise ValidationError(_("Choose transferred or graduated for the children missing from the file."))


@transaction.atomic
def roster_confirm(*, staged: RosterImport, user: User, absent_status: str = "", absent_ids=()) -> RosterImport:
    """Write every staged row at once, from the rows checked for the preview; all or nothing."""
    staged = RosterImport.objects.select_for_update().get(pk=staged.pk)
    roster_may_confirm(staged=staged, absent_status=absent_status)

    reason = _("imported from %(file)s") % {"file": staged.file_name}
    now = timezone.now()
    results = staged.results
    new_rows = [r for r in results if r["status"] == "new"]
    changed_rows = [r for r in results if r["status"] == "changed"]
    undo = {"created": [], "children": {}, "parents": {}, "guardians": {}, "new_parents": [], "new_guardians": []}

    # New archives.
    children = []
    for r in new_rows:
        child = Child(school_id=staged.school_id, **roster.child_values(r["values"]))
        child.left_behind_type = (
            left_behind_type_from(_situation(r["values"], "father", None), _situation(r["values"], "mother", None))
            or ""
        )
        set_name_pinyin(child)
        children.append(child)
    history = {"default_user": user, "default_change_reason": reason}
    created = bulk_create_with_history(children, Child, **history)
    undo["created"] = [c.pk for c in created]
    parents, guardians = [], []
    for child, r in zip(created, new_rows, strict=True):
        for relation in ("father", "mother"):
            part = roster.part_values(r["values"], relation, roster.PARENT_FIELDS)
            if part:
                parents.append(Parent(child=child, relation=relation, **part))
        part = roster.part_values(r["values"], "guardian", roster.GUARDIAN_FIELDS)
        if part:
            guardians.append(Guardian(child=child, **part))

    # Changed archives: the fields the file fills in, on the child, its parents and its guardian.
    existing = Child.objects.in_bulk([r["match"] for r in changed_rows])
    existing_parents = defaultdict(dict)
    for parent in Parent.objects.filter(child__in=existing):
        existing_parents[parent.child_id][parent.relation] = parent
    existing_guardians = {}
    for guardian in Guardian.objects.filter(child__in=existing).order_by("-pk"):
        existing_guardians[guardian.child_id] = guardian  # the first one, as the archive page shows it
    child_fields, parent_fields, guardian_fields = set(), set(), set()
    to_update, parents_to_update, guardians_to_update = [], [], []
    for r in changed_rows:
        child = existing[r["match"]]
        wanted = roster.child_values(r["values"])
        mine = existing_parents[child.pk]
        wanted["left_behind_type"] = (
            left_behind_type_from(
                _situation(r["values"], "father", mine.get("father")),
                _situation(r["values"], "mother", mine.get("mother")),
            )
            or ""
        )
        undo["children"][child.pk] = _dump(child, [*wanted, "name_initials", "name_pinyin", "updated_at"])
        for name, value in wanted.items():
            setattr(child, name, value)
        set_name_pinyin(child)
        child.updated_at = now
        child_fields.update(wanted)
        to_update.append(child)
        for relation in ("father", "mother"):
            part = roster.part_values(r["values"], relation, roster.PARENT_FIELDS)
            if not part:
                continue
            parent = mine.get(relation)
            if parent is None:
                parents.append(Parent(child=child, relation=relation, **part))
                continue
            undo["parents"][parent.pk] = _dump(parent, part)
            for name, value in part.items():
                setattr(parent, name, value)
            parent_fields.update(part)
            parents_to_update.append(parent)
        part = roster.part_values(r["values"], "guardian", roster.GUARDIAN_FIELDS)
        if part:
            guardian = existing_guardians.get(child.pk)
            if guardian is None:
                guardians.append(Guardian(child=child, **part))
            else:
                undo["guardians"][guardian.pk] = _dump(guardian, part)
                for name, value in part.items():
                    setattr(guardian, name, value)
                guardian_fields.update(part)
                guardians_to_update.append(guardian)

    new_parent_ids = {p.child_id for p in parents} - set(undo["created"])
    made = bulk_create_with_history(parents, Parent, **history)
    undo["new_parents"] = [p.pk for p in made if p.child_id in new_parent_ids]
    made = bulk_create_with_history(guardians, Guardian, **history)
    undo["new_guardians"] = [g.pk for g in made if g.child_id not in set(undo["created"])]
    if to_update:
        fields = sorted(child_fields | {"left_behind_type", "name_initials", "name_pinyin", "updated_at"})
        bulk_update_with_history(to_update, Child, fields, **history)
    if parents_to_update:
        bulk_update_with_history(parents_to_update, Parent, sorted(parent_fields), **history)
    if guardians_to_update:
        bulk_update_with_history(guardians_to_update, Guardian, sorted(guardian_fields), **history)

    # Children missing from the file: marked transferred or graduated only when asked.
    undo["statuses"], undo["status_changes"] = {}, []
    if absent_status and absent_ids:
        today = timezone.localdate()
        missing = list(absent_children(staged).filter(pk__in=absent_ids))
        changes = ChildStatusChange.objects.bulk_create(
            [
                ChildStatusChange(child=c, status=absent_status, date=today, note=reason, recorded_by=user)
                for c in missing
            ]
        )
        undo["status_changes"] = [c.pk for c in changes]
        for child in missing:
            undo["statuses"][child.pk] = {"status": child.status, "updated_at": child.updated_at.isoformat()}
            child.status = absent_status
            child.updated_at = now
        bulk_update_with_history(missing, Child, ["status", "updated_at"], **history)

    staged.status = RosterImport.Status.CONFIRMED
    staged.confirmed_at = timezone.now()  # after every write, so a later change of these archives is later
    staged.undo = undo
    staged.counts = {**staged.counts, "absent_marked": len(undo["statuses"])}
    staged.save(update_fields=["status", "confirmed_at", "undo", "counts"])
    return staged


def roster_undo_losses(staged: RosterImport) -> dict[str, int]:
    """Talks, home visits and contacts with parents recorded on the archives this import created: undoing
    the import would hide them with their children, so it is refused while there are any."""
    created = staged.undo.get("created", []) if staged.undo else []
    counts = Child.all_objects.filter(pk__in=created).aggregate(
        talks=Count("talks", distinct=True),
        visits=Count("home_visits", distinct=True),
        contacts=Count("parent_contacts", distinct=True),
    )
    return {key: value or 0 for key, value in counts.items()}


@transaction.atomic
def roster_undo(*, staged: RosterImport, user: User) -> RosterImport:
    """Take a whole import back: its new archives are soft-deleted, changed ones get their old values."""
    staged = RosterImport.objects.select_for_update().get(pk=staged.pk)
    if staged.status != RosterImport.Status.CONFIRMED:
        raise ValidationError(_("Only an import that was confirmed can be undone."))
    undo = staged.undo
    touched = [*undo["created"], *undo["children"], *undo.get("statuses", {})]
    if Child.all_objects.filter(pk__in=touched, updated_at__gt=staged.confirmed_at).exists():
        raise ValidationError(
            _("Some of these archives were changed after the import: it can no longer be undone as a whole.")
        )
    losses = roster_undo_losses(staged)
    if any(losses.values()):
        raise ValidationError(
            _(
                "Since the import, %(talks)d talks, %(visits)d home visits and %(contacts)d contacts with parents "
                "were recorded on the children it created: undoing it would hide them, so it can no longer be "
                "undone as a whole."
            )
            % losses
        )
    reason = _("undo of the import of %(file)s") % {"file": staged.file_name}
    history = {"default_user": user, "default_change_reason": reason}
    for child in Child.objects.filter(pk__in=undo["created"]):
        child_soft_delete(child=child, user=user)
    Parent.objects.filter(pk__in=undo["new_parents"]).delete()
    Guardian.objects.filter(pk__in=undo["new_guardians"]).delete()
    ChildStatusChange.objects.filter(pk__in=undo.get("status_changes", [])).delete()
    old_children = {int(k): v for k, v in undo["children"].items()}
    for pk, values in undo.get("statuses", {}).items():
        old_children.setdefault(int(pk), {}).update(values)
    for model, olds in ((Child, old_children), (Parent, undo["parents"]), (Guardian, undo["guardians"])):
        olds = {int(k): v for k, v in olds.items()}
        objects = (model.all_objects if model is Child else model.objects).in_bulk(list(olds))
        fields = set()
        for pk, values in olds.items():
            obj = objects[pk]
            for name, value in values.items():
                setattr(obj, name, model._meta.get_field(name).to_python(value))
            fields.update(values)
        if objects:
            bulk_update_with_history(list(objects.values()), model, sorted(fields), **history)
    staged.status = RosterImport.Status.UNDONE
    staged.undone_at = timezone.now()
    staged.undone_by = user
    staged.save(update_fields=["status", "undone_at", "undone_by"])
    return staged


def error_workbook(staged: RosterImport) -> bytes:
    """The user's rows back, with an error column and the bad cells filled red, to fix in Excel."""
    return spreadsheets.error_workbook(
        title="花名册",
        headers=staged.headers,
        mapping=staged.mapping,
        rows=staged.rows,
        results=staged.results,
        header_of=lambda key: roster.BY_KEY[key].header,
    )


# --- A new school year: every class up one grade, the top grade graduates ---


def school_year_plan(school) -> dict:
    """What promoting the school would do, without writing: for each class with active children, the
    class they move to (None for the top grade, who graduate), and the classes that would be created."""
    classes = {(c.grade, c.number): c for c in school.classes.all()}
    active = Child.objects.filter(school=school, status=ChildStatus.ACTIVE)
    counts = {row["school_class"]: row["n"] for row in active.values("school_class").annotate(n=Count("pk"))}
    used = [c for c in classes.values() if counts.get(c.pk)]
    top = max((c.grade for c in used), default=0)
    moves, missing = [], []
    for school_class in sorted(used, key=lambda c: (c.grade, c.number)):
        target = None
        if school_class.grade < top:
            key = (school_class.grade + 1, school_class.number)
            target = classes.get(key)
            if target is None:
                missing.append(key)
        moves.append(
            {
                "from": school_class,
                "to": target,
                "to_key": None if school_class.grade == top else (school_class.grade + 1, school_class.number),
                "children": counts[school_class.pk],
            }
        )
    return {"top": top, "moves": moves, "missing": missing}


@transaction.atomic
def school_year_promote(*, school, user: User) -> dict:
    """Move every active child up one grade (same class number) and graduate the top grade, at once."""

    plan = school_year_plan(school)
    for grade, number in plan["missing"]:
        SchoolClass.objects.create(school=school, grade=grade, number=number)
    classes = {(c.grade, c.number): c.pk for c in school.classes.all()}
    reason = _("promoted to the next grade for the new school year")
    history = {"default_user": user, "default_change_reason": reason}
    today, now = timezone.localdate(), timezone.now()
    moved, graduated = [], []
    for move in plan["moves"]:
        children = list(Child.objects.filter(school_class=move["from"], status=ChildStatus.ACTIVE))
        for child in children:
            child.updated_at = now
            if move["to_key"] is None:
                child.status = ChildStatus.GRADUATED
                graduated.append(child)
            else:
                child.school_class_id = classes[move["to_key"]]
                moved.append(child)
    if moved:
        bulk_update_with_history(moved, Child, ["school_class", "updated_at"], **history)
    if graduated:
        bulk_update_with_history(graduated, Child, ["status", "updated_at"], **history)
        ChildStatusChange.objects.bulk_create(
            [
                ChildStatusChange(child=c, status=ChildStatus.GRADUATED, date=today, note=reason, recorded_by=user)
                for c in graduated
            ]
        )
    return {"moved": len(moved), "graduated": len(graduated), "created_classes": len(plan["missing"])}
