"""Page weight and speed as a first-time visitor on a cheap phone receives them.

For each page: bytes transferred (compressed, headers included, as Chromium received them: CDP
`Network.loadingFinished.encodedDataLength`) for the document, stylesheets and scripts, images
aside, with an empty cache (a new browser context per page) → `page.<name>.kb`. Then, in another
fresh context, with DevTools' "3G" profile (2,000 ms latency, 50,000 B/s each way) and 4× CPU
slowdown: first-contentful-paint → `page.<name>.fcp_s` and the end of the load event →
`page.<name>.load_s`, and the largest contentful paint (the last `largest-contentful-paint`
entry once the page has loaded) → `page.<name>.lcp_s`; and everything that 3G visit
fetched until the network has settled (nothing in flight or started for 3 s), pictures
included (a 360 × 740 phone screen: lazy pictures far below the fold are not fetched) →
`page.<name>.total_kb`. Cart and checkout are
measured with one product in the basket, once their URLs answer 200; a page that does not
answer 200 is left out with a note.
"""

import os
import re
import statistics

from bench._browser import chromium
from bench._server import DemoServer, demo_server, note

COUNTED_TYPES = {"Document", "Stylesheet", "Script"}
THREE_G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50000,
    "uploadThroughput": 50000,
}
CPU_SLOWDOWN = 4
VIEWPORT = {"width": 360, "height": 740}  # a cheap Android phone


def published_product_code(server: DemoServer) -> str | None:
    code = server.shell(
        "from hoaban.catalog.models import Product;"
        "p = Product.objects.filter(status='published').order_by('code').first();"
        "print('RESULT:' + (p.code if p else ''))"
    )
    return code or None


def pages_to_measure(server: DemoServer) -> tuple[list[tuple[str, str]], str | None]:
    pages = [("home", "/"), ("products", "/products/")]
    code = published_product_code(server)
    if code:
        pages.append(("product", f"/p/{code}/"))
        pages += [("cart", "/cart/"), ("checkout", "/checkout/")]
    else:
        note("page: no published product in the demo data: product, cart, checkout not measured")
    return pages, code


def fill_basket(context, base_url: str, code: str) -> None:
    """Put one unit of `code` in this context's basket (its cookies are the pages' cookies)."""
    product_page = context.request.get(f"{base_url}/p/{code}/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', product_page.text())
    if not token:
        return
    context.request.post(
        f"{base_url}/cart/add/",
        form={"csrfmiddlewaretoken": token.group(1), "product": code, "quantity": "1"},
        max_redirects=0,
    )


class NotOk(Exception):
    pass


def open_page(browser, base_url: str, path: str, basket: str | None):
    context = browser.new_context(viewport=VIEWPORT)
    if basket and path in {"/cart/", "/checkout/"}:
        fill_basket(context, base_url, basket)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    return context, page, cdp


def transferred_kb(browser, base_url: str, path: str, basket: str | None = None) -> float:
    context, page, cdp = open_page(browser, base_url, path, basket)
    try:
        types: dict[str, str] = {}
        received: dict[str, int] = {}
        broken: list[str] = []

        def on_response(event: dict) -> None:
            types[event["requestId"]] = event["type"]
            if event["response"]["status"] >= 400:
                broken.append(f"{event['response']['url']} ({event['response']['status']})")

        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFailed", lambda e: broken.append(f"{e['requestId']} failed"))
        cdp.on(
            "Network.loadingFinished",
            lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        response = page.goto(base_url + path, wait_until="load")
        if response is None or response.status != 200 or response.url != base_url + path:
            status = response.status if response else None
            final = response.url if response else None
            raise NotOk(f"{path} answers {status} (ends at {final})")
        page.wait_for_load_state("networkidle")
        if broken:
            note(f"page: {path}: some resources did not load: {', '.join(broken)}")
        text = sum(n for rid, n in received.items() if types.get(rid) in COUNTED_TYPES)
        return text / 1024
    finally:
        context.close()


# Quiet this long (with nothing in flight) means the visit has fetched all it will: longer than
# one 3G round trip, so a lazy picture asked after the load event is still counted (Playwright's
# "networkidle" is 500 ms: it ended between two 2-second round trips, and `total_kb` then
# counted the pictures on some runs and not on others).
SETTLED_S = 3.0


def wait_settled(page, started: dict, received: dict, timeout_s: float = 120.0) -> None:
    """Until no request is in flight and none has started for SETTLED_S."""
    waited, quiet, seen = 0.0, 0.0, len(started)
    while waited < timeout_s and quiet < SETTLED_S:
        page.wait_for_timeout(250)
        waited += 0.25
        in_flight = len(set(started) - set(received))
        if len(started) != seen or in_flight:
            seen, quiet = len(started), 0.0
        else:
            quiet += 0.25


def timings_3g(
    browser, base_url: str, path: str, basket: str | None = None
) -> tuple[float, float, float, float]:
    """FCP, load, LCP (s) and everything fetched (KB) on 3G with an empty cache."""
    context, page, cdp = open_page(browser, base_url, path, basket)
    try:
        received: dict[str, int] = {}
        started: dict[str, str] = {}
        cdp.on("Network.requestWillBeSent", lambda e: started.__setitem__(e["requestId"], 1))
        cdp.on(
            "Network.loadingFinished",
            lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        cdp.on("Network.loadingFailed", lambda e: received.setdefault(e["requestId"], 0))
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", THREE_G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(base_url + path, wait_until="load", timeout=120_000)
        page.wait_for_function(
            "() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0",
            timeout=120_000,
        )
        fcp_ms, load_ms, lcp_ms = page.evaluate(
            """() => new Promise((resolve) => {
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                const nav = performance.getEntriesByType('navigation')[0];
                new PerformanceObserver((list) => {
                    const entries = list.getEntries();
                    const last = entries[entries.length - 1];
                    resolve([paint ? paint.startTime : -1, nav.loadEventEnd,
                             last ? last.startTime : -1]);
                }).observe({type: 'largest-contentful-paint', buffered: true});
                setTimeout(() => resolve([paint ? paint.startTime : -1, nav.loadEventEnd, -1]),
                           5000);
            })"""
        )
        wait_settled(page, started, received)
        return fcp_ms / 1000, load_ms / 1000, lcp_ms / 1000, sum(received.values()) / 1024
    finally:
        context.close()


def repeats() -> int:
    """`BENCH_REPEAT` 3G visits per page (1): the median is printed, the spread goes to stderr."""
    return max(1, int(os.environ.get("BENCH_REPEAT", "1")))


def run() -> list[tuple[str, float, str]]:
    server = demo_server()
    figures: list[tuple[str, float, str]] = []
    with chromium() as browser:
        pages, basket = pages_to_measure(server)
        for name, path in pages:
            try:
                kb = transferred_kb(browser, server.base_url, path, basket)
            except NotOk as error:
                note(f"page: {error}: page.{name} not measured")
                continue
            figures.append((f"page.{name}.kb", kb, "KB"))
            runs = [timings_3g(browser, server.base_url, path, basket) for _ in range(repeats())]
            if len(runs) > 1:
                spread = ", ".join(
                    f"{label} {min(r[i] for r in runs):.2f}–{max(r[i] for r in runs):.2f}"
                    for i, label in enumerate(["fcp", "load", "lcp", "total_kb"])
                )
                note(f"page: {name}: median of {len(runs)} 3G visits; spread {spread}")
            fcp, load, lcp, total_kb = (statistics.median(r[i] for r in runs) for i in range(4))
            figures.append((f"page.{name}.total_kb", total_kb, "KB"))
            if fcp < 0:
                note(f"page: no first-contentful-paint entry for {path}")
            else:
                figures.append((f"page.{name}.fcp_s", fcp, "s"))
            if lcp < 0:
                note(f"page: no largest-contentful-paint entry for {path}")
            else:
                figures.append((f"page.{name}.lcp_s", lcp, "s"))
            figures.append((f"page.{name}.load_s", load, "s"))
    return figures
