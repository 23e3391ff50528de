#!/usr/bin/python3
"""Interop helper for dkim-interop.test.ts: signs and verifies messages with dkimpy.

Reads a JSON list of jobs from stdin and writes the JSON list of their answers to stdout
(dkimpy is slow to import, so one process does them all).
  {"mode": "verify", "message": str, "txt": {name: record}}
      -> {"ok": bool, "error": str | null}
  {"mode": "sign", "message": str, "selector": str, "domain": str, "privateKeyPem": str,
   "headers": [str], "canon": "relaxed/simple", "length": bool}
      -> {"signature": str}   (the DKIM-Signature field, ending in CRLF)
Messages are UTF-8 text; DNS answers come from "txt" only, nothing touches the network.
"""
import json
import logging
import sys

import dkim

ERRORS = []


class Collect(logging.Handler):
    """Keeps dkimpy's log messages, to say why a verification failed."""

    def emit(self, record):
        ERRORS.append(record.getMessage())


LOGGER = logging.getLogger("dkim-interop")
LOGGER.addHandler(Collect())
LOGGER.setLevel(logging.DEBUG)
LOGGER.propagate = False


def run(job):
    message = job["message"].encode("utf-8")
    if job["mode"] == "verify":
        records = {k.rstrip("."): v.encode("utf-8") for k, v in job["txt"].items()}

        def dnsfunc(name, timeout=5):
            return records.get(name.decode("ascii").rstrip("."))

        ERRORS.clear()
        ok = dkim.verify(message, logger=LOGGER, dnsfunc=dnsfunc)
        return {"ok": bool(ok), "error": None if ok else "; ".join(ERRORS[-3:])}
    elif job["mode"] == "sign":
        header, body = job["canon"].split("/")
        signature = dkim.sign(
            message,
            job["selector"].encode("ascii"),
            job["domain"].encode("ascii"),
            job["privateKeyPem"].encode("ascii"),
            canonicalize=(header.encode("ascii"), body.encode("ascii")),
            include_headers=[h.encode("ascii") for h in job["headers"]],
            length=bool(job.get("length")),
        )
        return {"signature": signature.decode("ascii")}
    raise SystemExit("unknown mode " + job["mode"])


def main():
    json.dump([run(job) for job in json.load(sys.stdin)], sys.stdout)


if __name__ == "__main__":
    main()
