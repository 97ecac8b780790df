"""Issue 8: a header that fits a 360 px phone, "₫" beside its number, focus on the error
summary after a failed submit, Vietnamese texts marked as such on English pages, 48 px targets.

(Every page is also checked at 200 % text for sideways scrolling by the shared audit.)
"""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import assert_tap_target, dong_alone

pytestmark = pytest.mark.browser

MAX_HEADER_PX = 120
MANAGER_PHONE = "0900 000 007"  # the demo's cooperative manager (Na Rì)
HEADER_JS = """() => {
  const header = document.querySelector('header.top');
  const items = [...header.querySelectorAll('nav.nav > *')];
  return {height: header.getBoundingClientRect().height,
          rows: new Set(items.map(e => Math.round(e.getBoundingClientRect().top))).size,
          items: items.length};
}"""


def header(page) -> dict:
    return page.evaluate(HEADER_JS)


def log_in(browse, phone: str) -> None:
    from hoaban.demo.services import DEMO_PASSWORD

    page = browse.page
    browse.goto("/accounts/login/")
    page.fill("[name=username]", phone)
    page.fill("[name=password]", DEMO_PASSWORD)
    browse.follow(page.locator("main form button[type=submit]").last)


def a_product_in_stock():
    from hoaban.catalog.models import Product

    return Product.objects.filter(status="published", stock__gte=2).order_by("code").first()


def add_to_basket(browse, product) -> None:
    browse.goto(f"/p/{product.code}/")
    browse.follow(browse.page.locator("main form.add-to-cart button[type=submit]"))


def test_the_header_takes_at_most_120_px_and_one_row_of_navigation_on_a_360_px_phone(demo, browse):
    page = browse.page
    measured = {}
    browse.goto("/")
    measured["guest, vi"] = header(page)
    browse.follow(page.locator("header form.lang button[value=en]"))
    assert browse.lang() == "en"
    measured["guest, en"] = header(page)
    log_in(browse, MANAGER_PHONE)  # (her own language comes back with her account)
    browse.goto("/products/")
    first = browse.lang()
    measured[f"signed in, {first}"] = header(page)
    other = "vi" if first == "en" else "en"
    browse.follow(page.locator(f"header form.lang button[value={other}]"))
    measured[f"signed in, {other}"] = header(page)
    print(f"\nheader at 360 px: {measured}")

    for who, box in measured.items():
        assert box["height"] <= MAX_HEADER_PX, f"{who}: header {box['height']} px tall"
        assert box["rows"] == 1, f"{who}: navigation on {box['rows']} rows"
    # The account menu holds the profile, the console and "Log out".
    page.locator("header details.menu summary").click()
    expect(page.locator("header form[action$='/logout/'] button")).to_be_visible()
    assert_tap_target(page.locator("header a[href='/manage/']"))


def test_dong_sign_never_starts_a_line_even_when_the_price_has_no_room(demo, browse):
    product = a_product_in_stock()
    page = browse.page
    browse.goto(f"/p/{product.code}/")
    price = page.locator("main .price").first
    expect(price).to_contain_text("₫")

    # Squeeze the price until it must break somewhere: never between the number and "₫".
    price.evaluate("e => { e.style.maxWidth = '1ch'; }")

    assert dong_alone(page) == []
    add_to_basket(browse, product)
    browse.goto("/cart/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert dong_alone(page) == []


def test_focus_lands_on_the_error_summary_after_a_failed_checkout(demo, browse):
    page = browse.page
    add_to_basket(browse, a_product_in_stock())
    browse.goto("/checkout/")

    browse.follow(page.locator("main form.shop-form button[type=submit]"))

    summary = page.locator("main .error-summary[role=alert]")
    expect(summary).to_be_focused()
    errors = summary.locator("li").count()
    assert errors >= 2
    assert re.match(rf"\({errors} lỗi\) ", page.title()), page.title()


def test_focus_lands_on_the_error_summary_after_a_failed_sign_up(demo, browse):
    page = browse.page
    browse.goto("/accounts/signup/")
    page.fill("[name=phone]", "0912 34")  # a digit short

    browse.follow(page.locator("main form button[type=submit]").last)

    expect(page.locator("main [role=alert]#errors")).to_be_focused()
    assert re.match(r"\(\d+ lỗi\) ", page.title()), page.title()


def test_vietnamese_texts_on_english_pages_are_marked_lang_vi(demo, browse):
    product = a_product_in_stock()
    page = browse.page
    browse.goto("/")
    browse.follow(page.locator("header form.lang button[value=en]"))
    expect(page.locator("header form.lang button[value=vi]")).to_have_attribute("lang", "vi")
    # a name with no English version is marked Vietnamese (one with an English name is not)
    expect(page.locator("main .card [lang=vi]").first).to_be_attached()

    browse.goto(f"/p/{product.code}/")

    assert browse.lang() == "en"
    # Vietnamese is marked where no English version was written (an English one is not)
    if product.name_en:
        expect(page.locator("main h1 [lang=vi]")).to_have_count(0)
    else:
        expect(page.locator("main h1 [lang=vi]")).to_be_attached()
    if product.story and not product.story_en:
        expect(page.locator("main section[aria-labelledby=h-story] div[lang=vi]")).to_be_attached()
    alt = page.locator("main .gallery img").first
    if alt.count():
        expect(alt).to_have_attribute("lang", "vi")
        assert product.name in (alt.get_attribute("alt") or "")


def test_text_links_and_checkbox_labels_are_48_px_tap_targets(demo, browse):
    page = browse.page
    browse.goto("/accounts/login/")
    assert_tap_target(page.locator("main a[href^='/accounts/signup/']"))  # "Tạo tài khoản"
    add_to_basket(browse, a_product_in_stock())
    browse.goto("/cart/")
    assert_tap_target(page.locator("main .shop-line a[href^='/p/']").first)  # product name

    log_in(browse, MANAGER_PHONE)
    browse.goto("/manage/")
    browse.follow(page.locator("main a[href^='/manage/htx-']").first)
    slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    browse.goto(f"/manage/{slug}/lots/")
    page.locator("main details summary").first.click()
    producers = page.locator("main form label:has(input[type=checkbox])")
    assert producers.count() >= 1
    for index in range(producers.count()):
        assert_tap_target(producers.nth(index))
