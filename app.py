"""ecodash dashboard: builds the navigation; every page lives in ecodash.ui."""

from ecodash.ui.navigation import run

run()
