"""Widgets shared by screens, and the cards features add to Today."""
