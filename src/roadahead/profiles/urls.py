from __future__ import annotations

app_name = "profiles"
urlpatterns: list = []
