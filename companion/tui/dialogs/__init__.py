"""Modal dialogs: each asks one thing over the screen beneath and dismisses with the answer."""
