from django.urls import path

from activities import exports, home_views, views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("export/", exports.activity_list_export, name="list_export"),
    path("new/", views.activity_form, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_form, name="edit"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/attendance/class/", views.attendance_add_class, name="attendance_add_class"),
    path("<int:pk>/attendance/<int:child_pk>/remove/", views.attendance_remove, name="attendance_remove"),
    path("<int:pk>/guardians/", views.guardian_attendance, name="guardians"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/thumbnail/", views.evidence_thumbnail, name="evidence_thumbnail"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("birthdays/", views.birthdays, name="birthdays"),
    path("birthdays/export/", exports.birthdays_export, name="birthdays_export"),
    path("birthdays/party/", views.birthday_party, name="birthday_party"),
    path("assistance/", views.assistance_list, name="assistance_list"),
    path("assistance/export/", exports.assistance_export, name="assistance_export"),
    path("assistance/new/", views.assistance_form, name="assistance_create"),
    path("assistance/<int:pk>/edit/", views.assistance_form, name="assistance_edit"),
    path("medical-exams/", views.medical_exam_list, name="medical_exam_list"),
    path("medical-exams/export/", exports.medical_exam_export, name="medical_exam_export"),
    path("medical-exams/new/", views.medical_exam_form, name="medical_exam_create"),
    path("medical-exams/<int:pk>/edit/", views.medical_exam_form, name="medical_exam_edit"),
]

urlpatterns += [
    path("home/", home_views.home, name="home"),
    path("home/sessions/export/", exports.home_sessions_export, name="home_sessions_export"),
    path("home/edit/", home_views.home_edit, name="home_edit"),
    path("home/sessions/new/", home_views.session_form, name="home_session_create"),
    path("home/sessions/<int:pk>/", home_views.session_detail, name="home_session"),
    path("home/sessions/<int:pk>/edit/", home_views.session_form, name="home_session_edit"),
    path("home/sessions/<int:pk>/class/", home_views.session_add_class, name="home_session_add_class"),
    path(
        "home/sessions/<int:pk>/children/<int:child_pk>/remove/",
        home_views.session_remove_child,
        name="home_session_remove_child",
    ),
    path("home/books/", home_views.loan_list, name="home_loans"),
    path("home/books/export/", exports.home_loans_export, name="home_loans_export"),
    path("home/books/new/", home_views.loan_form, name="home_loan_create"),
    path("home/books/<int:pk>/edit/", home_views.loan_form, name="home_loan_edit"),
    path("home/books/<int:pk>/return/", home_views.loan_return, name="home_loan_return"),
]
