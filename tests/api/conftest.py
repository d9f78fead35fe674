"""Helpers for API tests: tokens for each member of the test school, and a client that sends them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from roadahead.api.services import create_token
from roadahead.people.models import Membership


class ApiClient:
    """A test client that sends one API token with every request, and nothing else."""

    def __init__(self, raw: str | None) -> None:
        self.client = Client()
        self.raw = raw

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.raw}"} if self.raw else {}

    def get(self, path: str, **params: Any):
        return self.client.get(f"/api/v1{path}", params, headers=self._headers())

    def post(self, path: str, data: dict[str, Any]):
        return self.client.post(f"/api/v1{path}", data, content_type="application/json", headers=self._headers())

    def patch(self, path: str, data: dict[str, Any]):
        return self.client.patch(f"/api/v1{path}", data, content_type="application/json", headers=self._headers())


def token_for(membership: Membership, *, read_only: bool = False) -> str:
    _token, raw = create_token(membership=membership, name="Test script", read_only=read_only)
    return raw


@pytest.fixture
def api_as(world):
    """`api_as("careers_leader")` is a client acting with that member's read and write token."""

    def make(role: str, *, read_only: bool | None = None) -> ApiClient:
        membership = getattr(world, role)
        return ApiClient(token_for(membership, read_only=membership.read_only if read_only is None else read_only))

    return make
