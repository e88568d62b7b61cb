"""The WhatsApp Cloud API adapter: webhooks in, replies and templates out, the Graph API client, admin answers."""
