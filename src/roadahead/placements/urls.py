from __future__ import annotations

from django.urls import path

from roadahead.placements import views

app_name = "placements"
urlpatterns = [
    path("", views.placement_list, name="list"),
    path("new/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/edit/", views.placement_edit, name="edit"),
    path("<int:pk>/areas/new/", views.area_add, name="area_add"),
    path("<int:pk>/pupils/new/", views.assign, name="assign"),
    path("<int:pk>/sessions/", views.sessions_make, name="sessions_make"),
    path("assignments/<int:pk>/remove/", views.assignment_remove, name="assignment_remove"),
    path("sessions/<int:pk>/record/", views.session_record, name="session_record"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("pupil/<int:pupil_pk>/", views.pupil_placements, name="pupil"),
    path("pupil/<int:pupil_pk>/section/", views.pupil_section, name="pupil_section"),
    path("providers/<int:pk>/section/", views.provider_section, name="provider_section"),
]
