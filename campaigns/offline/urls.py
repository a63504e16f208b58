"""The staff service worker and the manifest: outside the admin, since a worker's script must load
even when the session has ended (it holds nothing private)."""

from django.urls import path

from . import views

urlpatterns = [
    path("offline/staff-sw.js", views.StaffServiceWorker.as_view(), name="offline_staff_sw"),
    path("offline/manifest.webmanifest", views.manifest, name="offline_manifest"),
]
