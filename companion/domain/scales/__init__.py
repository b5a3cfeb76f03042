"""Self-report scales: instrument keys, scoring, administrations and results over time."""
