"""Certificate scans and logos: judged by content; scans private unless the manager publishes."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from hoaban.accounts import access
from hoaban.accounts.models import Role
from hoaban.core import uploads
from hoaban.core.tests.samples import (
    HTML,
    PDF,
    PDF_POLYGLOT,
    SCRIPT,
    SVG,
    png_bytes,
    png_script_named_html,
    upload,
)
from hoaban.orgs import services
from hoaban.orgs.admin import CertificateAdminForm, OrganisationAdminForm
from hoaban.orgs.models import Certificate, OrganisationEvent
from hoaban.orgs.tests.factories import (
    CertificateFactory,
    ManagerFactory,
    OrganisationFactory,
    UserFactory,
    commune,
)

pytestmark = pytest.mark.django_db

NOT_A_SCAN = {
    "vi": "Tệp này không phải bản chụp giấy chứng nhận. Hãy gửi tệp PDF, hoặc ảnh chụp giấy "
    "chứng nhận (JPEG, PNG hoặc WebP).",
    "en": "This file is not a scan. Send a PDF, or a photo of the certificate (JPEG, PNG or WebP).",
}
HOSTILE_SCANS = {
    "html": ("scan.pdf", HTML, "application/pdf"),
    "svg": ("scan.svg", SVG, "image/svg+xml"),
    "pdf-html-polyglot": ("scan.pdf", PDF_POLYGLOT, "application/pdf"),
}
SANDBOX = "sandbox; default-src 'none'"
NOT_A_PHOTO_VI = "Tệp này không phải là ảnh. Hãy chọn ảnh JPEG, PNG hoặc WebP."


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def private_root():
    return settings.MEDIA_ROOT.parent / "private"


def records_url(organisation) -> str:
    return reverse("console:records", kwargs={"slug": organisation.slug})


def scan_url(certificate) -> str:
    return reverse(
        "orgs:scan", kwargs={"slug": certificate.organisation.slug, "pk": certificate.pk}
    )


def certificate_post(client, organisation, scan, **extra):
    return client.post(
        records_url(organisation),
        {
            "certificate-kind": "ocop4",
            "certificate-number": "OCOP-0042",
            "certificate-issued_on": "2025-03-01",
            "certificate-expires_on": "2028-03-01",
            "certificate-scan": scan,
            **extra,
        },
    )


def with_scan(data: bytes = PDF, extension: str = "pdf", **kwargs) -> Certificate:
    certificate = CertificateFactory(**kwargs)
    certificate.scan.save(uploads.random_name(extension), ContentFile(data))
    return certificate


def officer_of(province_code: int):
    user = UserFactory()
    Role.objects.create(user=user, kind=Role.Kind.OFFICER, granted_by_system="test").provinces.add(
        province_code
    )
    return user


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- uploading a scan in the console -------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(HOSTILE_SCANS))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_page_an_svg_or_a_polyglot_sent_as_a_scan_is_refused_and_nothing_is_saved(
    client, kind, language
):
    manager = ManagerFactory()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(manager.user)
    events = OrganisationEvent.objects.count()

    response = certificate_post(client, manager.organisation, upload(*HOSTILE_SCANS[kind]))

    assert response.status_code == 200
    assert NOT_A_SCAN[language] in response.content.decode()
    assert Certificate.objects.count() == 0
    assert OrganisationEvent.objects.count() == events
    assert files_under(private_root()) == files_under(settings.MEDIA_ROOT) == []


def test_a_pdf_scan_is_kept_privately_under_a_random_name_and_downloads(client):
    manager = ManagerFactory()
    client.force_login(manager.user)

    response = certificate_post(
        client, manager.organisation, upload("chung-nhan.html", PDF, "text/html")
    )

    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.is_scan_public is False
    assert certificate.scan.name.startswith(f"certificates/{timezone.now():%Y}/")
    assert certificate.scan.name.endswith(".pdf") and "chung" not in certificate.scan.name
    assert files_under(settings.MEDIA_ROOT) == []
    assert (private_root() / certificate.scan.name).read_bytes() == PDF
    served = client.get(scan_url(certificate))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == (
        f'attachment; filename="{manager.organisation.slug}-ocop4-{certificate.pk}.pdf"'
    )
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == SANDBOX
    assert served["Cache-Control"] == "private, no-store"
    assert body(served) == PDF


def test_a_png_scan_with_a_script_named_html_is_re_encoded_and_still_downloads(client):
    manager = ManagerFactory()
    client.force_login(manager.user)

    certificate_post(client, manager.organisation, png_script_named_html())

    certificate = Certificate.objects.get()
    served = client.get(scan_url(certificate))
    assert certificate.scan.name.endswith(".webp")
    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"].startswith("attachment;")
    assert SCRIPT not in body(served)


def test_the_records_page_links_the_scan_through_the_checking_view(client):
    manager = ManagerFactory()
    certificate = with_scan(organisation=manager.organisation)
    client.force_login(manager.user)

    html = client.get(records_url(manager.organisation)).content.decode()

    assert f'href="{scan_url(certificate)}" download' in html
    assert "/media/" not in html


# --- who may read a scan -------------------------------------------------------------------


def test_a_private_scan_is_not_found_for_the_public_or_another_cooperatives_manager(client):
    certificate = with_scan()
    other_manager = ManagerFactory()  # of another cooperative
    member = ManagerFactory(organisation=certificate.organisation, role="member")
    officer_elsewhere = officer_of(1)  # Hà Nội; the certificate's cooperative is in Thái Nguyên

    answers = [client.get(scan_url(certificate)).status_code]
    for user in (other_manager.user, member.user, officer_elsewhere):
        client.force_login(user)
        answers.append(client.get(scan_url(certificate)).status_code)

    assert answers == [404, 404, 404, 404]


def test_a_scan_is_served_as_a_download_to_the_manager_an_officer_of_the_province_and_an_admin(
    client,
):
    certificate = with_scan()
    manager = ManagerFactory(organisation=certificate.organisation)
    officer = officer_of(commune().province_id)
    admin = UserFactory(is_superuser=True, is_staff=True)

    for user in (manager.user, officer, admin):
        client.force_login(user)
        served = client.get(scan_url(certificate))
        assert served.status_code == 200
        assert served["Content-Disposition"].startswith("attachment;")
        assert body(served) == PDF


def test_a_scan_asked_for_under_another_cooperatives_address_is_not_found(client):
    certificate = with_scan()
    mine = ManagerFactory()
    client.force_login(mine.user)

    response = client.get(
        reverse("orgs:scan", kwargs={"slug": mine.organisation.slug, "pk": certificate.pk})
    )

    assert response.status_code == 404


def test_access_helper_names_who_may_view_private_files():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user
    inactive_manager = ManagerFactory(organisation=organisation, user__is_active=False).user
    admin_role = UserFactory()
    Role.objects.create(user=admin_role, kind=Role.Kind.ADMIN, granted_by_system="test")

    allowed = {
        name: access.can_view_private_files(user, organisation)
        for name, user in {
            "manager": manager,
            "inactive manager": inactive_manager,
            "officer of the province": officer_of(commune().province_id),
            "officer elsewhere": officer_of(1),
            "admin role": admin_role,
            "someone": UserFactory(),
        }.items()
    }

    assert allowed == {
        "manager": True,
        "inactive manager": False,
        "officer of the province": True,
        "officer elsewhere": False,
        "admin role": True,
        "someone": False,
    }


# --- publishing a scan -----------------------------------------------------------------------


def test_a_published_scan_downloads_for_anyone_and_shows_on_the_public_page(client):
    manager = ManagerFactory()
    certificate = with_scan(organisation=manager.organisation)
    client.force_login(manager.user)

    published = client.post(
        reverse(
            "console:certificate_scan_public",
            kwargs={"slug": manager.organisation.slug, "pk": certificate.pk},
        ),
        {"public": "1"},
    )
    client.logout()
    served = client.get(scan_url(certificate))
    page = client.get(
        reverse("storefront:organisation", kwargs={"slug": manager.organisation.slug})
    )

    assert published.status_code == 302
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == SANDBOX
    html = page.content.decode()
    assert f'href="{scan_url(certificate)}" download' in html
    assert certificate.number in html


def test_the_public_page_shows_a_private_certificates_facts_but_not_its_scan(client):
    certificate = with_scan(number="OCOP-7788")

    html = client.get(
        reverse("storefront:organisation", kwargs={"slug": certificate.organisation.slug})
    ).content.decode()

    assert "OCOP-7788" in html
    assert scan_url(certificate) not in html


def test_the_scan_can_be_published_in_the_form_and_made_private_again(client):
    manager = ManagerFactory()
    client.force_login(manager.user)

    certificate_post(
        client, manager.organisation, upload("s.pdf", PDF), **{"certificate-is_scan_public": "on"}
    )
    certificate = Certificate.objects.get()
    assert certificate.is_scan_public is True
    client.post(
        reverse(
            "console:certificate_scan_public",
            kwargs={"slug": manager.organisation.slug, "pk": certificate.pk},
        ),
        {"public": "0"},
    )
    client.logout()

    assert client.get(scan_url(certificate)).status_code == 404


def test_only_a_manager_may_publish_a_scan(client):
    certificate = with_scan()
    officer = officer_of(commune().province_id)  # may look, not change
    client.force_login(officer)

    response = client.post(
        reverse(
            "console:certificate_scan_public",
            kwargs={"slug": certificate.organisation.slug, "pk": certificate.pk},
        ),
        {"public": "1"},
    )

    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.is_scan_public is False


def test_a_published_scan_of_an_inactive_organisation_is_not_found_for_the_public(client):
    certificate = with_scan(is_scan_public=True, organisation__is_active=False)

    assert client.get(scan_url(certificate)).status_code == 404


def test_a_certificate_without_a_scan_cannot_be_published():
    manager = ManagerFactory()
    certificate = CertificateFactory(organisation=manager.organisation)

    with pytest.raises(services.ServiceError):
        services.certificate_scan_publish(certificate=certificate, is_public=True, by=manager.user)

    certificate.refresh_from_db()
    assert certificate.is_scan_public is False


# --- logos and the admin -------------------------------------------------------------------


def test_a_logo_given_to_the_service_is_re_encoded_and_a_page_is_refused():
    manager = ManagerFactory()
    organisation = manager.organisation

    with pytest.raises(uploads.UploadRefused):
        services.organisation_update(
            organisation=organisation, by=manager.user, logo=upload("logo.png", SVG)
        )
    organisation.refresh_from_db()
    assert not organisation.logo
    services.organisation_update(
        organisation=organisation, by=manager.user, logo=png_script_named_html()
    )

    organisation.refresh_from_db()
    assert organisation.logo.name.endswith(".webp")
    assert SCRIPT not in organisation.logo.read()


@pytest.mark.parametrize(
    ("data", "valid"),
    [(HTML, False), (SVG, False), (PDF, False), (png_bytes(), True)],
    ids=["html", "svg", "pdf", "png"],
)
def test_the_admins_logo_field_re_encodes_or_refuses(data, valid):
    form = OrganisationAdminForm(
        data={"slug": "htx-a", "kind": "coop", "name": "HTX A", "commune": 2155},
        files={"logo": upload("logo.html", data, "text/html")},
    )

    form.is_valid()

    if valid:
        assert "logo" not in form.errors
        assert form.cleaned_data["logo"].name.endswith(".webp")
    else:
        assert form.errors["logo"] == [NOT_A_PHOTO_VI]


def test_adding_a_certificate_with_a_page_as_scan_in_the_admin_is_refused(client):
    organisation = OrganisationFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    fields = {
        "organisation": organisation.pk,
        "kind": "vietgap",
        "issued_on": "2025-01-02",
        "expires_on": "",
    }

    refused = client.post("/admin/orgs/certificate/add/", {**fields, "scan": upload("a.pdf", HTML)})
    assert refused.status_code == 200
    assert NOT_A_SCAN["vi"] in refused.content.decode()
    assert Certificate.objects.count() == 0
    added = client.post("/admin/orgs/certificate/add/", {**fields, "scan": upload("a.pdf", PDF)})

    assert added.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.scan.name.endswith(".pdf")
    assert (private_root() / certificate.scan.name).read_bytes() == PDF


def test_the_admin_certificate_form_accepts_a_pdf_and_refuses_svg():
    base = {"organisation": OrganisationFactory().pk, "kind": "ocop3", "issued_on": "2025-01-02"}

    good = CertificateAdminForm(data=base, files={"scan": upload("x.svg", PDF)})
    bad = CertificateAdminForm(data=base, files={"scan": upload("x.pdf", SVG)})

    assert good.is_valid(), good.errors
    assert not bad.is_valid()
    assert bad.errors["scan"] == [NOT_A_SCAN["vi"]]


# --- scans uploaded before issue 6 ----------------------------------------------------------


def test_the_migration_moves_old_public_scans_into_private_storage():
    migration = importlib.import_module("hoaban.orgs.migrations.0003_certificate_scan_private")
    old = {"certificates/2025/giay.pdf": PDF, "certificates/2025/trang.html": HTML}
    for name, data in old.items():
        default_storage.save(name, ContentFile(data))
    pdf = CertificateFactory(scan="certificates/2025/giay.pdf")
    page = CertificateFactory(scan="certificates/2025/trang.html")
    gone = CertificateFactory(scan="certificates/2025/missing.pdf")

    migration.scans_to_private_storage(django_apps, None)

    pdf.refresh_from_db()
    page.refresh_from_db()
    gone.refresh_from_db()
    assert pdf.scan.name.startswith("certificates/2025/") and pdf.scan.name.endswith(".pdf")
    assert "giay" not in pdf.scan.name
    assert (private_root() / pdf.scan.name).read_bytes() == PDF
    assert page.scan.name.endswith(".bin")  # kept for its owners, as a download only
    assert (private_root() / page.scan.name).read_bytes() == HTML
    assert gone.scan.name == "certificates/2025/missing.pdf"
    assert files_under(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("pk", [0, 2**31, 2**63, 10**30])
def test_a_scan_number_beyond_any_column_is_not_found(client, pk):
    certificate = with_scan(is_scan_public=True)

    response = client.get(f"/org/{certificate.organisation.slug}/certificates/{pk}/scan/")

    assert response.status_code == 404
