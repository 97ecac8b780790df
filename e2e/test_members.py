"""A cooperative invites a woman by phone; she signs up, enters the code and chooses herself
whether her first name shows on trace pages (axe-core audits every page)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "hoa-ban-e2e-2026"  # noqa: S105 (a test account)


def test_manager_invites_by_phone_and_the_person_joins_with_the_code(demo, browse, settings):
    from hoaban.core.messaging import LocmemBackend
    from hoaban.demo.services import DEMO_PASSWORD
    from hoaban.orgs.models import Membership

    settings.NOTIFICATION_BACKEND = "hoaban.core.messaging.LocmemBackend"
    LocmemBackend.outbox = []
    page = browse.page

    browse.goto("/accounts/login/")
    page.fill("[name=username]", "0900 000 007")  # the demo's cooperative manager
    page.fill("[name=password]", DEMO_PASSWORD)
    browse.follow(page.locator("main form button[type=submit]").last)
    browse.goto("/manage/")
    browse.follow(page.locator("main a[href^='/manage/htx-']").first)
    slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    browse.follow(page.locator(f"nav a[href='/manage/{slug}/members/']"))
    expect(page.locator("main form[action$='/show-name/']")).to_have_count(0)  # hers alone
    page.fill("#id_phone", "0971 234 567")
    browse.follow(page.locator("main form[action$='/members/'] button[type=submit]"))

    expect(page.locator("main")).to_contain_text("Đã gửi lời mời.")
    expect(page.locator("main")).to_contain_text("09•• ••• 567")
    assert [m.to for m in LocmemBackend.outbox] == ["+84971234567"]
    code = re.search(r"\b(\d{6})\b", LocmemBackend.outbox[0].text).group(1)
    page.locator("header details.menu summary").click()  # the account menu holds "Log out"
    browse.follow(page.locator("header form[action$='/logout/'] button"))

    # She has no account: the link in the message asks her to log in; she signs up instead
    # and lands back on the page where she types the code.
    browse.goto("/me/cooperatives/join/")
    assert "/accounts/login/" in page.url, page.url
    browse.follow(page.locator("main a[href^='/accounts/signup/']"))
    page.fill("[name=phone]", "0971 234 567")
    page.fill("[name=password1]", PASSWORD)
    page.fill("[name=password2]", PASSWORD)
    page.fill("[name=full_name]", "Triệu Thị Lan")
    page.check("[name=consent]")
    browse.follow(page.locator("main form button[type=submit]").last)
    assert page.url.endswith("/me/cooperatives/join/"), page.url
    page.fill("[name=code]", code)
    browse.follow(page.locator("main form button[type=submit]"))

    assert page.url.endswith("/me/cooperatives/"), page.url
    membership = Membership.objects.get(user__phone="+84971234567", organisation__slug=slug)
    assert membership.show_name_publicly is False
    browse.follow(page.locator("main form button[name=show][value='1']"))
    membership.refresh_from_db()
    assert membership.show_name_publicly is True
    LocmemBackend.outbox = []
