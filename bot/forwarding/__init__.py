"""Complaints to the central API through the durable forwarding outbox, status back, and our Open311 read API."""
