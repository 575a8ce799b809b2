"""The reporting round on pages: the overview's line of completeness while a round is open."""

from __future__ import annotations

import logging

import streamlit as st

from lib.presentation import formatting as fmt
from lib.store import rounds
from lib.store.db import may_exist
from lib.ui import auth

LOG = logging.getLogger(__name__)


def round_completeness() -> None:
    """报送率 and 及时率 of the open round (nothing when none is open, or no store exists yet)."""
    if not may_exist():
        return
    try:
        found = rounds.current_round(auth.store())
        done = None if found is None else rounds.completeness(auth.store(), found.year)
    except Exception:  # the store cannot be read: the overview still shows the published data
        LOG.exception("the reporting round cannot be read")
        return
    if done is None:
        return
    when = rounds.deadline_text(done.deadline, rounds.today())
    st.info(
        f"**{done.year}年度报送进行中**（截止 {done.deadline:%Y-%m-%d}，{when}）　"
        f"报送率 {fmt.format_rate(done.reporting_rate)}（{done.reported}/{done.expected} 项）　"
        f"及时率 {fmt.format_rate(done.timely_rate)}（按期报送 {done.on_time} 项）。详见“年度报送”页。",
        icon=":material/assignment_turned_in:",
    )
