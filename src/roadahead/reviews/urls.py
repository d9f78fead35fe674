from __future__ import annotations

from django.urls import path

from roadahead.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.due_list, name="due_list"),
    path("pupil/<int:pupil_pk>/", views.pupil_reviews, name="pupil"),
    path("pupil/<int:pupil_pk>/summary/", views.pupil_summary, name="summary"),
    path("pupil/<int:pupil_pk>/new/", views.review_create, name="review_create"),
    path("pupil/<int:pupil_pk>/outcomes/new/", views.outcome_create, name="outcome_create"),
    path("pupil/<int:pupil_pk>/contribution/", views.contribution, name="contribution"),
    path("pupil/<int:pupil_pk>/contribution.pdf", views.contribution_pdf, name="contribution_pdf"),
    path("pupil/<int:pupil_pk>/epep/", views.epep, name="epep"),
    path("pupil/<int:pupil_pk>/epep.pdf", views.epep_pdf, name="epep_pdf"),
    path("pupil/<int:pupil_pk>/epep.csv", views.epep_csv, name="epep_csv"),
    path("<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("<int:pk>/progress/", views.review_progress, name="review_progress"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("outcomes/<int:pk>/progress/", views.outcome_progress, name="outcome_progress"),
]
