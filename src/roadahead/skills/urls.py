from __future__ import annotations

from django.urls import path

from roadahead.skills import cohort_views, framework_views, views

app_name = "skills"
urlpatterns = [
    path("", cohort_views.cohort, name="cohort"),
    path("cohort/<str:by>/<str:key>/", cohort_views.cohort_pupils, name="cohort_pupils"),
    path("class/", views.record_for_class, name="class"),
    path("export.csv", views.export_assessments, name="export"),
    path("pupils/<int:pupil_pk>/", views.pupil_skills, name="pupil"),
    path("pupils/<int:pupil_pk>/summary/", views.pupil_summary, name="pupil_summary"),
    path("pupils/<int:pupil_pk>/record/", views.record_for_pupil, name="record"),
    path("assessments/<int:pk>/remove/", views.remove_assessment, name="remove"),
    path("frameworks/", framework_views.framework_list, name="frameworks"),
    path("frameworks/<int:pk>/edit/", framework_views.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/skills/new/", framework_views.skill_add, name="skill_add"),
    path("frameworks/skills/<int:pk>/edit/", framework_views.skill_edit, name="skill_edit"),
]
