"""Tests of bot/forwarding/."""
