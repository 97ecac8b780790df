from django.test import RequestFactory, override_settings

from hoaban.core.clientip import client_address

factory = RequestFactory()


def test_without_a_proxy_header_the_address_is_remote_addr_and_a_forged_header_is_ignored():
    request = factory.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "203.0.113.5"


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", CLIENT_IP_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_is_the_entry_the_proxy_appended():
    # The client forged "1.2.3.4"; the proxy appended the address it really saw.
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_address(request) == "198.51.100.7"


@override_settings(CLIENT_IP_HEADER="X-Real-IP")
def test_a_malformed_header_falls_back_to_remote_addr():
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="not-an-ip\x00")
    assert client_address(request) == "10.0.0.2"
