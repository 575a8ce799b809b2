"""Page scripts of the dashboard (run by st.navigation in app.py) and their shared area page."""
