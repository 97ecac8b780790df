"""Security settings from the environment; the refusal to start without SECRET_KEY.

Each case starts `hoaban` in a subprocess with exactly the environment given (no HOABAN_DEMO
from the test run), since the settings are read once per process.
"""

import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "SECRET_KEY": "k3y-0f-the-product10n-s1te-" + "x7Qp2Lw9Rt5Zv8Nc4Hb6Jm3Fd1Gs0Ky",
    "ALLOWED_HOSTS": "hoaban.example.org",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}


def hoaban(tmp_path, *args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "HOABAN_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "hoaban.settings",
        **environment,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "hoaban", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_environment(tmp_path):
    result = hoaban(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr


def test_check_deploy_names_what_is_missing_without_the_https_settings(tmp_path):
    result = hoaban(tmp_path, "check", "--deploy", SECRET_KEY=PRODUCTION["SECRET_KEY"])

    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_without_debug_and_without_a_secret_key_hoaban_refuses_to_start(tmp_path):
    result = hoaban(tmp_path, "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set." in result.stderr
    assert "set HOABAN_DEMO=1" in result.stderr


@pytest.mark.parametrize("demo_switch", [{"HOABAN_DEMO": "1"}, {"DEBUG": "1"}])
def test_the_demo_starts_with_the_embedded_key_when_it_says_it_is_the_demo(tmp_path, demo_switch):
    result = hoaban(tmp_path, "check", **demo_switch)

    assert result.returncode == 0, result.stderr


def test_a_malformed_proxy_ssl_header_is_refused_with_an_example(tmp_path):
    result = hoaban(
        tmp_path, "check", **{**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}
    )

    assert result.returncode != 0
    assert 'SECURE_PROXY_SSL_HEADER must be "HEADER,value"' in result.stderr


@pytest.mark.django_db
def test_behind_the_proxy_https_is_recognised_and_plain_http_redirected(client, settings):
    # Given the production HTTPS settings
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000

    # When
    plain = client.get("/products/")
    proxied = client.get("/products/", HTTP_X_FORWARDED_PROTO="https")

    # Then
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/products/"
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"] == "max-age=31536000"
