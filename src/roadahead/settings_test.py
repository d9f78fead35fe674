"""Settings for the test suite: the real settings with only what tests need changed."""

from __future__ import annotations

from roadahead.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The suite signs people in with force_login and client.login; tests of sign-in security switch
# these on with override_settings (tests/accounts).
ROADAHEAD_REQUIRE_TWO_FACTOR = False
AXES_ENABLED = False
