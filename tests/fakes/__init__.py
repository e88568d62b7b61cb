"""Fake servers at the transport boundary: Telegram Bot API, WhatsApp Graph API, central API, speech."""
