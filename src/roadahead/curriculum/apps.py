from __future__ import annotations

from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "roadahead.curriculum"
    label = "curriculum"
