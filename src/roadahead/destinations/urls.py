from __future__ import annotations

from django.urls import path

from roadahead.destinations import views

app_name = "destinations"
urlpatterns = [
    path("", views.leaver_list, name="list"),
    path("check-ins/", views.check_ins, name="check_ins"),
    path("report/", views.report, name="report"),
    path("export/", views.la_export, name="export"),
    path("retention/", views.retention_page, name="retention"),
    path("retention/anonymise/", views.retention_anonymise, name="anonymise"),
    path("pupil/<int:pupil_pk>/", views.pupil_destinations, name="pupil"),
    path("pupil/<int:pupil_pk>/section/", views.fragment, name="fragment"),
    path("pupil/<int:pupil_pk>/record/", views.record, name="record"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/in-keeping/", views.override, name="override"),
    path("check-ins/<int:pk>/", views.check_in, name="check_in"),
]
