"""What every part shares: the message model, words (i18n, labels), clocks, working days, tracking numbers, logs."""
