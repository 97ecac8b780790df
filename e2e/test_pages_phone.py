"""On a 360 px phone: the helpful 404 pages (a product no longer sold, an unknown code), the
product list after a search (results first, filters folded), the home page's 4M section, and
the API docs (no sideways scrolling beyond Swagger's own scroll boxes). Every page of ours is
audited with axe-core (conftest.Browse)."""

import pytest

from e2e.conftest import PHONE_VIEWPORT

pytestmark = pytest.mark.browser

# Elements whose right edge passes the viewport, unless a scrolling box (overflow-x auto or
# scroll) holds them: those make the whole page scroll sideways.
OVERFLOWING = """
(width) => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    let held = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { held = true; break; }
    }
    if (!held) out.push(`${el.tagName.toLowerCase()}.${el.className} → ${Math.round(r.right)}`);
  }
  return out.slice(0, 10);
}
"""


def overflow(page) -> tuple[int, list[str]]:
    width = PHONE_VIEWPORT["width"]
    return page.evaluate("document.documentElement.scrollWidth"), page.evaluate(OVERFLOWING, width)


def open_404(browse, path: str):
    response = browse.page.goto(browse.url(path), wait_until="load")
    assert response is not None and response.status == 404
    browse.audit()


def test_an_archived_product_page_suggests_the_cooperatives_products_and_search(demo, browse):
    from hoaban.catalog.models import Product

    page = browse.page
    product = Product.objects.filter(status="published").order_by("code").first()
    others = Product.objects.filter(organisation=product.organisation, status="published")
    assert others.count() >= 2, "the small demo's cooperative sells several products"
    Product.objects.filter(pk=product.pk).update(status="archived")

    open_404(browse, f"/p/{product.code}/")

    assert page.locator("h1").inner_text() == "Sản phẩm này không còn bán"
    assert product.organisation.name in page.locator("main").inner_text()
    assert product.name not in page.content()
    suggestions = page.locator("main .error-page ul.list a")
    assert suggestions.count() >= 1
    assert overflow(page) == (PHONE_VIEWPORT["width"], [])
    box = page.locator("#error-q")
    assert box.get_attribute("maxlength") == "100"
    box.fill("mien dong")
    browse.follow(page.locator("main form[role=search] button[type=submit]"))
    assert "/products/?q=mien+dong" in page.url
    # after the search: results first, the filters folded into one line
    assert page.locator("details.filter-box").get_attribute("open") is None
    first_card = page.locator("main .cards .card").first.bounding_box()
    assert first_card is not None and first_card["y"] < PHONE_VIEWPORT["height"]


def test_an_unknown_code_in_english_gets_the_generic_404_with_search(demo, browse):
    page = browse.page
    browse.page.context.add_cookies(
        [{"name": "hoaban_language", "value": "en", "url": browse.base_url}]
    )

    open_404(browse, "/lot/L-NOPE42/")

    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("main form[role=search] input[name=q]").is_visible()
    browse.follow(page.locator("main a.btn[href='/products/']"))
    assert page.locator("details.filter-box").get_attribute("open") == ""


def test_the_home_page_says_which_4m_parts_are_coming(demo, browse):
    page = browse.page
    browse.goto("/")

    section = page.locator("section.fourm")
    assert section.locator(".soon").count() == 3
    assert section.locator(".soon").first.inner_text() == "Sắp có"
    browse.follow(section.locator("a[href='/products/']"))


def test_the_api_docs_fit_a_360_px_phone(demo, browser, live_server):
    context = browser.new_context(viewport=PHONE_VIEWPORT, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/api/v1/docs", wait_until="load")
        page.locator(".swagger-ui .info .title").wait_for(state="visible")
        assert page.locator("meta[name=viewport]").count() == 1
        assert page.evaluate("window.innerWidth") == PHONE_VIEWPORT["width"]
        assert overflow(page) == (PHONE_VIEWPORT["width"], [])
        # open the order operation: its body example and responses stay within the screen
        post = page.locator(".opblock-post").first
        post.locator(".opblock-summary").click()
        post.locator(".responses-wrapper").wait_for(state="visible")
        assert overflow(page) == (PHONE_VIEWPORT["width"], [])
    finally:
        context.close()
