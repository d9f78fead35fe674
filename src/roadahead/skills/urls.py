from __future__ import annotations

app_name = "skills"
urlpatterns: list = []
