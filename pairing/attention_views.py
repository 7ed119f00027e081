"""The attention list (关注名单), snoozing one reason, safety events (强制报告) and the school's thresholds."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from children.scoping import children_for, get_child_for
from organisation import scoping
from organisation.decorators import capability_required
from organisation.rendering import form_page, next_or
from organisation.roles import Capability
from pairing import attention, services
from pairing.forms import AttentionSettingsForm, SafetyEventForm, SnoozeForm
from pairing.models import AttentionSettings


@capability_required(Capability.EDIT_ARCHIVES)
def attention_list(request):
    """The children in the user's scope who need someone now, by tier, with their reasons."""
    result = attention.load_attention(children_for(request.user).active(), request.user)
    tier = request.GET.get("tier", "")
    reason = request.GET.get("reason", "")
    entries = attention.filtered_entries(result, tier=tier, reason=reason)
    return render(
        request,
        "pairing/attention.html",
        {
            "result": result,
            "entries": entries,
            "tiers": [(t, attention.TIER_LABELS[t], result.by_tier[t]) for t in attention.TIER_ORDER],
            "tier": tier,
            "reason": reason,
            "snooze_form": SnoozeForm(),
        },
    )


@capability_required(Capability.EDIT_ARCHIVES)
@require_POST
def attention_snooze(request, child_pk: int):
    child = get_child_for(request.user, child_pk, write=True)
    form = SnoozeForm(request.POST)
    if not form.is_valid() or form.cleaned_data["reason"] not in attention.REASON_LABELS:
        messages.error(request, _("Say why you put this reason aside, and for how long."))
    else:
        services.attention_snooze(
            child=child,
            reason=form.cleaned_data["reason"],
            until=timezone.localdate() + timedelta(days=form.cleaned_data["days"]),
            note=form.cleaned_data["note"],
            user=request.user,
        )
        messages.success(request, _("Put aside for %(name)s until the work is due again.") % {"name": child.name})
    return redirect(next_or(request, reverse("pairing:attention")))


@capability_required(Capability.EDIT_ARCHIVES)
def safety_event_form(request, child_pk: int | None = None, pk: int | None = None):
    """Record a safety event (强制报告) on a child, or update one the user may see (principal, recorder)."""
    if pk is not None:
        event = get_object_or_404(attention.safety_events_for(request.user).select_related("child"), pk=pk)
        child = event.child
    else:
        child = get_child_for(request.user, child_pk, write=True)
        event = None
    form = SafetyEventForm(request.POST or None, instance=event)
    if form.is_valid():
        services.safety_event_save(event=form.instance, child=child, user=request.user)
        messages.success(request, _("Safety event of %(name)s saved.") % {"name": child.name})
        return redirect("children:detail", pk=child.pk)
    title = _("Safety event of %(name)s") % {"name": child.name}
    return form_page(request, form, title=title, back=child, child=child)


@capability_required(Capability.MANAGE_SCHOOL)
def attention_settings(request):
    """The school's own thresholds; each field says the value in force and whether it is the school's own, the
    district's default or the built-in one."""
    school = scoping.managed_school(request.user)
    settings_row = AttentionSettings.objects.filter(school=school).first() or AttentionSettings(school=school)
    form = AttentionSettingsForm(
        request.POST or None, instance=settings_row, sources=attention.threshold_sources(school)
    )
    if form.is_valid():
        services.attention_settings_save(settings=form.instance)
        messages.success(request, _("Attention thresholds saved."))
        return redirect("pairing:attention")
    if request.method == "POST" and not request.user.school_id:
        raise Http404
    return form_page(request, form, title=_("Attention thresholds"), back="pairing:attention")
