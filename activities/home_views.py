"""Views of the children's home (留守儿童之家): the home page with its opening log, one opening (children
who came, family-phone calls), and the book-borrowing log. Rules live in activities.home_selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities import home_selectors as selectors
from activities import home_services as services
from activities.home_forms import BookLoanForm, ChildrensHomeForm, HomeCallForm, HomeSessionForm
from activities.models import BookLoan, ChildrensHome, HomeSession
from children.scoping import children_for
from guardians.models import ParentContact
from organisation import scoping
from organisation.decorators import capability_required
from organisation.params import query_id
from organisation.rendering import add_errors, form_page
from organisation.roles import Capability

READ = Capability.EDIT_ARCHIVES  # staff who keep archives: principals, archive keepers, head teachers
SESSIONS_PER_PAGE = 20
LOANS_PER_PAGE = 30


def _my_home(request) -> ChildrensHome | None:
    return (
        selectors.homes_for(request.user).select_related("responsible").filter(school_id=request.user.school_id).first()
    )


@capability_required(READ)
def home(request):
    """The school's home and its opening log; its managers set it up when there is none yet."""
    the_home = _my_home(request)
    if the_home is None:
        return render(
            request,
            "activities/home.html",
            {"home": None, "may_set_up": request.user.can(Capability.MANAGE_ACTIVITIES)},
        )
    page = Paginator(selectors.session_list(request.user, the_home), SESSIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    overdue = selectors.loan_list(request.user, the_home, overdue_only=True).count()
    return render(
        request,
        "activities/home.html",
        {
            "home": the_home,
            "page": page,
            "overdue": overdue,
            "may_edit_home": selectors.editable_homes_for(request.user).filter(pk=the_home.pk).exists(),
        },
    )


@capability_required(Capability.MANAGE_ACTIVITIES)
def home_edit(request):
    """Set up or change the school's children's home."""
    the_home = _my_home(request) or ChildrensHome(school=request.user.school)
    form = ChildrensHomeForm(request.POST or None, instance=the_home, school=the_home.school)
    if form.is_valid():
        try:
            services.home_save(home=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Children's home saved."))
            return redirect("activities:home")
    return form_page(request, form, title=_("The children's home"), back="activities:home")


@capability_required(READ)
def session_form(request, pk: int | None = None):
    """Log an opening of the home, or change one the write rule allows."""
    if pk is None:
        the_home = _my_home(request)
        if the_home is None:
            raise Http404
        session = HomeSession(home=the_home, duty=request.user)
    else:
        session = get_object_or_404(selectors.editable_sessions_for(request.user).select_related("home"), pk=pk)
    form = HomeSessionForm(request.POST or None, instance=session, school=session.home.school_id)
    if form.is_valid():
        try:
            services.session_save(session=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Opening of %(date)s saved.") % {"date": session.date.isoformat()})
            return redirect("activities:home_session", pk=session.pk)
    return form_page(request, form, title=_("An opening of the children's home"), back="activities:home")


def _session(request, pk: int, *, write: bool = False) -> HomeSession:
    rule = selectors.editable_sessions_for if write else selectors.sessions_for
    return get_object_or_404(rule(request.user).select_related("home", "duty"), pk=pk)


@capability_required(READ)
def session_detail(request, pk: int):
    """One opening: add the children who came (a whole class in one step, or by search and tick), and log
    the family-phone calls they made."""
    session = _session(request, pk)
    may_edit = selectors.editable_sessions_for(request.user).filter(pk=session.pk).exists()
    came = list(selectors.session_children(request.user, session))
    call_form = None
    if may_edit:
        call_form = HomeCallForm(
            request.POST or None if request.POST.get("form") == "call" else None,
            instance=ParentContact(date=session.date),
            children=children_for(request.user).filter(school_id=session.home.school_id, home_sessions=session),
            initial={"channel": ParentContact.Channel.CALL},
            prefix="call",
        )
        if request.method == "POST":
            if call_form.is_bound and call_form.is_valid():
                try:
                    services.home_call_save(session=session, contact=call_form.instance, user=request.user)
                except ValidationError as error:
                    add_errors(call_form, error)
                else:
                    messages.success(request, _("Family-phone call saved."))
                    return redirect("activities:home_session", pk=session.pk)
            elif request.POST.get("form") == "children":
                try:
                    added = services.session_add_children(
                        session=session, children=request.POST.getlist("children"), user=request.user
                    )
                except (ValidationError, ValueError):
                    raise Http404 from None
                messages.success(request, _("%(count)d children added.") % {"count": added})
                return redirect(request.get_full_path())
    elif request.method == "POST":
        raise PermissionDenied
    candidates = children_for(request.user).active().filter(school_id=session.home.school_id)
    class_id = request.GET.get("class", "")
    if query_id(class_id) is not None:
        candidates = candidates.filter(school_class_id=query_id(class_id))
    q = request.GET.get("q", "").strip()
    if q:
        candidates = candidates.filter(name__icontains=q)
    came_ids = {c.pk for c in came}
    return render(
        request,
        "activities/home_session.html",
        {
            "session": session,
            "may_edit": may_edit,
            "came": came,
            "came_ids": came_ids,
            "calls": list(selectors.session_calls(request.user, session)),
            "call_form": call_form,
            "classes": scoping.classes_for(request.user).filter(school_id=session.home.school_id, is_active=True),
            "class_id": query_id(class_id),
            "q": q,
            "candidates": candidates.select_related("school_class").order_by("school_class__grade", "name")[:200]
            if may_edit
            else [],
        },
    )


@capability_required(READ)
@require_POST
def session_add_class(request, pk: int):
    session = _session(request, pk, write=True)
    school_class = get_object_or_404(
        scoping.classes_for(request.user).filter(school_id=session.home.school_id),
        pk=query_id(request.POST.get("school_class")) or 0,
    )
    added = services.session_add_class(session=session, school_class=school_class, user=request.user)
    messages.success(
        request, _("%(count)d children of %(class)s added.") % {"count": added, "class": school_class.label}
    )
    return redirect("activities:home_session", pk=session.pk)


@capability_required(READ)
@require_POST
def session_remove_child(request, pk: int, child_pk: int):
    session = _session(request, pk, write=True)
    child = get_object_or_404(children_for(request.user).filter(home_sessions=session), pk=child_pk)
    services.session_remove_child(session=session, child=child)
    messages.success(request, _("%(name)s removed from the session.") % {"name": child.name})
    return redirect("activities:home_session", pk=session.pk)


@capability_required(READ)
def loan_list(request):
    """The book-borrowing log: every loan, the open ones, or the overdue ones."""
    the_home = _my_home(request)
    if the_home is None:
        raise Http404
    show = request.GET.get("show", "")
    loans = selectors.loan_list(request.user, the_home, overdue_only=show == "overdue", open_only=show == "open")
    page = Paginator(loans, LOANS_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for loan in page.object_list:
        loan.overdue = loan.is_overdue(today)
    return render(request, "activities/home_loans.html", {"home": the_home, "page": page, "show": show})


@capability_required(READ)
def loan_form(request, pk: int | None = None):
    if pk is None:
        the_home = _my_home(request)
        if the_home is None:
            raise Http404
        loan = BookLoan(home=the_home)
    else:
        loan = get_object_or_404(selectors.editable_loans_for(request.user).select_related("home"), pk=pk)
    children = children_for(request.user).filter(school_id=loan.home.school_id).select_related("school_class")
    form = BookLoanForm(request.POST or None, instance=loan, children=children)
    if form.is_valid():
        try:
            services.loan_save(loan=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Loan of “%(title)s” saved.") % {"title": loan.title})
            return redirect("activities:home_loans")
    return form_page(request, form, title=_("A book loan"), back="activities:home_loans")


@capability_required(READ)
@require_POST
def loan_return(request, pk: int):
    loan = get_object_or_404(selectors.editable_loans_for(request.user).select_related("home"), pk=pk)
    if loan.returned_on is None:
        services.loan_return(loan=loan, on=timezone.localdate(), user=request.user)
        messages.success(request, _("“%(title)s” is back.") % {"title": loan.title})
    return redirect("activities:home_loans")
