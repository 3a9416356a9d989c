"""The join link as a QR code, drawn as inline SVG (no image request, nothing the CSP refuses)."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def join_qr_svg(url: str) -> SafeString:
    """An SVG QR code of ``url``, sized by CSS, with a text alternative for screen readers."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, dark="#1d2330", light="#ffffff", omitsize=True)
    label = escape(_("Code QR du lien pour rejoindre"))
    # segno writes the markup itself, from a URL it encoded; the label is escaped.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))
