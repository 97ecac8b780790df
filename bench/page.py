"""Page weight and speed as a first-time visitor on a cheap phone receives them.

For each page: bytes transferred (compressed, headers included, as Chromium received them: CDP
`Network.loadingFinished.encodedDataLength`) for the document, stylesheets and scripts, images
aside, with an empty cache (a new browser context per page) → `page.<name>.kb`. Then, in another
fresh context, with DevTools' "3G" profile (2,000 ms latency, 50,000 B/s each way) and 4× CPU
slowdown: first-contentful-paint → `page.<name>.fcp_s` and the end of the load event →
`page.<name>.load_s`. Cart and checkout are measured once their URLs answer 200.
"""

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
        "print(p.code if p else '')"
    )
    return code or None


def pages_to_measure(server: DemoServer) -> list[tuple[str, str]]:
    pages = [("home", "/"), ("products", "/products/")]
    code = published_product_code(server)
    if code:
        pages.append(("product", f"/p/{code}/"))
    else:
        note("page: no published product in the demo data, product page not measured")
    for name, path in [("cart", "/cart/"), ("checkout", "/checkout/")]:
        status = server.status(path)
        if status == 200:
            pages.append((name, path))
        else:
            note(f"page: {path} answers {status}, not measured (issue 3 adds it)")
    return pages


def transferred_kb(browser, url: str) -> float:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        types: dict[str, str] = {}
        received: dict[str, int] = {}
        cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))
        cdp.on(
            "Network.loadingFinished",
            lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        total = sum(n for rid, n in received.items() if types.get(rid) in COUNTED_TYPES)
        return total / 1024
    finally:
        context.close()


def timings_3g(browser, url: str) -> tuple[float, float]:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", THREE_G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_function(
            "() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0",
            timeout=120_000,
        )
        fcp_ms, load_ms = page.evaluate(
            """() => {
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                const nav = performance.getEntriesByType('navigation')[0];
                return [paint ? paint.startTime : -1, nav.loadEventEnd];
            }"""
        )
        return fcp_ms / 1000, load_ms / 1000
    finally:
        context.close()


def run() -> list[tuple[str, float, str]]:
    server = demo_server()
    figures: list[tuple[str, float, str]] = []
    with chromium() as browser:
        for name, path in pages_to_measure(server):
            url = server.base_url + path
            figures.append((f"page.{name}.kb", transferred_kb(browser, url), "KB"))
            fcp, load = timings_3g(browser, url)
            if fcp < 0:
                note(f"page: no first-contentful-paint entry for {path}")
            else:
                figures.append((f"page.{name}.fcp_s", fcp, "s"))
            figures.append((f"page.{name}.load_s", load, "s"))
    return figures
