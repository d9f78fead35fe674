"""Browser test fixtures (a pytest plugin loaded by tests/conftest.py): `browser`, `page`, `axe`.

Debian's Chromium driven by Playwright, with axe-core on every page visited. Test modules use the
fixtures by name and must not import them: an imported fixture becomes a second session-wide
browser, and two Playwright instances cannot share the test thread.

Chromium is the system one (`/usr/bin/chromium`), never a downloaded build. Without it the tests
are skipped, unless ROADAHEAD_REQUIRE_BROWSER=1 (as in CI), when they fail.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
# WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("ROADAHEAD_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


# One Playwright and one Chromium for the whole run. Test modules outside tests/browser import
# these fixtures, which makes each of them a separate session fixture; a second sync_playwright()
# in the same thread fails, so every copy shares the instance started first.
_shared: dict[str, object] = {}


def _stop_shared() -> None:
    if "chromium" in _shared:
        _shared.pop("chromium").close()  # type: ignore[attr-defined]
        _shared.pop("playwright").stop()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> object:
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("ROADAHEAD_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and ROADAHEAD_REQUIRE_BROWSER=1")
        pytest.skip(message)
    if "chromium" not in _shared:
        from playwright.sync_api import sync_playwright

        _shared["playwright"] = playwright = sync_playwright().start()
        _shared["chromium"] = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        request.session.config.add_cleanup(_stop_shared)
    return _shared["chromium"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


class AxeChecker:
    """Runs axe-core on a page and fails the test on any WCAG 2.2 A/AA violation."""

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.checked: list[str] = []

    def __call__(self, page) -> None:
        # A click that navigates returns once the new page has started; judge it only after its
        # style sheets have loaded, or unstyled links fail the target-size rule at random.
        page.wait_for_load_state("load")
        results = self.axe.run(page, options=AXE_OPTIONS)
        self.checked.append(page.url)
        violations = results.response["violations"]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations)
        assert not violations, f"Accessibility violations on {page.url}:\n{details}"


@pytest.fixture
def axe() -> AxeChecker:
    return AxeChecker()


def sign_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


class Keyboard:
    """Driving a page by keyboard alone, as a keyboard user does: Tab to a control, type, press.

    `count` is the number of interactions so far (each key press, and each typed text once), for
    tests that keep a job from quietly needing more steps.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.count = 0

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self.count += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.count += 1

    def focused(self) -> str:
        """A focused control's name (a radio's or checkbox's as name=value), or a link's or button's text."""
        return self.page.evaluate(
            "(e => ['SELECT', 'TEXTAREA'].includes(e.tagName) ? e.name"
            " : e.tagName === 'INPUT' ? (['radio', 'checkbox'].includes(e.type) ? e.name + '=' + e.value : e.name)"
            " : e.textContent.trim())(document.activeElement)")

    def tab_to(self, wanted: str, *, limit: int = 200, exact: bool = False) -> None:
        """Tab forward until the focused control's name or text starts with `wanted` (is `wanted`,
        if `exact`: "pupil_1" must not stop at "pupil_12")."""
        for _ in range(limit):
            self.press("Tab")
            focused = self.focused()
            if focused == wanted or (not exact and focused.startswith(wanted)):
                return
        raise AssertionError(f"{wanted!r} is not reachable by Tab")

    def skip_to_content(self) -> None:
        """The first Tab on a page reaches the skip link; Enter follows it into the main content."""
        self.press("Tab")
        assert self.focused() == "Skip to main content"
        self.press("Enter")

    def choose(self, option: str) -> None:
        """Pick an option in the focused select by typing its start."""
        self.type(option)
        assert self.page.evaluate("document.activeElement.selectedOptions[0].text").startswith(option)
