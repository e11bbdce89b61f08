"""The floor for bench_browser.py: a bare Streamlit page that reads the same facts CSV and draws one plotly bar
chart with one selectbox. Run by the benchmark with `streamlit run bench/bare_app.py`; never part of the app."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

DATA_DIR = Path(os.environ.get("ECODASH_DATA_DIR") or Path(__file__).resolve().parents[1] / "data")

facts = pd.read_csv(DATA_DIR / "facts.csv")
indicator = st.selectbox("Indicator", sorted(facts["indicator_id"].unique()))
shown = facts.loc[facts["indicator_id"] == indicator]
st.plotly_chart(px.bar(shown, x="region_id", y="value", title=indicator), key="bare_chart")
