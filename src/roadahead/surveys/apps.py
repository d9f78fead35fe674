from __future__ import annotations

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "roadahead.surveys"
    label = "surveys"
