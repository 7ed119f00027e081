from django.urls import path

from reports import level_views, views
from reports import monthly_views as views_monthly

app_name = "reports"
urlpatterns = [
    # The school: dashboard, figures, the semester summary, students on roll, class and carer tables.
    path("dashboard/", views.dashboard, name="dashboard"),
    path("figures/<int:pk>/<slug:key>/", views.figure_children, name="figure_children"),
    path("summary/", views.summary_current, name="summary_current"),
    path("summary/<int:pk>/", views.summary, name="summary"),
    path("summary/<int:pk>/figure/<str:key>/", views.summary_figure, name="summary_figure"),
    path("summary/<int:pk>/sign/", views.summary_sign, name="summary_sign"),
    path("summary/<int:pk>/reopen/", views.summary_reopen, name="summary_reopen"),
    path("summary/<int:pk>/workbook/", views.summary_workbook, name="summary_workbook"),
    path("summary/<int:pk>/pdf/", views.summary_pdf, name="summary_pdf"),
    path("enrolment/<int:pk>/", views.enrolment, name="enrolment"),
    path("enrolment/<int:pk>/export/", views.enrolment_export, name="enrolment_export"),
    path("tables/<int:pk>/", views.tables, name="tables"),
    path("tables/<int:pk>/export/", views.tables_export, name="tables_export"),
    # Monthly reports: the school writes and submits them; the district reviews and rolls them up.
    path("monthly/", views_monthly.monthly_list, name="monthly_list"),
    path("monthly/export/", views_monthly.monthly_list_export, name="monthly_list_export"),
    path("monthly/current/", views_monthly.monthly_current, name="monthly_current"),
    path("monthly/<int:year>/<int:month>/", views_monthly.monthly_report, name="monthly_report"),
    path("monthly/<int:year>/<int:month>/figure/<str:key>/", views_monthly.monthly_figure, name="monthly_figure"),
    path("monthly/<int:year>/<int:month>/submit/", views_monthly.monthly_submit, name="monthly_submit"),
    path("monthly/item/<int:pk>/", views_monthly.monthly_item, name="monthly_item"),
    path("monthly/item/<int:pk>/delete/", views_monthly.monthly_item_delete, name="monthly_item_delete"),
    path("district/settings/", views_monthly.district_settings, name="district_settings"),
    path("district/reports/", views_monthly.district_reports, name="district_reports"),
    path("district/reports/<int:pk>/", views_monthly.district_report, name="district_report"),
    path("district/reports/<int:pk>/return/", views_monthly.district_return, name="district_return"),
    path("district/reports/<int:pk>/accept/", views_monthly.district_accept, name="district_accept"),
    path("district/rollup/", views_monthly.district_rollup, name="district_rollup"),
    path("district/workbook/", views_monthly.district_workbook, name="district_workbook"),
    path("district/summaries/<int:pk>/", views_monthly.district_summary, name="district_summary"),
    # The levels: a county, a prefecture, a province, from the frozen monthly figures; approval bottom-up.
    path("area/", level_views.area_home, name="area_home"),
    path("area/<str:level>/<int:pk>/", level_views.area, name="area"),
    path("area/<str:level>/<int:pk>/approve/", level_views.area_approve, name="area_approve"),
    path("area/<str:level>/<int:pk>/unapprove/", level_views.area_unapprove, name="area_unapprove"),
]
