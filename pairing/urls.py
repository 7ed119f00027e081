from django.urls import path

from pairing import exports, views

app_name = "pairing"
urlpatterns = [
    path("my-week/", views.my_week, name="my_week"),
    path("children/<int:child_pk>/talks/new/", views.talk_create, name="talk_create"),
    path("talks/<int:pk>/", views.talk_edit, name="talk_edit"),
    path("children/<int:child_pk>/visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_edit, name="visit_edit"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("children/<int:child_pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", views.contact_edit, name="contact_edit"),
    path("classes/<int:pk>/grid/", views.class_grid, name="class_grid"),
    path("classes/<int:pk>/grid/export/", exports.class_grid_export, name="class_grid_export"),
    path("overview/", views.overview, name="overview"),
    path("overview/export/", exports.overview_export, name="overview_export"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/export/", exports.coverage_export, name="coverage_export"),
    path("carers/", views.carer_list, name="carer_list"),
    path("carers/export/", exports.carer_list_export, name="carer_list_export"),
    path("carers/new/", views.carer_create, name="carer_create"),
    path("carers/<int:pk>/", views.carer_edit, name="carer_edit"),
    path("children/<int:child_pk>/pairings/new/", views.pairing_create, name="pairing_create"),
    path("pairings/<int:pk>/end/", views.pairing_end, name="pairing_end"),
    path("norms/", views.norm_list, name="norm_list"),
    path("norms/new/", views.norm_create, name="norm_create"),
    path("norms/<int:pk>/", views.norm_edit, name="norm_edit"),
    path("norms/restore-defaults/", views.norm_restore_defaults, name="norm_restore_defaults"),
]
