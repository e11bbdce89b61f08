"""Serving the dashboard with several processes: N Streamlit processes behind HAProxy (`make serve`,
`python -m ecodash.serving`). Imports no Streamlit: it starts `streamlit run` processes. docs/serving.md explains
the recipe and the generated HAProxy configuration."""

from ecodash.serving.cluster import Backend, Cluster, ServingError
from ecodash.serving.haproxy import HaproxyMissing, find_haproxy, render_config

__all__ = ["Backend", "Cluster", "HaproxyMissing", "ServingError", "find_haproxy", "render_config"]
