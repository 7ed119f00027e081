from django.urls import path

from organisation import views

app_name = "organisation"
urlpatterns = [
    path("staff/", views.staff_list, name="staff_list"),
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
