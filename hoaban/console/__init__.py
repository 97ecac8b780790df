"""The manager's console at /manage/<organisation>/…: the organisation, its members, products,
lots, stock and orders. It reads and writes through the apps' services, like any channel."""
