from django.shortcuts import get_object_or_404, render

from children.extensions import panels_for, timeline_for, timeline_kinds
from children.scoping import children_for
from organisation.decorators import capability_required
from organisation.roles import Capability


@capability_required(Capability.VIEW_CHILDREN)
def child_detail(request, pk: int):
    """The whole archive at a glance, with what other apps add (panels) and the timeline."""
    child = get_object_or_404(children_for(request.user).select_related("school", "school_class"), pk=pk)
    kind = request.GET.get("kind") or None
    kinds = [kind] if kind in timeline_kinds() else None
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "panels": panels_for(child, request.user),
            "timeline": timeline_for([child], request.user, kinds=kinds),
            "timeline_kinds": timeline_kinds(),
            "kind": kind,
        },
    )
