from django.urls import path

from inspection import views

app_name = "inspection"
urlpatterns = [
    # The school: its self-inspection of a school year, the lists behind the values, evidence, action items.
    path("", views.school_current, name="school_current"),
    path("<int:school_year>/", views.school_inspection, name="school"),
    path("<int:school_year>/submit/", views.school_submit, name="school_submit"),
    path("<int:school_year>/figure/<str:key>/", views.school_figure, name="school_figure"),
    path("<int:school_year>/item/<int:item_pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:school_year>/evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("report/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("report/<int:pk>/workbook/", views.report_workbook, name="report_workbook"),
    # The district: every school side by side, its index, the review of one self-inspection.
    path("district/", views.district_overview, name="district"),
    path("district/index/", views.district_index, name="district_index"),
    path("district/index/<int:index_pk>/item/", views.district_item, name="district_item_add"),
    path("district/index/<int:index_pk>/section/", views.district_section, name="district_section_add"),
    path("district/section/<int:pk>/", views.district_section, name="district_section"),
    path("district/item/<int:pk>/", views.district_item, name="district_item"),
    path("district/item/<int:pk>/delete/", views.district_item_delete, name="district_item_delete"),
    path("district/<int:pk>/", views.district_review, name="district_review"),
    path("district/<int:pk>/return/", views.district_return, name="district_return"),
    path("district/<int:pk>/accept/", views.district_accept, name="district_accept"),
]
