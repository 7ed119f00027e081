from django.urls import path

from guardians import exports, results_views, roster_views, views

app_name = "guardians"
urlpatterns = [
    path("archive/new/", views.archive_create, name="archive_create"),
    path("archive/<int:pk>/", views.archive_edit, name="archive_edit"),
    path("card/<int:pk>/", views.contact_card, name="contact_card"),
    path("cards/class/<int:pk>/", views.class_contact_cards, name="class_contact_cards"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/export/", exports.contact_list_export, name="contact_list_export"),
    path("children/<int:child_pk>/contacts/new/", views.contact_form, name="contact_create"),
    path("contacts/<int:pk>/", views.contact_form, name="contact_edit"),
    path("roster/", roster_views.roster_upload, name="roster_upload"),
    path("roster/export/", exports.roster_export, name="roster_export"),
    path("roster/template/", roster_views.roster_template, name="roster_template"),
    path("roster/<int:pk>/columns/", roster_views.roster_mapping, name="roster_mapping"),
    path("roster/<int:pk>/", roster_views.roster_preview, name="roster_preview"),
    path("roster/<int:pk>/progress/", roster_views.roster_progress, name="roster_progress"),
    path("roster/<int:pk>/progress.json", roster_views.roster_progress_json, name="roster_progress_json"),
    path("roster/<int:pk>/errors/", roster_views.roster_errors, name="roster_errors"),
    path("roster/<int:pk>/undo/", roster_views.roster_undo, name="roster_undo"),
    path("school-year/", roster_views.school_year, name="school_year"),
    path("results/", results_views.results_upload, name="results_upload"),
    path("results/template/", results_views.results_template, name="results_template"),
    path("results/<int:pk>/columns/", results_views.results_mapping, name="results_mapping"),
    path("results/<int:pk>/", results_views.results_preview, name="results_preview"),
    path("results/<int:pk>/progress/", results_views.results_progress, name="results_progress"),
    path("results/<int:pk>/progress.json", results_views.results_progress_json, name="results_progress_json"),
    path("results/<int:pk>/errors/", results_views.results_errors, name="results_errors"),
    path("results/<int:pk>/undo/", results_views.results_undo, name="results_undo"),
]
