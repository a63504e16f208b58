"""The Mozilla HTTP Observatory's scoring, for the rules that apply to one response.

Each rule returns (name, modifier) with the names and points the Observatory publishes. The
score starts at 100; bonuses count only while the score before them is at least 90; A+ is 100+.
"""

import re

BASE = 100


def parse_csp(header):
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        policy.setdefault(name.lower(), [source.lower() for source in sources])
    return policy


def csp_rule(headers):
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    default = policy.get("default-src", [])
    scripts = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    styles = policy.get("style-src", default)
    wide = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}
    if "'unsafe-inline'" in scripts or wide & set(scripts) or objects != ["'none'"]:
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in scripts:
        return "csp-implemented-with-unsafe-eval", -10
    if any(source.startswith("http:") for sources in policy.values() for source in sources):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-inline'" in styles:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 0


def cookies_rule(cookies):
    if not cookies:
        return "cookies-not-found", 0
    if all(c["secure"] and c["httponly"] and c["samesite"] for c in cookies.values()):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-without-secure-flag", -20


def cors_rule(headers):
    if headers.get("Access-Control-Allow-Origin") == "*":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-not-implemented", 0


def referrer_rule(headers):
    policy = headers.get("Referrer-Policy", "").split(",")[-1].strip().lower()
    if policy in {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}:
        return "referrer-policy-private", 5
    if policy in {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-not-implemented", 0


def hsts_rule(headers):
    header = headers.get("Strict-Transport-Security", "")
    match = re.search(r"max-age=(\d+)", header)
    if not match:
        return "hsts-not-implemented", -20
    if int(match.group(1)) < 15_768_000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def nosniff_rule(headers):
    if headers.get("X-Content-Type-Options", "").lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def frame_rule(headers):
    policy = parse_csp(headers.get("Content-Security-Policy", ""))
    if policy.get("frame-ancestors") in (["'none'"], ["'self'"]):
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def sri_rule(script_sources):
    if not script_sources:
        return "sri-not-implemented-and-no-scripts-loaded", 0
    if all(src.startswith("/") and not src.startswith("//") for src in script_sources):
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    return "sri-not-implemented-but-external-scripts-loaded-securely", -5


def score(results):
    penalties = sum(points for _, points in results if points < 0)
    total = BASE + penalties
    if total >= 90:
        total += sum(points for _, points in results if points > 0)
    return total
