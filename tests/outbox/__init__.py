"""Tests of bot/outbox/."""
