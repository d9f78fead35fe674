from __future__ import annotations

from django.urls import path

from roadahead.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("trend/", views.survey_trend, name="trend"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/questions/", views.question_list, name="questions"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path("<int:pk>/links/", views.survey_links, name="links"),
    path("<int:pk>/answer/", views.respond_choose, name="respond_choose"),
    path("<int:pk>/answer/<str:group>/", views.respond, name="respond"),
    path("<int:pk>/summary.csv", views.summary_csv, name="summary_csv"),
    path("<int:pk>/responses.csv", views.responses_csv, name="responses_csv"),
]
