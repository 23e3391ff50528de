#!/usr/bin/python3
"""Interop helper for dkim-interop.test.ts: signs or verifies one message with dkimpy.

Reads one JSON object from stdin and writes one JSON object to stdout.
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


def main():
    job = json.load(sys.stdin)
    message = job["message"].encode("utf-8")
    if job["mode"] == "verify":
        records = {k.rstrip("."): v.encode("utf-8") for k, v in job["txt"].items()}

        def dnsfunc(name, timeout=5):
            return records.get(name.decode("ascii").rstrip("."))

        errors = []

        class Collect(logging.Handler):
            def emit(self, record):
                errors.append(record.getMessage())

        logger = logging.getLogger("dkim-interop")
        logger.addHandler(Collect())
        logger.setLevel(logging.DEBUG)
        ok = dkim.verify(message, logger=logger, dnsfunc=dnsfunc)
        json.dump({"ok": bool(ok), "error": None if ok else "; ".join(errors[-3:])}, sys.stdout)
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
        json.dump({"signature": signature.decode("ascii")}, sys.stdout)
    else:
        raise SystemExit("unknown mode " + job["mode"])


if __name__ == "__main__":
    main()
