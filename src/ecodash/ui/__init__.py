"""Streamlit pages of the dashboard: the only part of ecodash that imports streamlit."""
