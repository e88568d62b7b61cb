"""Tests of bot/understanding/."""
