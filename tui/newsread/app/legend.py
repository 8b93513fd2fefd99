"""One line naming the entity types present, each in its highlight colour."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from newsread.app.styles import ENTITY_CLASSES, label_info, label_sort_key


class Legend(Widget):
    """``■ Person  ■ Place …`` for the labels the analysis found."""

    COMPONENT_CLASSES = ENTITY_CLASSES

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._labels: tuple[str, ...] = ()
        self._placeholder = "Highlights appear when the analysis is ready."

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    def set_labels(self, labels: set[str] | frozenset[str], placeholder: str | None = None) -> None:
        self._labels = tuple(sorted(labels, key=label_sort_key))
        if placeholder is not None:
            self._placeholder = placeholder
        self.refresh()

    def render(self) -> Text:
        if not self._labels:
            return Text(self._placeholder, style="italic")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for label in self._labels:
            info = label_info(label)
            style = self.get_component_rich_style(info.css_class, partial=True)
            if text:
                text.append("  ")
            text.append("■ ", style=style)
            text.append(info.singular, style=style)
        return text
