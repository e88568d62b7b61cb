"""The settings tree's reader: typed variables declared once per section (bot/config/reader.py).

The sections themselves live with their features (bot/settings.py `Settings`, bot/conversation/guards.py
`OpsSettings`, ...);
bot/sections.py lists them all and checks an environment against every one (`laporbot config check`).
"""

from bot.config.reader import (
    Bool,
    ClockTime,
    ConfigError,
    Dates,
    Duration,
    Enum,
    FilePath,
    Float,
    Int,
    Kind,
    List,
    Problem,
    Reader,
    Secret,
    Section,
    Text,
    Url,
    Var,
    Zone,
)

__all__ = ["Bool", "ClockTime", "ConfigError", "Dates", "Duration", "Enum", "FilePath", "Float", "Int", "Kind",
           "List", "Problem", "Reader", "Secret", "Section", "Text", "Url", "Var", "Zone"]
