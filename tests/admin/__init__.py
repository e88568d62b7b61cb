"""Tests of bot/admin/."""
