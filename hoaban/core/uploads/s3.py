"""S3 storages (scale-out mode, django-storages): kept apart so that the embedded mode does not
import boto3. Each object carries its own Content-Type, Content-Disposition and Cache-Control
(`object_parameters`); S3 cannot carry nosniff or a CSP per object.
"""

from storages.backends.s3 import S3Storage

from .storage import object_parameters


class PublicS3Storage(S3Storage):
    """Public media on S3: each object carries its own type and disposition."""

    def get_object_parameters(self, name):
        return {**super().get_object_parameters(name), **object_parameters(name)}


class PrivateS3Storage(S3Storage):
    """Private files on S3: a private ACL, under `private/`, signed URLs, downloads only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", "private")
        kwargs.setdefault("default_acl", "private")
        kwargs.setdefault("querystring_auth", True)
        super().__init__(**kwargs)

    def get_object_parameters(self, name):
        private = object_parameters(name, private=True)
        return {**super().get_object_parameters(name), **private}
