"""The daily self-care log: habits, entries, pauses, strength, lapses and summaries."""
