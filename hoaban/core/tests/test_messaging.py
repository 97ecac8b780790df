import logging

from hoaban.core import messaging
from hoaban.core.tasks import message_send


def test_console_backend_writes_the_message_to_the_log(caplog, settings):
    settings.NOTIFICATION_BACKEND = ""
    with caplog.at_level(logging.INFO, logger="hoaban.messaging"):
        messaging.send(messaging.Message(channel="zalo", to="+84912345678", text="Xin chào"))

    assert "[zalo → +84912345678] Xin chào" in caplog.text


def test_the_send_task_hands_the_message_to_the_configured_backend(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.core.messaging.LocmemBackend"
    messaging.LocmemBackend.outbox = []

    message_send("sms", "+84912345678", "Mã của bạn: 123456")

    assert messaging.LocmemBackend.outbox == [
        messaging.Message(channel="sms", to="+84912345678", text="Mã của bạn: 123456")
    ]
    messaging.LocmemBackend.outbox = []


def test_commerce_keeps_its_names_for_the_same_backend_classes():
    from hoaban.commerce import notifications

    assert notifications.LocmemBackend is messaging.LocmemBackend
    assert notifications.Message is messaging.Message
