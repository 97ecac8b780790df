"""How a lot's producers are named on its public trace page (and in the API).

Only members who agreed (`show_name_publicly`) are named, by their given name alone
(`User.first_name`, which knows that Ê-đê and Gia-rai names put it first). Two producers of
one lot with the same given name are told apart by the initial of their family name:
"Lan N.", "Lan H." — still nothing more than they agreed to show.
"""

from collections import Counter


def producer_names(memberships) -> list[str]:
    """The names to show for these (consenting) memberships, in their order."""
    users = [m.user for m in memberships if m.user.first_name]
    counts = Counter(u.first_name for u in users)
    names = []
    for user in users:
        name = user.first_name
        if counts[name] > 1 and user.family_name:
            name = f"{name} {user.family_name[0].upper()}."
        names.append(name)
    return names
