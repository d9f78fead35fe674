from __future__ import annotations

from django.urls import path

from roadahead.guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.due_list, name="due"),
    path("overdue/", views.overdue_list, name="overdue"),
    path("actions/", views.action_list, name="actions"),
    path("export.csv", views.export_meetings, name="export"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("pupil/<int:pupil_pk>/", views.pupil_meetings, name="pupil"),
    path("pupil/<int:pupil_pk>/section/", views.pupil_section, name="pupil_section"),
    path("pupil/<int:pupil_pk>/new/", views.record_meeting, name="record"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.edit_meeting, name="edit"),
    path("<int:pk>/delete/", views.delete_meeting, name="delete"),
]
