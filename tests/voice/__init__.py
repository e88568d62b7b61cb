"""Tests of bot/voice/."""
