"""The main pages under the Content-Security-Policy: no violation, no console error.

Every `securitypolicyviolation` event (listened to from an init script, which the CSP does
not govern) and every console error or uncaught page error fails the test, page by page. The
pages are checked for the policy, not audited with axe here (the journeys do that), so this
test uses its own browser context: it also visits the API docs (Swagger UI) and the admin.
"""

import re

import pytest

from e2e.conftest import PHONE_VIEWPORT

pytestmark = pytest.mark.browser

LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__reportCsp([e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber,
                      (e.sample || "").slice(0, 80)].join(" | "));
}, true);
"""


class Watch:
    def __init__(self, context) -> None:
        self.problems: list[str] = []
        self.page = context.new_page()
        self.page.expose_function("__reportCsp", lambda text: self.problems.append(f"CSP {text}"))
        self.expected_failure = ""  # the URL of a page visited for its error status
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error {error}"))

    def _console(self, message) -> None:
        if message.type != "error":
            return
        if message.location.get("url") == self.expected_failure and message.text.startswith(
            "Failed to load resource"
        ):
            return  # the error page's own status, which the test asked for
        if message.location.get("url", "").endswith("/favicon.ico"):
            return  # Django's admin pages name no icon, so the browser asks for /favicon.ico
        self.problems.append(f"console {message.text} ({message.location.get('url')})")

    def visit(self, url: str, *, status: int = 200) -> None:
        self.expected_failure = url if status >= 400 else ""
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == status, f"GET {url}: {response.status}"
        assert "Content-Security-Policy" in response.headers or "content-security-policy" in (
            response.headers
        ), url
        self.page.wait_for_load_state("networkidle")

    def clean(self, where: str) -> None:
        problems, self.problems[:] = list(self.problems), []
        assert problems == [], f"{where}: {problems}"


@pytest.fixture
def watch(browser, live_server):
    context = browser.new_context(viewport=PHONE_VIEWPORT, has_touch=True)
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)
    yield Watch(context)
    context.close()


def log_in(watch, base: str, phone: str) -> None:
    from hoaban.demo.logins import DEMO_PASSWORD

    page = watch.page
    watch.visit(f"{base}/accounts/login/")
    page.fill("[name=username]", phone)
    page.fill("[name=password]", DEMO_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.locator("main form button[type=submit]").last.click()


def test_the_main_pages_run_under_the_policy_without_a_violation(demo, watch, live_server):
    from hoaban.catalog.models import Lot, Product
    from hoaban.demo.plan import MANAGED_BY_LOGIN

    base = live_server.url
    page = watch.page
    for_sale = Product.objects.filter(status="published", stock__gte=1)
    product = for_sale.filter(organisation__slug=MANAGED_BY_LOGIN).order_by("code").first()
    lot = Lot.objects.filter(product__status="published").order_by("code").first()

    for path in ("/", "/products/", f"/p/{product.code}/", f"/lot/{lot.code}/"):
        watch.visit(base + path)
        watch.clean(path)

    # the basket and the checkout, with the province → commune picker (htmx) in use
    watch.visit(f"{base}/p/{product.code}/")
    with page.expect_navigation(wait_until="load"):
        page.locator("main form.add-to-cart button[type=submit]").click()
    watch.visit(f"{base}/cart/")
    watch.clean("/cart/")
    watch.visit(f"{base}/checkout/")
    page.check("input[name=delivery][value=ship]")
    page.select_option("select[name=province]", "19")
    page.locator("select[name=commune] option").filter(has_text="Na Rì").first.wait_for(
        state="attached"
    )
    watch.clean("/checkout/ with the commune picker")

    for path in ("/accounts/login/", "/accounts/signup/", "/no-such-page/"):
        watch.visit(base + path, status=404 if "no-such" in path else 200)
        watch.clean(path)

    # a cooperative manager: profile, console, product photos (inline script), packing list
    log_in(watch, base, "0900 000 007")
    for path in (
        "/accounts/profile/",
        "/manage/",
        f"/manage/{MANAGED_BY_LOGIN}/",
        f"/manage/{MANAGED_BY_LOGIN}/products/",
        f"/manage/{MANAGED_BY_LOGIN}/products/{product.code}/images/",
        f"/manage/{MANAGED_BY_LOGIN}/orders/",
        f"/manage/{MANAGED_BY_LOGIN}/orders/packing/",
        f"/manage/{MANAGED_BY_LOGIN}/stock/",
        f"/manage/{MANAGED_BY_LOGIN}/members/",  # invitations, in-person confirmation
        "/me/cooperatives/",
        "/me/cooperatives/join/",
    ):
        watch.visit(base + path)
        watch.clean(path)


def test_the_api_docs_render_under_the_policy(demo, watch, live_server):
    watch.visit(f"{live_server.url}/api/v1/docs")
    watch.page.locator(".swagger-ui .info .title").wait_for(state="visible")
    operations = watch.page.locator(".opblock")
    assert operations.count() >= 10
    # open one operation: Swagger UI renders its parameters and responses
    operations.first.locator(".opblock-summary").click()
    watch.page.locator(".opblock .responses-wrapper").first.wait_for(state="visible")

    watch.clean("/api/v1/docs")


def test_the_admin_works_under_the_policy(demo, watch, live_server):
    base = live_server.url
    watch.visit(f"{base}/admin/login/")
    watch.page.fill("[name=username]", "+84900000001")  # the admin form takes E.164
    from hoaban.demo.logins import DEMO_PASSWORD

    watch.page.fill("[name=password]", DEMO_PASSWORD)
    with watch.page.expect_navigation(wait_until="load"):
        watch.page.locator("input[type=submit]").click()
    assert re.search(r"/admin/$", watch.page.url), watch.page.url
    for path in ("/admin/", "/admin/catalog/product/", "/admin/accounts/user/add/"):
        watch.visit(base + path)
        watch.clean(path)
