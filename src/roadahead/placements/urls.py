from __future__ import annotations

app_name = "placements"
urlpatterns: list = []
