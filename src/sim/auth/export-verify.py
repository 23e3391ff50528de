#!/usr/bin/python3
"""Verifier for export-verify.test.ts: what `npm run sim -- --export DIR` wrote must hold up
outside the simulator.

Usage: export-verify.py DIR MAILBOX...
Reads every DIR/zones/*.zone as an RFC 1035 master file (with dnspython when it is installed and
SMALL_ZONE_READER is not set, else with the small reader below), collects their TXT records, then runs dkimpy on every .eml
under DIR/MAILBOX (all folders), answering its key queries from those TXT records only.
Prints JSON: {"zones": {file: null | error}, "messages": [{"file", "ok", "error"}]}.
"""
import glob
import json
import logging
import os
import re
import sys

import dkim

ERRORS = []


class Collect(logging.Handler):
    """Keeps dkimpy's log messages, to say why a verification failed."""

    def emit(self, record):
        ERRORS.append(record.getMessage())


LOGGER = logging.getLogger("export-verify")
LOGGER.addHandler(Collect())
LOGGER.setLevel(logging.DEBUG)
LOGGER.propagate = False

TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


def small_reader(text, origin):
    """Reads the subset of RFC 1035 master files the simulator writes: $ORIGIN, $TTL, comments,
    owner names carried over from the line before, TXT data as one or more quoted strings."""
    txt = {}
    owner = origin
    for raw in text.splitlines():
        line = re.sub(r';(?=(?:[^"]*"[^"]*")*[^"]*$).*', "", raw).rstrip()
        if not line.strip():
            continue
        if line.startswith("$ORIGIN"):
            origin = line.split()[1].rstrip(".")
            continue
        if line.startswith("$"):
            continue
        tokens = [(q, w) for q, w in TOKEN.findall(line)]
        if not line[0].isspace():
            name = tokens.pop(0)[1]
            owner = origin if name == "@" else name.rstrip(".") if name.endswith(".") else f"{name}.{origin}"
        words = [w for _, w in tokens]
        while words and (words[0].isdigit() or words[0] in ("IN", "CH", "HS")):
            words.pop(0)
            tokens.pop(0)
        if words and words[0] == "TXT":
            strings = [q for q, w in tokens[1:] if not w]
            txt.setdefault(owner.lower(), []).append("".join(s.replace('\\"', '"').replace("\\\\", "\\") for s in strings))
    return txt


def dnspython_reader(text, origin):
    import dns.zone
    import dns.rdatatype

    zone = dns.zone.from_text(text, origin=origin + ".", relativize=False, check_origin=True)
    txt = {}
    for name, rdataset in zone.iterate_rdatasets(dns.rdatatype.TXT):
        for rdata in rdataset:
            value = b"".join(rdata.strings).decode("utf-8")
            txt.setdefault(name.to_text().rstrip(".").lower(), []).append(value)
    return txt


def main():
    out_dir, mailboxes = sys.argv[1], sys.argv[2:]
    reader = small_reader
    if not os.environ.get("SMALL_ZONE_READER"):
        try:
            import dns.zone  # noqa: F401

            reader = dnspython_reader
        except ImportError:
            pass
    zones, records = {}, {}
    for path in sorted(glob.glob(os.path.join(out_dir, "zones", "*.zone"))):
        origin = os.path.basename(path)[: -len(".zone")]
        try:
            with open(path, encoding="utf-8") as f:
                for name, values in reader(f.read(), origin).items():
                    records.setdefault(name, []).extend(values)
            zones[os.path.basename(path)] = None
        except Exception as e:  # a zone that does not parse is reported, not fatal
            zones[os.path.basename(path)] = f"{type(e).__name__}: {e}"

    def dnsfunc(name, timeout=5):
        values = records.get(name.decode("ascii").rstrip(".").lower())
        return values[0].encode("utf-8") if values else None

    messages = []
    for box in mailboxes:
        for path in sorted(glob.glob(os.path.join(out_dir, box, "**", "*.eml"), recursive=True)):
            with open(path, "rb") as f:
                message = f.read()
            ERRORS.clear()
            ok = bool(dkim.verify(message, logger=LOGGER, dnsfunc=dnsfunc))
            messages.append({"file": os.path.relpath(path, out_dir), "ok": ok, "error": None if ok else "; ".join(ERRORS[-3:])})
    json.dump({"reader": reader.__name__, "zones": zones, "messages": messages}, sys.stdout)


if __name__ == "__main__":
    main()
