"""Payment helpers: the VietQR payload (pure Python, no Django imports)."""
