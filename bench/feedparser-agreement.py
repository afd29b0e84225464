#!/usr/bin/env python3
"""How often `inertia parse` agrees with Python feedparser, field by field, on a folder of feed documents.

Usage: python3 bench/feedparser-agreement.py INERTIA_DLL FEEDPARSER_PATH DIR... [--show N] [--field F]

FEEDPARSER_PATH is a folder from which `import feedparser` works (a checkout of kurtmckee/feedparser with
feedparser_sgmllib beside it); it is not a dependency of the product, only the reference this measures against.
A file's leading comment may give HTTP headers as feedparser's own test suite does ("Header: Content-Location: URL",
"Header: Content-type: TYPE"); they are passed to both parsers. A check is counted where either parser has a value;
feedparser's known quirks are not held against anyone (a second summary filed as content, `&amp;` kept in category
text, iframes and tracking pixels stripped, relative URLs left relative, Atom `label` versus `term`): HTML fields are
compared as their visible text, URLs also by their path when one side left them relative.
"""
import collections
import html
import json
import os
import re
import subprocess
import sys


def load_feedparser(path):
    sys.path[:0] = [path, os.path.join(path, "lib")]
    import feedparser  # noqa: E402
    return feedparser


HEADER = re.compile(r"^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", re.M)


def headers_of(data):
    head = data[:2000].decode("latin-1")
    if not head.lstrip().startswith("<!--") and "<!--" not in head[:200]:
        return {}
    return {k.lower(): v for k, v in HEADER.findall(head)}


TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


def visible(value):
    if value is None:
        return None
    text = html.unescape(TAG.sub(" ", value))
    text = SPACE.sub(" ", text).strip()
    return text or None


def shown(value, detail):
    """feedparser's value as it shows: HTML and XHTML are markup, any other type (text/plain, a decoded binary) text."""
    if value is None:
        return None
    return visible(value) if (detail or {}).get("type", "text/html") in ("text/html", "application/xhtml+xml") else plain(value)


def plain(value):
    if value is None:
        return None
    text = SPACE.sub(" ", html.unescape(value)).strip()
    return text or None


def fp_date(parsed):
    if not parsed:
        return None
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(parsed)[:6]


def our_date(value):
    if not value:
        return None
    return value[:19] + "Z"


def url_match(a, b):
    if a == b:
        return True
    if not a or not b:
        return False
    # one side kept a relative URL the other resolved
    strip = re.compile(r"^[a-z]+://[^/]*")
    return strip.sub("", a) == strip.sub("", b) and (not a.startswith("http") or not b.startswith("http"))


VERSIONS = {
    ("rss", "2.0"): "rss20", ("rss", "0.91"): "rss091u", ("rss", "0.92"): "rss092", ("rss", "0.93"): "rss093",
    ("rss", "0.94"): "rss094", ("rdf", "1.0"): "rss10", ("rdf", "0.90"): "rss090", ("atom", "1.0"): "atom10",
    ("atom", "0.3"): "atom03", ("json", "1.0"): "json1", ("json", "1.1"): "json11", ("rss", None): "rss",
}


class Tally:
    def __init__(self):
        self.checks = collections.Counter()
        self.agreed = collections.Counter()
        self.misses = collections.defaultdict(list)

    def check(self, field, ours, theirs, same, where):
        if ours in (None, "", []) and theirs in (None, "", []):
            return
        self.checks[field] += 1
        if same:
            self.agreed[field] += 1
        else:
            self.misses[field].append((where, ours, theirs))


def compare(tally, name, ours, theirs):
    fp = theirs.feed
    if theirs.version:
        tally.check("version", VERSIONS.get((ours.get("format"), ours.get("version")), ours.get("version")), theirs.version,
                    VERSIONS.get((ours.get("format"), ours.get("version"))) == theirs.version
                    or (theirs.version == "rss091n" and ours.get("version") == "0.91"), name)
    for field, fp_field, kind in [("title", "title", "html"), ("siteUrl", "link", "url"), ("description", "subtitle", "html"),
                                  ("language", "language", "text")]:
        o, t = ours.get(field), fp.get(fp_field)
        if kind == "html":
            t = shown(t, fp.get(fp_field + "_detail"))
        if kind == "url":
            tally.check("feed." + field, o, t, url_match(o, t), name)
        elif kind == "html":
            # a title of type html is plain text to us and markup to feedparser: compared as what shows
            tally.check("feed." + field, plain(o), t, plain(o) == t or visible(o) == t, name)
        else:
            tally.check("feed." + field, plain(o), plain(t), plain(o) == plain(t), name)
    for field, fp_field in [("updated", "updated_parsed"), ("published", "published_parsed")]:
        # dict.get: feedparser's own get maps a missing updated to published
        o, t = our_date(ours.get(field)), fp_date(dict.get(fp, fp_field))
        tally.check("feed." + field, o, t, o == t, name)
    our_entries, fp_entries = ours.get("entries") or [], theirs.entries
    tally.check("entries.count", len(our_entries), len(fp_entries), len(our_entries) == len(fp_entries), name)
    for i, (o, t) in enumerate(zip(our_entries, fp_entries)):
        where = f"{name}#{i}"
        tally.check("id", o.get("id"), t.get("id"), plain(o.get("id")) == plain(t.get("id")), where)
        tally.check("link", o.get("url"), t.get("link"), url_match(o.get("url"), t.get("link")), where)
        fp_title = shown(t.get("title"), t.get("title_detail"))
        tally.check("title", plain(o.get("title")), fp_title, plain(o.get("title")) == fp_title, where)
        names = {plain(t.get("author")), plain((t.get("author_detail") or {}).get("name")), plain((t.get("author_detail") or {}).get("email"))} - {None}
        tally.check("author", plain(o.get("author")), plain(t.get("author")), plain(o.get("author")) in names if names else o.get("author") is None, where)
        for field, fp_field in [("published", "published_parsed"), ("updated", "updated_parsed")]:
            od, td = our_date(o.get(field)), fp_date(dict.get(t, fp_field))
            tally.check(field, od, td, od == td, where)
        fp_summary = shown(t.get("summary"), t.get("summary_detail"))
        contents = t.get("content") or []
        fp_contents = [shown(c, None) if isinstance(c, str) else shown(c.get("value"), c) for c in ([contents] if isinstance(contents, str) else contents)]
        our_summary, our_content = visible(o.get("summary")), visible(o.get("content"))
        # feedparser files a second summary (itunes:summary beside description) as content, and content as summary when alone
        tally.check("summary", our_summary, fp_summary,
                    our_summary == fp_summary or (our_summary is None and fp_summary == our_content) or our_summary in fp_contents, where)
        if fp_contents or our_content:
            tally.check("content", our_content, fp_contents[0] if fp_contents else None,
                        our_content in fp_contents or (not fp_contents and our_content == fp_summary), where)
        fp_tags = [plain(x.get("term") or x.get("label")) for x in t.get("tags") or []]
        fp_tags = [x.replace("&amp;", "&") for x in fp_tags if x]
        our_tags = [plain(x) for x in o.get("categories") or []]
        tally.check("categories", our_tags, fp_tags, our_tags == fp_tags or sorted(our_tags) == sorted(fp_tags), where)
        fp_enc = [x.get("href") for x in t.get("enclosures") or [] if x.get("href")]
        our_enc = [x.get("url") for x in o.get("enclosures") or []]
        tally.check("enclosures", our_enc, fp_enc, len(our_enc) == len(fp_enc) and all(url_match(a, b) for a, b in zip(our_enc, fp_enc)), where)


def main():
    args = sys.argv[1:]
    show = int(args[args.index("--show") + 1]) if "--show" in args else 0
    only = args[args.index("--field") + 1] if "--field" in args else None
    for flag in ("--show", "--field"):
        if flag in args:
            i = args.index(flag)
            del args[i:i + 2]
    dll, fp_path, dirs = args[0], args[1], args[2:]
    feedparser = load_feedparser(fp_path)
    files = sorted(os.path.join(r, f) for d in dirs for r, _, fs in os.walk(d) for f in fs if f.endswith((".xml", ".rss", ".atom", ".rdf", ".json")))
    groups = collections.defaultdict(list)
    for path in files:
        with open(path, "rb") as f:
            h = headers_of(f.read())
        groups[(h.get("content-location"), h.get("content-type"))].append(path)
    ours = {}
    for (location, ctype), paths in groups.items():
        cmd = ["dotnet", dll, "parse", *paths]
        if location:
            cmd += ["--url", location]
        if ctype:
            cmd += ["--content-type", ctype]
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        # one file prints one (indented) object, several print a line each
        for doc in [json.loads(out)] if len(paths) == 1 and out.strip() else [json.loads(line) for line in out.splitlines() if line.strip()]:
            ours[doc["file"]] = doc
    print(f"inertia read {sum(1 for d in ours.values() if 'error' not in d)} of {len(files)} documents", file=sys.stderr)
    tally = Tally()
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        h = headers_of(data)
        theirs = feedparser.parse(data, response_headers=h or None)
        mine = ours.get(path, {})
        compare(tally, os.path.relpath(path), {} if "error" in mine else mine, theirs)
    total, agreed = sum(tally.checks.values()), sum(tally.agreed.values())
    print(f"{len(files)} documents, {total} checks, agreement {100.0 * agreed / max(1, total):.1f}%")
    for field in sorted(tally.checks, key=lambda f: tally.agreed[f] - tally.checks[f]):
        print(f"  {field:16} {tally.agreed[field]:6}/{tally.checks[field]:<6} {100.0 * tally.agreed[field] / tally.checks[field]:5.1f}%")
    for field, misses in tally.misses.items():
        if only and field != only:
            continue
        for where, o, t in misses[:show]:
            print(f"{field}: {where}\n    ours:       {o!r}\n    feedparser: {t!r}")


if __name__ == "__main__":
    main()
