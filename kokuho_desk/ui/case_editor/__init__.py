"""The case editor (tabs 世帯・収入, 保険料・滞納, 差押え, 医療・保険証, 相談記録)."""

from kokuho_desk.ui.case_editor.editor import CaseEditor

__all__ = ["CaseEditor"]
