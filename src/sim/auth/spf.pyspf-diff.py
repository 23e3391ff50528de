"""Run pyspf (Debian python3-spf) over fixed DNS data, for the differential test spf.pyspf.test.ts.

Reads JSON on stdin: {"cases": [{"id", "ip", "sender", "helo", "receiver",
"records": [DnsRecord as the TypeScript side keeps it], "failures": {name: rcode}}]}
and prints JSON: [{"id", "result", "explanation"}]. pyspf's resolver function spf.DNSLookup is
replaced, so no real DNS is ever asked.
"""

import json
import sys

import spf


def make_lookup(records, failures):
    def lookup(name, qtype, strict=True, timeout=None):
        name = name.lower().rstrip('.')
        rcode = failures.get(name)
        if rcode == 'NXDOMAIN':
            return []
        if rcode:
            raise spf.TempError('DNS ' + rcode)
        answers = []
        for r in records:
            if r['name'] != name or r['type'] not in (qtype, 'CNAME'):
                continue
            data = r['data']
            if r['type'] in ('A', 'AAAA'):
                value = data['address']
            elif r['type'] == 'MX':
                value = (data['preference'], data['exchange'])
            elif r['type'] == 'TXT':
                value = [s.encode('utf-8') for s in data['strings']]
            else:
                value = data['target']
            answers.append(((name, r['type']), value))
        return answers
    return lookup


def main():
    request = json.load(sys.stdin)
    out = []
    for case in request['cases']:
        spf.DNSLookup = make_lookup(case['records'], case.get('failures', {}))
        try:
            q = spf.query(i=case['ip'], s=case['sender'], h=case['helo'],
                          receiver=case.get('receiver'), strict=True, querytime=0)
            result, _code, explanation = q.check()
        except Exception as e:  # report, never hide: the test shows it as a disagreement
            result, explanation = 'exception: %s' % e, None
        out.append({'id': case['id'], 'result': result, 'explanation': explanation})
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
