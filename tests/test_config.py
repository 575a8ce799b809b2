"""The status palette: one colour per status, readable white badge text."""

from lib import config


def _relative_luminance(hex_color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_status_colors_cover_every_status():
    assert set(config.STATUS_COLORS) == set(config.ALL_STATUSES)


def test_status_colors_all_distinct():
    assert len(set(config.STATUS_COLORS.values())) == len(config.STATUS_COLORS)


def test_status_colors_keep_white_text_readable():
    for status, color in config.STATUS_COLORS.items():
        contrast = 1.05 / (_relative_luminance(color) + 0.05)
        assert contrast >= 3.0, f"{status} {color}: {contrast:.2f}"
