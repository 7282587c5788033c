"""Quote marks: whether a mark opens or closes a quote, and their pairing paragraph by
paragraph (a quote over several paragraphs, an unbalanced mark)."""

from __future__ import annotations

import re

from .doc import _Doc, _Marks

_MARK = re.compile(r'["“”]')
_OPEN_CONTEXT = "([{—–-/'‘\"“”"
_CLOSE_CONTEXT = ".,;:!?)]}—–-…'’\"“”"


def _role(text: str, i: int) -> str:
    """Whether the mark at ``i`` opens or closes a quote, by what is around it (then by its
    shape: “ opens, ” closes, " either)."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    can_open = (prev.isspace() or prev in _OPEN_CONTEXT) and not nxt.isspace()
    can_close = (nxt.isspace() or nxt in _CLOSE_CONTEXT) and not prev.isspace()
    if can_open != can_close:
        return "open" if can_open else "close"
    return {"“": "open", "”": "close"}.get(text[i], "either")


def _pair_marks(doc: _Doc) -> list[_Marks]:
    """Pairs of quote marks, paragraph by paragraph. A quote still open at its paragraph's
    end goes on when the next paragraph opens with a mark and the quote was introduced
    (opens a paragraph or a sentence, or follows a colon or comma: 'Smith said: "'). Else
    an introduced quote ends with its paragraph, and one that is not is dropped (an
    unclosed mark inside a sentence is a stray or a scare quote)."""
    text, paras = doc.text, doc.paras
    marks = [m.start() for m in _MARK.finditer(text)]
    out: list[_Marks] = []
    k, opened, depth, first, introduced = 0, -1, 0, 0, False
    for p, (ps, pe) in enumerate(paras):
        if opened >= 0:
            if introduced and k < len(marks) and marks[k] == ps and _role(text, ps) != "close":
                k, depth = k + 1, 1          # the quote goes on in this paragraph
            else:
                if introduced:
                    out.append(_Marks(opened, paras[p - 1][1], False, first, p - 1))
                opened = -1
        while k < len(marks) and marks[k] < pe:
            i, role = marks[k], _role(text, marks[k])
            k += 1
            if opened < 0:
                if role != "close":
                    opened, depth, first = i, 1, p
                    introduced = _introduced(text, ps, i)
            elif role == "open":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    out.append(_Marks(opened, i, True, first, p))
                    opened = -1
    if opened >= 0 and introduced:
        out.append(_Marks(opened, paras[-1][1], False, first, len(paras) - 1))
    return out


def _introduced(text: str, para_start: int, i: int) -> bool:
    """Whether the mark at ``i`` opens its paragraph or a sentence, or follows a colon,
    comma or dash."""
    j = i
    while j > para_start and text[j - 1] in " \t":
        j -= 1
    return j == para_start or text[j - 1] in ":,—–.!?"
