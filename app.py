"""ecodash dashboard: builds the navigation; every page lives in ecodash.ui."""

from ecodash.ui.caches import warm_up
from ecodash.ui.navigation import run

run()
# Once per process, after the first page is drawn (so the first reader's run has the core to itself): the default
# views' tables, computed in a background thread for the readers who come next.
warm_up()
