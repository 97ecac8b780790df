"""Browser tests: Playwright's Python sync API driving Debian's Chromium against `live_server`.

- Never `playwright install`: Chromium is Debian's (`/usr/bin/chromium`, or `HOABAN_CHROMIUM`).
  Missing Chromium skips these tests on a developer's machine, saying so, and FAILS them under CI.
- Every page a test visits is checked with axe-core (axe-playwright-python ships axe.js): any
  violation of impact serious or critical fails the test, listed rule by rule. The same check
  enlarges the text to 200 % (WCAG 1.4.4): nothing may then scroll sideways, neither the page nor
  a box in it (except what is marked `data-scroll-x`, e.g. a photo gallery); and "₫" never starts
  a line, at 100 % or 200 %.
- On failure a screenshot and the page's HTML are kept under `.e2e-artifacts/`.
- Tests run in a transactional database (the live server thread must see their data), loaded
  with `hoaban demo --small` by the `demo` fixture.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HOABAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE_VIEWPORT = {"width": 360, "height": 740}  # a cheap Android phone
ARTIFACTS = Path(__file__).resolve().parent.parent / ".e2e-artifacts"
BLOCKING_IMPACTS = {"serious", "critical"}
MIN_TAP_PX = 48

# The page checks (sideways scrolling, a lone "₫"), in the page's own JavaScript.
PAGE_CHECKS_JS = (Path(__file__).resolve().parent / "page_checks.js").read_text(encoding="utf-8")
SIDEWAYS_JS = f"({PAGE_CHECKS_JS}).sideways()"
DONG_ALONE_JS = f"({PAGE_CHECKS_JS}).dongAlone()"


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so browser tests must run, but {reason}", pytrace=False)
    pytest.skip(f"browser tests SKIPPED: {reason}. Install Debian's chromium (make browsers).")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # (fixtures, checks) are still synchronous, so tell Django they are safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright()
    playwright = manager.start()
    try:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as error:  # any launch failure means: no browser
            _unavailable(f"Chromium did not start ({error})")
        yield chromium
        chromium.close()
    finally:
        manager.__exit__(None, None, None)
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def demo(browser, transactional_db, reference_data, live_server):
    """The small demo (idempotent), visible to the live server thread. (Asks for the browser
    first so that a missing Chromium skips or fails before any data is loaded.)"""
    from django.core.management import call_command

    call_command("demo", "--small", verbosity=0)


class Browse:
    """A phone-sized browser tab that audits every page it loads (axe-core)."""

    def __init__(self, page, base_url: str, axe) -> None:
        self.page = page
        self.base_url = base_url
        self.axe = axe
        self.loaded: list[str] = []
        self.audited: set[int] = set()
        page.on("load", lambda loaded_page: self.loaded.append(loaded_page.url))

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def goto(self, path: str):
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        self.audit()
        return response

    def follow(self, locator, *, tap_target: bool = True):
        """Click a link or button that loads a new page, then audit that page."""
        locator.scroll_into_view_if_needed()
        if tap_target:
            assert_tap_target(locator)
        with self.page.expect_navigation(wait_until="load"):
            locator.click()
        self.audit()

    def audit(self) -> None:
        page = self.page
        page.wait_for_load_state("load")
        results = self.axe.run(page)
        for index, url in enumerate(self.loaded):
            if url == page.url:
                self.audited.add(index)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            lines = [f"axe-core: {len(blocking)} serious/critical violation(s) on {page.url}"]
            for violation in blocking:
                lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
                lines.extend(
                    f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}"
                    for node in violation["nodes"][:5]
                )
            pytest.fail("\n".join(lines), pytrace=False)
        check_text_zoom(page)

    def unaudited(self) -> list[str]:
        return [url for i, url in enumerate(self.loaded) if i not in self.audited]

    def lang(self) -> str:
        return self.page.locator("html").get_attribute("lang") or ""


def check_text_zoom(page) -> None:
    """At 200 % text nothing scrolls sideways, and "₫" never starts a line (then back to 100 %)."""
    problems = [f"100 % text: ₫ alone at the start of a line: {t!r}" for t in dong_alone(page)]
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        problems += [f"200 % text: {what}" for what in page.evaluate(SIDEWAYS_JS)]
        problems += [f"200 % text: ₫ alone at the start of a line: {t!r}" for t in dong_alone(page)]
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")
    if problems:
        pytest.fail(f"{page.url}:\n- " + "\n- ".join(problems), pytrace=False)


def dong_alone(page) -> list[str]:
    return page.evaluate(DONG_ALONE_JS)


def assert_tap_target(locator, minimum: int = MIN_TAP_PX) -> None:
    box = locator.bounding_box()
    assert box is not None, "tap target is not visible"
    width, height = round(box["width"], 1), round(box["height"], 1)
    assert width >= minimum - 0.5 and height >= minimum - 0.5, (
        f"tap target {width}×{height} px is smaller than {minimum}×{minimum} px: "
        f"{locator.evaluate('e => e.outerHTML')[:160]}"
    )


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]


@pytest.fixture
def browse(request, browser, axe, live_server):
    context = browser.new_context(viewport=PHONE_VIEWPORT, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    visitor = Browse(page, live_server.url, axe)
    yield visitor
    try:
        failed = any(
            getattr(request.node, f"rep_{when}", None) is not None
            and getattr(request.node, f"rep_{when}").failed
            for when in ("setup", "call")
        )
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            stem = ARTIFACTS / _artifact_name(request.node.nodeid)
            try:
                page.screenshot(path=f"{stem}.png", full_page=True)
                Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
                print(f"\nkept {stem}.png and {stem}.html ({page.url})")
            except Exception as error:  # the page may have crashed: keep the test's own error
                print(f"\ncould not keep a screenshot of {page.url}: {error}")
        elif page.url.startswith("http"):
            # The page the test ended on is audited too; every earlier one must have been.
            if visitor.loaded and (len(visitor.loaded) - 1) not in visitor.audited:
                visitor.audit()
            missing = visitor.unaudited()
            assert not missing, f"pages loaded without an axe-core audit: {missing}"
    finally:
        context.close()
