"""Settings: one registry, the dialog built from it, the large-text mode."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit

from kokuho_desk.ui.settings import BY_NAME, LARGE_TEXT_SCALE, SETTINGS, apply_text_size
from kokuho_desk.ui.settings_dialog import SettingsDialog


def test_every_setting_is_declared_once_with_a_japanese_label():
    """Ensure each setting has a unique name, a default and a Japanese label."""
    assert len(BY_NAME) == len(SETTINGS)
    assert {"desk_name", "desk_contact", "default_municipality", "pdf_font", "large_text", "db_path"} <= set(BY_NAME)
    for s in SETTINGS:
        assert s.label and not s.label.isascii()


def test_dialog_saves_values_and_defaults_apply(qtbot, settings):
    """Ensure the dialog shows defaults and stores what is typed."""
    dialog = SettingsDialog(settings, municipalities=["大阪市", "堺市"])
    qtbot.addWidget(dialog)
    assert settings.get("large_text") is False
    name = dialog.editors["desk_name"]
    assert isinstance(name, QLineEdit)
    name.setText("○○社保協 国保相談窓口 <本部> & 支部")
    dialog.editors["default_municipality"].setEditText("堺市")
    large = dialog.editors["large_text"]
    assert isinstance(large, QCheckBox)
    large.setChecked(True)
    dialog.accept()
    assert settings.get("desk_name") == "○○社保協 国保相談窓口 <本部> & 支部"
    assert settings.get("default_municipality") == "堺市"
    assert settings.get("large_text") is True


def test_large_text_scales_the_application_font(qapp):
    """Ensure the large-text mode scales the app font by 1.25 and back."""
    base = qapp.font().pointSizeF()
    apply_text_size(qapp, True)
    assert qapp.font().pointSizeF() == base * LARGE_TEXT_SCALE
    apply_text_size(qapp, False)
    assert qapp.font().pointSizeF() == base
    qapp.setProperty("base_point_size", None)


def test_default_municipality_fills_a_new_case(qtbot, make_window, settings):
    """Ensure a new case starts with the desk's default municipality."""
    settings.set("default_municipality", "大阪市")
    window = make_window()
    window.new_case()
    assert window.editor.form.target("municipality").value() == "大阪市"
