from __future__ import annotations

from django.urls import path

from roadahead.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("new/", views.evaluation_create, name="create"),
    path("summary/", views.latest_summary, name="latest_summary"),
    path("<int:pk>/", views.evaluation_detail, name="detail"),
    path("<int:pk>/cohort/", views.cohort_edit, name="cohort"),
    path("<int:pk>/benchmark/<int:number>/", views.benchmark_edit, name="benchmark"),
    path("<int:pk>/suggestions/", views.apply_suggestions, name="apply_suggestions"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("<int:pk>/summary.csv", views.summary_csv, name="summary_csv"),
    path("actions/", views.action_list, name="actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
]
