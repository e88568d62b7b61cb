"""The Telegram adapter: updates in, replies out, the Bot API client, the admin cards and commands."""
