"""Entity types as the reader sees them: names, order and style classes.

The colours themselves live in ``newsread.tcss`` (one rule per component
class, with a ``:light`` variant), so a theme switch recolours everything.
"""

from __future__ import annotations

from typing import NamedTuple


class LabelInfo(NamedTuple):
    #: Name in the legend ("Person").
    singular: str
    #: Heading in the side panel ("People").
    plural: str
    #: Component class carrying the colour ("entity--person").
    css_class: str


#: spaCy labels (plus ``UNNAMED``) in the order the legend and panel list them.
LABELS: dict[str, LabelInfo] = {
    "PERSON": LabelInfo("Person", "People", "entity--person"),
    "ORG": LabelInfo("Organisation", "Organisations", "entity--org"),
    "GPE": LabelInfo("Place", "Places", "entity--gpe"),
    "LOC": LabelInfo("Location", "Locations", "entity--loc"),
    # Nationalities, religious and political groups.
    "NORP": LabelInfo("Group", "Groups", "entity--norp"),
    "FAC": LabelInfo("Facility", "Facilities", "entity--fac"),
    "EVENT": LabelInfo("Event", "Events", "entity--event"),
    "PRODUCT": LabelInfo("Product", "Products", "entity--product"),
    "WORK_OF_ART": LabelInfo("Work", "Works", "entity--work"),
    "LAW": LabelInfo("Law", "Laws", "entity--law"),
    "LANGUAGE": LabelInfo("Language", "Languages", "entity--language"),
    "UNNAMED": LabelInfo("Unnamed source", "Unnamed sources", "entity--unnamed"),
}

OTHER = LabelInfo("Other", "Other", "entity--other")

#: Every component class a widget that draws entities must declare.
ENTITY_CLASSES: frozenset[str] = frozenset({info.css_class for info in LABELS.values()} | {OTHER.css_class})

_ORDER = {label: i for i, label in enumerate(LABELS)}


def label_info(label: str) -> LabelInfo:
    """How to name and colour ``label``; unknown labels share one neutral style."""
    info = LABELS.get(label)
    if info is not None:
        return info
    # Unknown labels come from the model, never from markup: show them as they are.
    return LabelInfo(label.title(), label.title(), OTHER.css_class)


def label_sort_key(label: str) -> tuple[int, str]:
    """Known labels in ``LABELS`` order, unknown ones after them alphabetically."""
    return (_ORDER.get(label, len(_ORDER)), label)
