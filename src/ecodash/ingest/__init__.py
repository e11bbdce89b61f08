"""Files -> CSV rows -> checks -> seed checks -> validation -> one immutable Dataset; uploads."""
