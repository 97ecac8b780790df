"""A manager uploads a photo and a certificate scan on her phone; what comes back is safe."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from hoaban.core.tests.samples import PDF, SCRIPT, png_bytes

pytestmark = pytest.mark.browser

MANAGER_PHONE = "0900 000 007"  # the demo's cooperative manager (Na Rì)


def log_in_as_manager(browse) -> str:
    from hoaban.demo.services import DEMO_PASSWORD

    page = browse.page
    browse.goto("/accounts/login/")
    page.fill("[name=username]", MANAGER_PHONE)
    page.fill("[name=password]", DEMO_PASSWORD)
    browse.follow(page.locator("main form button[type=submit]").last)
    browse.goto("/manage/")
    browse.follow(page.locator("main a[href^='/manage/htx-']").first)
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def test_manager_uploads_a_scripted_png_named_html_and_sees_it_as_a_picture(demo, browse):
    from hoaban.catalog.models import Product

    page = browse.page
    slug = log_in_as_manager(browse)
    product = Product.objects.filter(organisation__slug=slug).order_by("code").first()
    before = product.images.count()
    browse.goto(f"/manage/{slug}/products/{product.code}/images/")

    page.set_input_files(
        "#id_upload",
        files=[
            {
                "name": "anh.html",
                "mimeType": "text/html",
                "buffer": png_bytes(size=(400, 300), text={"Comment": SCRIPT.decode()}),
            }
        ],
    )
    browse.follow(page.locator("main form.form button[type=submit]"))

    assert product.images.count() == before + 1
    newest = product.images.order_by("-pk").first()
    image = page.locator(f"main img[src='{newest.thumbnail.url}']")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 240
    # (The test live server answers /media/ itself, with Django's static view: the headers of
    # hoaban.core.uploads.serve_media are asserted by the unit tests, not here.)
    served = page.request.get(browse.url(newest.image.url))
    assert served.headers["content-type"] == "image/webp"
    assert SCRIPT not in served.body()


def test_manager_adds_a_scan_that_downloads_and_the_public_cannot_reach(demo, browse, tmp_path):
    from hoaban.orgs.models import Certificate

    page = browse.page
    slug = log_in_as_manager(browse)
    browse.goto(f"/manage/{slug}/records/")
    page.locator("summary", has_text="Thêm chứng nhận").click()
    page.select_option("#id_certificate-kind", "vietgap")
    page.fill("#id_certificate-issued_on", "2025-02-03")
    scan = tmp_path / "giay-chung-nhan.pdf"
    scan.write_bytes(PDF)
    page.set_input_files("#id_certificate-scan", str(scan))
    browse.follow(page.locator("main form button[type=submit]", has_text="Thêm chứng nhận này"))

    certificate = Certificate.objects.filter(organisation__slug=slug).order_by("-pk").first()
    link = page.locator(f"main a[href='/org/{slug}/certificates/{certificate.pk}/scan/']")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"{slug}-vietgap-{certificate.pk}.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    scan_url = browse.url(f"/org/{slug}/certificates/{certificate.pk}/scan/")
    served = page.request.get(scan_url)
    assert served.headers["content-type"] == "application/pdf"
    assert served.headers["content-disposition"].startswith("attachment;")
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-security-policy"] == "sandbox; default-src 'none'"
    page.context.clear_cookies()
    assert page.request.get(scan_url).status == 404
