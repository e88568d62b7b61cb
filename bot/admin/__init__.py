"""Admins in chat, independent of any channel: cases and their cards, actions, SLA clocks, reports, timed work."""
