"""Settings are declared once; each is documented in the README and read from the environment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.settings import SETTINGS, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented(setting):
    assert f"`{setting.env}`" in README, f"{setting.env} is missing from the README's settings table"


def test_every_setting_has_a_field():
    fields = set(Settings.__dataclass_fields__)
    assert {s.name for s in SETTINGS} == fields


def test_settings_read_from_a_mapping_not_the_process():
    s = Settings.from_env(
        {"KGBOT_STORE": ":memory:", "KGBOT_TODAY": "2025-03-01", "KGBOT_MAX_ROWS": "5", "KGBOT_QUERY_TIMEOUT": "1.5"}
    )
    assert s.store_path is None
    assert s.today == date(2025, 3, 1)
    assert s.max_rows == 5
    assert s.query_timeout == 1.5


@pytest.mark.parametrize("env", [{"KGBOT_TODAY": "yesterday"}, {"KGBOT_MAX_ROWS": "-3"}, {"KGBOT_PORT": "http"}])
def test_bad_setting_is_a_clear_error(env):
    with pytest.raises(SystemExit, match=next(iter(env))):
        Settings.from_env(env)


def test_overrides_win_over_environment():
    s = Settings.from_env({"KGBOT_STORE": "/tmp/a"}, store="/tmp/b")
    assert s.store_path == "/tmp/b"


@pytest.mark.parametrize(
    ("raw", "size"), [("1073741824", 1 << 30), ("512M", 512 << 20), ("1GiB", 1 << 30), ("1.5g", 3 << 29)]
)
def test_memory_sizes_take_binary_units(raw, size):
    assert Settings.from_env({"KGBOT_QUERY_MEMORY": raw}).query_memory == size


@pytest.mark.parametrize("raw", ["lots", "100M", "-1G", "inf"])
def test_a_query_memory_cap_too_small_or_unreadable_is_refused(raw):
    with pytest.raises(SystemExit, match="KGBOT_QUERY_MEMORY"):
        Settings.from_env({"KGBOT_QUERY_MEMORY": raw})


def test_the_query_memory_cap_defaults_to_one_gibibyte():
    assert Settings().query_memory == Settings.from_env({}).query_memory == 1 << 30
