"""Renderers: each takes the same structured result and writes one format. Rules never format text."""
