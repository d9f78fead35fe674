from __future__ import annotations

app_name = "guidance"
urlpatterns: list = []
