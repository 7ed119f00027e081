from django.urls import path

from children import exports, safety_views, views

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="list"),
    path("export/", exports.child_list_export, name="export"),
    path("completeness/", views.completeness, name="completeness"),
    path("completeness/export/", exports.completeness_export, name="completeness_export"),
    path("deleted/", views.deleted_list, name="deleted"),
    path("<int:pk>/", views.child_detail, name="detail"),
    path("<int:pk>/history/", views.child_history, name="history"),
    path("<int:pk>/status/", views.child_status, name="status"),
    path("<int:pk>/delete/", views.child_delete, name="delete"),
    path("<int:pk>/restore/", views.child_restore, name="restore"),
    path("<int:child_pk>/results/new/", views.result_form, name="result_create"),
    path("results/<int:pk>/", views.result_form, name="result_edit"),
]

urlpatterns += [
    path("safety-letters/", safety_views.safety_letters, name="safety_letters"),
    path("safety-letters/export/", exports.safety_letters_export, name="safety_letters_export"),
    path("<int:pk>/safety-letter/", safety_views.safety_letter_sign, name="safety_letter_sign"),
]
