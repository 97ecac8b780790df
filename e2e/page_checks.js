/* Checks the browser tests run on every page (see conftest.py: check_text_zoom). */
({
  // What scrolls sideways: the page, or a box in it not marked `data-scroll-x`.
  sideways() {
    const root = document.documentElement, width = root.clientWidth, found = [];
    const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
      (typeof e.className === "string" && e.className.trim()
        ? "." + e.className.trim().split(/\s+/).join(".") : "");
    const elements = [...document.body.querySelectorAll("*")]
      .filter((e) => !e.closest("[data-scroll-x]"));
    if (root.scrollWidth > width + 1) {
      found.push(`the page is ${root.scrollWidth} px wide for ${width} px`);
      for (const e of elements) {
        const box = e.getBoundingClientRect();
        if (box.width && box.right > width + 1) {
          found.push(`${name(e)} ends at ${Math.round(box.right)} px`);
        }
      }
      const range = document.createRange();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {  // text wider than its box (a long word)
        const node = walker.currentNode;
        if (!node.data.trim() || node.parentElement.getBoundingClientRect().width <= 1) continue;
        range.selectNodeContents(node);
        if ([...range.getClientRects()].some((box) => box.right > width + 1)) {
          found.push(`text in ${name(node.parentElement)}: "${node.data.trim().slice(0, 40)}"`);
        }
      }
    }
    for (const e of elements) {
      const overflow = getComputedStyle(e).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && e.scrollWidth > e.clientWidth + 1) {
        found.push(`${name(e)} scrolls sideways (${e.scrollWidth} px in ${e.clientWidth} px)`);
      }
    }
    return found.slice(0, 8);
  },
  // Every "₫" that starts a line: it must stay beside its number.
  dongAlone() {
    const found = [], range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const box = (node, i) => {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return range.getClientRects()[0];
    };
    while (walker.nextNode()) {
      const node = walker.currentNode, text = node.data;
      for (let i = text.indexOf("₫"); i >= 0; i = text.indexOf("₫", i + 1)) {
        let j = i - 1;
        while (j >= 0 && /\s/.test(text[j])) j--;
        if (j < 0) continue;
        const sign = box(node, i), before = box(node, j);
        if (sign && before && sign.width && sign.top >= before.bottom - 1) {
          found.push(text.slice(Math.max(0, j - 12), i + 1));
        }
      }
    }
    return found.slice(0, 5);
  },
})
