from django.shortcuts import render

from organisation import scoping
from reports.selectors import home_summary


def home(request):
    """Each role's start page: who am I, my school(s), my classes and the counts I may see."""
    context = {"summary": home_summary(request.user)}
    if request.user.school_id:
        context["semester"] = scoping.current_semester(request.user.school)
    return render(request, "reports/home.html", context)
