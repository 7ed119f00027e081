"""The class list of children whose guardian has not signed the safety responsibility letter."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from children import safety
from children.scoping import get_child_for
from organisation import scoping
from organisation.decorators import capability_required
from organisation.params import query_id
from organisation.roles import Capability


@capability_required(Capability.EDIT_ARCHIVES)
def safety_letters(request):
    class_id = request.GET.get("class", "")
    class_id = query_id(class_id)
    labels = {c.pk: c.label for c in scoping.classes_for(request.user)}
    rows = safety.letters_by_class(request.user)
    for row in rows:
        row["label"] = labels.get(row["class_id"], "")
    return render(
        request,
        "children/safety_letters.html",
        {
            "classes": rows,
            "children": safety.without_letter(request.user, class_id=class_id),
            "class_id": class_id,
            "today": timezone.localdate(),
        },
    )


@capability_required(Capability.EDIT_ARCHIVES)
@require_POST
def safety_letter_sign(request, pk: int):
    child = get_child_for(request.user, pk, write=True)
    try:
        on = date.fromisoformat(request.POST.get("signed_on") or timezone.localdate().isoformat())
        safety.letter_sign(child=child, on=on, user=request.user)
    except ValueError:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The safety letter of %(name)s is signed.") % {"name": child.name})
    back = request.POST.get("class", "")
    return redirect(reverse("children:safety_letters") + (f"?class={query_id(back)}" if query_id(back) else ""))
