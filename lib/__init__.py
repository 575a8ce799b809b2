"""Pure data layer of the Boshan women's development plan dashboard (no streamlit here,
except lib/loaders.py and lib/ui.py)."""
