"""Running it: Prometheus metrics, supervised background tasks, privacy (erasure), retention, backup."""
