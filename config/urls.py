from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from children.offline import offline_pages
from organisation import offline
from reports.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The installable web app: the service worker at the root, so its scope is every page (organisation/offline.py).
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/outbox/", offline.outbox_page, name="outbox"),
    path("offline/pages.json", offline_pages, name="offline_pages"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("school/", include("organisation.urls")),
    path("children/", include("children.urls")),
    path("guardians/", include("guardians.urls")),
    path("care/", include("pairing.urls")),
    path("activities/", include("activities.urls")),
    path("reports/", include("reports.urls")),
    path("inspection/", include("inspection.urls")),
    path("admin/", admin.site.urls),
]

# No /media/ URL, even in development: uploaded files are photos of minors and are served only
# through views that check login and scope (activities.views).
