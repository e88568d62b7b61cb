"""Tests of the channel adapters (handlers/)."""
