"""Product images: kept for older callers; the one owner of uploads is `hoaban.core.uploads`."""

from hoaban.core.uploads import (  # noqa: F401 (re-exported)
    MEDIUM_SIZE,
    THUMBNAIL_SIZE,
    NotAnImage,
    open_image,
    webp_variant,
    webp_variants,
)
