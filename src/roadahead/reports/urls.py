from __future__ import annotations

from django.urls import path

from roadahead.reports import views

app_name = "reports"
urlpatterns: list = [
    path("", views.index, name="index"),
    path("governors/", views.governors, name="governors"),
    path("governors/pdf/", views.governors_pdf, name="governors_pdf"),
    path("ofsted/", views.ofsted, name="ofsted"),
    path("ofsted/pdf/", views.ofsted_pdf, name="ofsted_pdf"),
    path("pupil/<int:pupil_pk>/", views.pupil, name="pupil"),
    path("pupil/<int:pupil_pk>/pdf/", views.pupil_pdf, name="pupil_pdf"),
    path("cohort/", views.cohort, name="cohort"),
    path("cohort/pdf/", views.cohort_pdf, name="cohort_pdf"),
]
