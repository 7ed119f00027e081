from django.urls import path

from pairing import attention_views, care_log_views, exports, plan_views, views

app_name = "pairing"
urlpatterns = [
    path("my-week/", views.my_week, name="my_week"),
    path("children/<int:child_pk>/talks/new/", views.talk_form, name="talk_create"),
    path("talks/<int:pk>/", views.talk_form, name="talk_edit"),
    path("children/<int:child_pk>/visits/new/", views.visit_form, name="visit_create"),
    path("visits/<int:pk>/", views.visit_form, name="visit_edit"),
    path("classes/<int:pk>/grid/", views.class_grid, name="class_grid"),
    path("classes/<int:pk>/grid/export/", exports.class_grid_export, name="class_grid_export"),
    path("overview/", views.overview, name="overview"),
    path("overview/export/", exports.overview_export, name="overview_export"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/export/", exports.coverage_export, name="coverage_export"),
    path("carers/", views.carer_list, name="carer_list"),
    path("carers/export/", exports.carer_list_export, name="carer_list_export"),
    path("carers/new/", views.carer_form, name="carer_create"),
    path("carers/<int:pk>/", views.carer_form, name="carer_edit"),
    path("children/<int:child_pk>/pairings/new/", views.pairing_create, name="pairing_create"),
    path("pairings/<int:pk>/end/", views.pairing_end, name="pairing_end"),
    path("norms/", views.norm_list, name="norm_list"),
    path("norms/new/", views.norm_form, name="norm_create"),
    path("norms/<int:pk>/", views.norm_form, name="norm_edit"),
    path("norms/restore-defaults/", views.norm_restore_defaults, name="norm_restore_defaults"),
    path("attention/", attention_views.attention_list, name="attention"),
    path("attention/export/", exports.attention_export, name="attention_export"),
    path("attention/settings/", attention_views.attention_settings, name="attention_settings"),
    path("children/<int:child_pk>/attention/snooze/", attention_views.attention_snooze, name="attention_snooze"),
    path("children/<int:child_pk>/safety-events/new/", attention_views.safety_event_form, name="safety_event_create"),
    path("safety-events/<int:pk>/", attention_views.safety_event_form, name="safety_event_edit"),
]

urlpatterns += [
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/export/", exports.plan_list_export, name="plan_list_export"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plan_views.plan_form, name="plan_edit"),
    path("children/<int:child_pk>/plans/new/", plan_views.plan_form, name="plan_create"),
]

urlpatterns += [
    path("logs/talks/", care_log_views.talk_log, name="talk_log"),
    path("logs/talks/export/", exports.talk_log_export, name="talk_log_export"),
    path("logs/visits/", care_log_views.visit_log, name="visit_log"),
    path("logs/visits/export/", exports.visit_log_export, name="visit_log_export"),
    path("logs/contacts/", care_log_views.contact_log, name="contact_log"),
    path("logs/contacts/export/", exports.contact_log_export, name="contact_log_export"),
]
