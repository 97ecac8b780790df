from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, pre-compressed files once collected; plain names before collectstatic (tests)."""

    manifest_strict = False
