from __future__ import annotations

app_name = "transition"
urlpatterns: list = []
