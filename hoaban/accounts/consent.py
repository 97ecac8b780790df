"""The consent text shown at sign-up (Law 91/2025/QH15 on personal data protection).

The exact words shown are stored with each Consent, in the language they were shown in, with
`settings.CONSENT_VERSION`. Change the version whenever these words change in meaning.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CONSENT_PARAGRAPHS = [
    _(
        "What we collect: your phone number, name, gender, year of birth, preferred language "
        "and home commune; your e-mail and your ethnicity only if you give them."
    ),
    _(
        "Why: so that you can log in; to connect you with cooperatives, buyers and mentors; to "
        "deliver your orders; and to measure, without names, how the programme helps families "
        "leave poverty."
    ),
    _(
        "Your ethnicity and where you live are sensitive personal data under Law 91/2025/QH15 "
        "on personal data protection. Giving your ethnicity is optional."
    ),
    _(
        "Who sees it: you; the manager of a cooperative you join, only what the work needs; and "
        "the programme officers. We do not sell your data and do not give it to advertisers."
    ),
    _(
        "Your rights: on your profile page you can see, correct and download your data at any "
        "time. You can withdraw this consent or ask us to delete your data: tell a programme "
        "officer or your field agent. Withdrawing does not undo what was done before."
    ),
    _(
        "By ticking the box below you agree that Hoa Ban processes your personal data, "
        "including sensitive data, as written here."
    ),
]


def consent_title() -> str:
    return str(_("How Hoa Ban uses your personal data"))


def consent_paragraphs() -> list[str]:
    """The paragraphs in the active language."""
    return [str(paragraph) for paragraph in CONSENT_PARAGRAPHS]


def consent_text() -> str:
    """The whole text in the active language, exactly as it is shown and stored."""
    return "\n\n".join([consent_title(), *consent_paragraphs()])


def consent_version() -> str:
    return settings.CONSENT_VERSION
