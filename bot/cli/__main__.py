"""`python -m bot.cli`: the laporbot command."""

from bot.cli import main

raise SystemExit(main())
