"""The product page's first picture, sent inside the page when it is small.

On 3G every extra request costs a round trip (DevTools' 3G profile: 2 s), and the product
page's largest paint is its photo: fetched after the page, it paints one round trip after the
text. A small photo is therefore written into the page as a `data:` URI (CSP `img-src`
allows `data:`): the page and its photo arrive together. The medium picture (800 px) when it
is at most `INLINE_MAX_BYTES`, else the thumbnail (240 px) when it is, else the medium
picture's URL as before (a large photo would delay the text more than it saves). Read only
when the page is rendered, which the page cache makes rare (storefront.page_cache).
"""

import base64

INLINE_MAX_BYTES = 12 * 1024


def _data_uri(field_file) -> str | None:
    try:
        if not field_file or field_file.size > INLINE_MAX_BYTES:
            return None
        with field_file.storage.open(field_file.name, "rb") as handle:
            data = handle.read(INLINE_MAX_BYTES + 1)
    except OSError:  # missing or unreadable: the URL is the fallback
        return None
    if len(data) > INLINE_MAX_BYTES or not data.startswith(b"RIFF"):  # our WebP files only
        return None
    return "data:image/webp;base64," + base64.b64encode(data).decode("ascii")


def lead_picture_src(image) -> str:
    """The `src` of the first picture on the product page ('' when it has none)."""
    if image is None or not image.medium:
        return ""
    return _data_uri(image.medium) or _data_uri(image.thumbnail) or image.medium.url
