from django.urls import path

from organisation import leading_group_views, list_exports, views

app_name = "organisation"
urlpatterns = [
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/export/", list_exports.staff_list_export, name="staff_list_export"),
    path("staff/new/", views.staff_form, name="staff_create"),
    path("staff/<int:pk>/", views.staff_form, name="staff_edit"),
    path("staff/<int:pk>/password/", views.staff_set_password, name="staff_set_password"),
    path("classes/", views.class_list, name="class_list"),
    path("classes/new/", views.class_form, name="class_create"),
    path("classes/<int:pk>/", views.class_form, name="class_edit"),
    path("semesters/", views.semester_list, name="semester_list"),
    path("semesters/new/", views.semester_form, name="semester_create"),
    path("semesters/<int:pk>/", views.semester_form, name="semester_edit"),
]

urlpatterns += [
    path("<int:pk>/", leading_group_views.school_detail, name="school_detail"),
    path("leading-group/", leading_group_views.leading_group, name="leading_group"),
    path("leading-group/export/", list_exports.leading_group_export, name="leading_group_export"),
    path("leading-group/<int:pk>/", leading_group_views.member_edit, name="leading_group_member_edit"),
    path("leading-group/<int:pk>/leave/", leading_group_views.member_end, name="leading_group_member_end"),
]
