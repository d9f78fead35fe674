"""Signing in, two-factor set-up and codes, and a careers leader's two-factor reset."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from roadahead.accounts import services
from roadahead.accounts.forms import CodeForm, SetupCodeForm
from roadahead.accounts.middleware import two_factor_required
from roadahead.accounts.models import BackupCodeDevice, normalise_code
from roadahead.people import rules
from roadahead.people.decorators import school_view
from roadahead.people.models import Membership

BACKUP_CODES_KEY = "new_backup_codes"
TOO_MANY = _lazy("Too many wrong codes in a row. Wait a minute, then enter the newest code.")


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return reverse(name) + "?" + urlencode({"next": next_url})


class SignInView(auth_views.LoginView):
    """Email and password; then, where two-factor is required, the code (or its set-up)."""

    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if two_factor_required():
            name = ("accounts:two_factor_verify" if services.has_two_factor(form.get_user())
                    else "accounts:two_factor_setup")
            return HttpResponseRedirect(_with_next(name, self.get_success_url()))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing a password keeps this session and ends every other one at once."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.end_sessions(user=self.request.user, keep=self.request.session.session_key)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A reset ends every session (someone else may have known the old password); it signs
    nobody in, so two-factor is still asked for at the next sign-in."""

    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.end_sessions(user=form.user)
        return response


def _qr_svg(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff", svgclass="ra-qr",
                                                lineclass=None)
    label = _("QR code for setting up Road Ahead in your authenticator app. "
              "If you cannot scan it, type the key shown below instead.")
    return svg.replace("<svg ", format_html('<svg role="img" aria-label="{}" ', label), 1)


def _grouped(secret: str) -> str:
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then enter a code from it."""
    user = request.user
    next_url = _next_url(request)
    if services.has_two_factor(user) and not user.is_verified():  # type: ignore[attr-defined]
        # A password alone must never replace someone's phone: they give a code first.
        return redirect(_with_next("accounts:two_factor_verify", next_url))
    device = services.start_authenticator(user=user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_MANY)
        elif device.verify_token(normalise_code(form.cleaned_data["code"])):
            codes = services.confirm_authenticator(device=device)
            otp_login(request, device)
            request.session.cycle_key()
            services.end_sessions(user=user, keep=request.session.session_key)
            request.session[BACKUP_CODES_KEY] = codes
            return redirect(_with_next("accounts:backup_codes", next_url))
        form.add_error("code", _("That code did not work. Check you scanned this page's QR code, "
                                 "wait for a new code in the app and enter it."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "registration/two_factor_setup.html", {
        "form": form, "qr": mark_safe(_qr_svg(device.config_url)),  # segno's SVG: no text from anyone  # nosec B308, B703  # segno's SVG of our own URL, no user text
        "secret": _grouped(secret), "next": next_url})


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Enter the code from the authenticator app, or a backup code."""
    user = request.user
    next_url = _next_url(request)
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if totp is None:
        return redirect(_with_next("accounts:two_factor_setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if code.isdigit():
            device: Any = totp
        else:
            device = BackupCodeDevice.objects.filter(user=user).first() or totp
        allowed, _data = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", TOO_MANY)
        elif device.verify_token(code):
            otp_login(request, device)
            request.session.cycle_key()
            if isinstance(device, BackupCodeDevice):
                left = device.codes.count()  # type: ignore[attr-defined]
                messages.warning(request, _("You used a backup code. You have %(left)d left.") % {"left": left})
            return redirect(next_url)
        else:
            form.add_error("code", _("That code did not work. Enter the newest code from the app; "
                                     "each code works once."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The ten backup codes, shown once, straight after set-up."""
    codes = request.session.pop(BACKUP_CODES_KEY, None)
    next_url = _next_url(request)
    if not codes:
        return redirect(next_url)
    return render(request, "registration/backup_codes.html", {"codes": codes, "next": next_url})


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the page after too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


@require_POST
@school_view(rules.can_manage_school)
def reset_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    membership = Membership.objects.filter(school=school, pk=pk).select_related("user", "school").first()
    if membership is None:
        raise Http404
    services.reset_two_factor(membership=membership, by=request.user)
    messages.success(request, _("Two-factor sign-in reset. %(name)s will set it up again next time they sign in.")
                     % {"name": membership.user.display_name})
    return redirect("people:staff_edit", school_slug=school.slug, pk=membership.pk)
