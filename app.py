"""ecodash dashboard: builds the navigation; every page lives in ecodash.ui."""

from ecodash.ui.common import warm_up
from ecodash.ui.navigation import run

warm_up()  # once per process: the default views' tables, computed in the background for the first readers
run()
