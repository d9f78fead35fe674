from __future__ import annotations

app_name = "destinations"
urlpatterns: list = []
