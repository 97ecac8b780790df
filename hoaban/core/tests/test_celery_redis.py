"""Scale-out mode for real: a Celery worker process takes a job from Redis.

Embedded mode runs tasks eagerly (every other test); this one starts `celery worker` against
the machine's Redis and waits for the job's mark in the Redis cache.
"""

import os
import subprocess
import sys
import time
import uuid

import pytest

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}: scale-out test skipped")
    return client


@pytest.fixture
def worker(tmp_path):
    redis_client()
    env = {**os.environ, "REDIS_URL": REDIS_URL, "HOABAN_VAR_DIR": str(tmp_path)}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hoaban",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            f"test-{uuid.uuid4().hex}",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_worker_takes_a_job_from_redis(worker):
    from celery import Celery

    queue = worker.args[worker.args.index("-Q") + 1]
    name = f"heartbeat-{uuid.uuid4().hex}"
    key = f":1:{name}"  # Django's cache key format (prefix "", version 1)
    client = redis_client()
    # A publisher of its own: the project's app is eager in tests and keeps its memory broker.
    publisher = Celery("publisher", broker=REDIS_URL)
    try:
        publisher.send_task("hoaban.core.tasks.heartbeat", args=[name], queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not client.exists(key):
            assert worker.poll() is None, worker.stdout.read().decode()
            time.sleep(0.2)
        if not client.exists(key):
            worker.terminate()
            output = worker.communicate(timeout=20)[0].decode(errors="replace")
            pytest.fail(f"the worker did not run the job within 60 s:\n{output}")
    finally:
        publisher.close()
        client.delete(key)
