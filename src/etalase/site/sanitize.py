"""Contributed HTML made harmless: an allowlist sanitizer over the rendered Markdown.

Schools write Markdown, and Markdown passes raw HTML through. Everything a
school wrote is rendered first and then cleaned with nh3 (the Rust ``ammonia``
allowlist sanitizer): formatting, lists, tables, links and images survive;
scripts, event handlers, frames, forms, styles and classes that could overlay
the page do not. Links keep only ``http``, ``https`` and ``mailto`` targets
(or relative ones); images must be files next to the page, so a contributed
text can never make a visitor's phone fetch from a third-party host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
# Admonitions from the office's Markdown extensions; no class that Material
# or Etalase style as fixed, absolute or full-screen.
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "info", "tip", "warning", "danger", "admonition-title"},
    "p": {"admonition-title"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow ugc"


def clean_html(html: str) -> str:
    """Return ``html`` with only the allowed tags, attributes and URLs left.

    Script and style elements are removed with their content; any other
    unknown element is unwrapped so its text stays readable.
    """
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "template", "noscript", "textarea", "select"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    )
    # Added here, not by nh3's set_tag_attribute_values: that writes them in a
    # random order per call, and a build must give the same bytes every time.
    return IMG_TAG.sub(r'<img\1 loading="lazy" decoding="async">', cleaned)


#: An <img> as nh3 writes it: allowed attributes only, values in double quotes
#: (group 1: its attributes, each with the space before it).
IMG_TAG = re.compile(r'<img((?:\s+[^\s"=>]+(?:="[^"]*")?)*)\s*/?>')


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if is_local_url(value) else None
    return value


def is_local_url(url: str) -> bool:
    """Whether ``url`` points inside the site (relative, no scheme, no host)."""
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not url.strip().startswith(("//", "\\"))


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an absolute ``http(s)`` link, else ``None`` (for profile websites)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return url.strip()
    return None
