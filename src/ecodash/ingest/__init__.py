"""Files -> CSV rows -> checks -> seed checks -> validation -> one immutable Dataset; uploads; the cache of validated
datasets the app loads through."""
