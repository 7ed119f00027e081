from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("summary/", views.summary_current, name="summary_current"),
    path("summary/<int:pk>/", views.summary, name="summary"),
    path("summary/<int:pk>/sign/", views.summary_sign, name="summary_sign"),
    path("summary/<int:pk>/reopen/", views.summary_reopen, name="summary_reopen"),
]
urlpatterns += [path("enrolment/<int:pk>/", views.enrolment, name="enrolment")]
urlpatterns += [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("figures/<int:pk>/<slug:key>/", views.figure_children, name="figure_children"),
]
urlpatterns += [path("summary/<int:pk>/workbook/", views.summary_workbook, name="summary_workbook")]
urlpatterns += [path("tables/<int:pk>/", views.tables, name="tables")]
