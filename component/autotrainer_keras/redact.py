"""One redaction of secrets for everything that prints or stores a URI.

Credentials in a tracking URI (`http://alice:S3cret@host`, `postgresql://u:pw@db/x`) and
credential-bearing query parameters (`?token=...`, presigned `X-Amz-Signature=...`) never
reach a terminal, a log, `report.json`, the spool, an MLflow param or an artifact. The forms
follow SQLAlchemy (`render_as_string(hide_password=True)`: the user kept, the password `***`)
and MLflow's own log filter (`SensitiveQueryParamFilter`: the value `[REDACTED]`). A user name
alone (`https://TOKEN@host`) is often a token itself, so it is masked whole.

Examples:
    >>> redact_uri("http://alice:S3cret@mlflow:5000/x?token=abc&run=1")
    'http://alice:***@mlflow:5000/x?token=[REDACTED]&run=1'
    >>> redact_text("MLflow at https://tok@h/ failed")
    'MLflow at https://***@h/ failed'
"""

from __future__ import annotations

import re

MASK = "***"
"""What stands for a password or a token that was in a URI's user part."""
REDACTED = "[REDACTED]"
"""What stands for the value of a credential-bearing query parameter."""
SENSITIVE_QUERY_PARAMS = (
    "token", "access_token", "id_token", "refresh_token", "api_key", "apikey", "key",
    "password", "passwd", "pwd", "secret", "client_secret", "auth", "authorization",
    "credential", "credentials", "sig", "signature", "X-Amz-Signature", "X-Amz-Security-Token",
    "X-Amz-Credential", "X-Goog-Signature", "X-Goog-Credential",
)  # fmt: skip
"""Query parameter names whose value is a secret (MLflow's list plus common token names)."""

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<userinfo>[^\s/?#@'\"]+)@")
_QUERY = re.compile(
    r"(?P<sep>[?&;])(?P<name>" + "|".join(re.escape(p) for p in SENSITIVE_QUERY_PARAMS) + r")"
    r"=(?P<value>[^&#\s'\"]+)",
    re.IGNORECASE,
)


def _mask_userinfo(match: re.Match[str]) -> str:
    user, colon, _password = match.group("userinfo").partition(":")
    masked = f"{user}:{MASK}" if colon else MASK
    return f"{match.group('scheme')}{masked}@"


def redact_text(text: str) -> str:
    """`text` with every URI's user part and every credential query value masked."""
    text = _USERINFO.sub(_mask_userinfo, text)
    return _QUERY.sub(lambda m: f"{m.group('sep')}{m.group('name')}={REDACTED}", text)


def redact_uri(uri: str | None) -> str | None:
    """A URI safe to print or store: credentials masked, everything else unchanged."""
    return None if uri is None else redact_text(uri)


def is_redacted(uri: str) -> bool:
    """True when `uri` is a redacted form (it cannot be used to authenticate)."""
    return redact_text(uri) == uri and (f"{MASK}@" in uri or f"={REDACTED}" in uri)


_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL | ST (titles, hyperlinks, clipboard)
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves, screen clears)
    r"|\x1b[@-Z\\-_]?"  # other two-character escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # any other C0/C1 control but tab and newline
)


def terminal_safe(text: str) -> str:
    """`text` redacted and without terminal control sequences (ANSI/OSC escapes, C0/C1
    controls other than tab and newline), so a tampered file cannot drive the terminal."""
    return _ESCAPES.sub("", redact_text(text))


def one_line(text: str) -> str:
    """`terminal_safe(text)` on one line (newlines and tabs become spaces)."""
    return " ".join(terminal_safe(text).split())
