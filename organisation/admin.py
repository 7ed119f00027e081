from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from organisation.models import District, School, SchoolClass, Semester, User


@admin.register(User)
class ShouwangUserAdmin(UserAdmin):
    list_display = ["username", "full_name", "role", "school", "district", "is_active"]
    list_filter = ["role", "school", "is_active"]
    search_fields = ["username", "full_name"]
    fieldsets = (*UserAdmin.fieldsets, (None, {"fields": ["full_name", "role", "school", "district", "phone"]}))
    add_fieldsets = (*UserAdmin.add_fieldsets, (None, {"fields": ["full_name", "role", "school", "district"]}))


admin.site.register(District)
admin.site.register(School)


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["__str__", "school", "is_active"]
    list_filter = ["school"]
    filter_horizontal = ["head_teachers"]


@admin.register(Semester)
class SemesterAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "school", "start_date", "end_date", "is_current"]
    list_filter = ["school", "is_current"]
