"""Given names that tell one bearer of a family name from another: "Moeletsi Mbeki" is not Thabo
Mbeki, "Ahmed Wali Karzai" not Hamid Karzai, though the dictionaries list only the famous one."""

from __future__ import annotations

from spacy.tokens import Doc

from ...knowledge.actors_kb import ActorKB, Entry, norm_token


def other_given_name(doc: Doc, kb: ActorKB, start: int, end: int, person: Entry) -> bool:
    """A person matched by the surname alone (one word) right after a given name of the same name
    entity that the dictionary's name does not start with: another person of that family. A title
    or any word the dictionaries know ("President Putin") is no given name, and a given name with
    the dictionary name's initial may be its spelling ("Moammar Gadhafi" for Muammar)."""
    if end - start != 1 or start == 0:
        return False
    before, surname = doc[start - 1], doc[start]
    if not (
        surname.ent_type_ == "PERSON"
        and surname.ent_iob_ == "I"
        and before.ent_type_ == "PERSON"
        and before.pos_ == "PROPN"
        and before.is_alpha
        and before.text[:1].isupper()
        and (norm_token(before.text),) not in kb.forms
    ):
        return False
    known = kb.people.get(person.code)
    name = known.name if known is not None else person.name
    return name[:1].casefold() != before.text[:1].casefold()
