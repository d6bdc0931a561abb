"""factlint rules (registry filled in by the rules issue)."""
