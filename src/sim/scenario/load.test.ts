import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatScenarioError, loadScenario, type LoadResult } from './load';

/** The scenario from DESIGN.md, "A scenario, as it is meant to read". */
const DESIGN_EXAMPLE = `title: The receiving server is busy
seed: 7
world: default                 # start from the built-in world, then change it
hosts:
  mx1.example.org: { queue: { retry: [5m, 10m, 20m], lifetime: 5d } }
dns:
  example.org: |
    @      3600 IN MX 10 mx1.example.org.
    @      3600 IN MX 20 mx2.example.org.
    @      3600 IN TXT "v=spf1 mx -all"
accounts:
  - { address: dave@example.org, password: dave-secret, reads: imap }
variables:                     # drawn per student from the seed
  busyHost: { pick: [mx1.example.org, mx2.example.org] }
send:
  - { at: 0s, from: alice@example.com, to: bob@example.org, subject: Hello Bob }
faults:
  - { kind: busy, target: "{{busyHost}}", from: 0s, for: 20m }
  - { kind: greylist, target: mx2.example.org, attempts: 1 }
goals:
  - id: delivered
    check: { fate: delivered, to: bob@example.org, folder: INBOX }
    points: 2
  - id: saw-421
    check: { reply: { code: 421, at: "{{busyHost}}" } }
`;

const FULL = `# yaml-language-server: $schema=../../public/scenario.schema.json
title: { en: Fix the SPF record, de: Den SPF-Eintrag reparieren }
description: The outbound server is missing from SPF.
world: empty
epoch: 2026-12-01T08:00:00+01:00
until: 2h
hosts:
  alice-pc: { role: client, ip: 198.51.100.23, net: home, links: [{ to: smtp.example.com, latency: 20ms }], mua: { name: Mailer, timeout: 60s } }
  smtp.example.com:
    role: submission
    ip: 192.0.2.25
    ip6: 2001:db8::25
    services: { smtp: { ports: [587, 465], policy: msa }, dns: false }
    queue: { runInterval: 300s, minBackoff: 300s, maxBackoff: 4000s, lifetime: 5d, delayWarning: 4h }
    tls: { cert: { name: smtp.example.com, expires: 2027-01-01T00:00:00Z } }
    sizeLimit: 10485760
    relayFrom: [198.51.100.0/24, 2001:db8::/32]
    smarthost: relay.example.net
    dkim: { selector: s1, domains: [example.com] }
  mx1.example.org: { role: mx, domains: [example.org], dnsbl: [dnsbl.example.net], pos: { x: 400, y: 100 } }
dns:
  example.com:
    - "@ 3600 IN TXT \\"v=spf1 ip4:192.0.2.99 -all\\""
accounts:
  - address: alice@example.com
    name: Alice
    password: alice-secret
    appPassword: abcd-efgh
    requireAppPassword: false
    aliases: [info@example.com]
    host: alice-pc
    reads: pop3
    keepOnServer: true
    quota: 1000000
    outgoing: { server: smtp.example.com, port: 587, security: starttls, user: alice@example.com }
    incoming: { server: mail.example.com, port: 995, security: tls, protocol: pop3 }
send:
  - { id: m1, at: 1m, from: alice@example.com, to: [bob@example.org, carol@example.org], cc: dave@example.org, subject: Hi, body: Hello, size: 2000 }
  - { when: { fate: delivered, message: m1 }, from: alice@example.com, to: bob@example.org, subject: Again, via: direct, host: alice-pc, heloAs: mx.example.com, mailFrom: "<>" }
faults:
  - { id: f1, kind: spf-missing-sender, target: example.com }
  - { kind: local-error, target: mx1.example.org, on: { event: end-of-data, attempt: 1 }, count: 1 }
  - { kind: link-loss, target: alice-pc<->smtp.example.com, from: 5m, for: 10m, params: { loss: 0.2 } }
actions:
  - { at: 30m, do: pause, message: { en: What happened?, de: Was ist passiert? } }
  - { when: { reply: { code: 550, enhanced: 5.7.1 } }, do: clear-fault, id: f1 }
  - { at: 40m, do: flush-queue, host: smtp.example.com }
  - { at: 41m, do: send, mail: { from: alice@example.com, to: bob@example.org, subject: Third } }
  - { at: 42m, do: inject-fault, fault: { kind: busy, target: mx1.example.org, for: 5m } }
  - { at: 43m, do: set-account, address: alice@example.com, setting: outgoing.port, value: 465 }
goals:
  - id: dmarc-pass
    title: { en: The mail passes DMARC, de: Die Mail besteht DMARC }
    check:
      all:
        - { fate: delivered, to: bob@example.org, folder: INBOX }
        - { auth: { spf: pass, dmarc: pass, to: bob@example.org } }
        - not: { event: { type: message.fate, fate: bounced } }
        - any:
            - { record: { zone: example.com, name: "@", type: TXT, valid: true, contains: "192.0.2.25" } }
            - { console: { command: "/dig\\\\s+txt/i", host: alice-pc } }
            - { account: { address: alice@example.com, setting: outgoing.port, equals: 587 } }
    points: 3
    messages: { complete: Well done, incomplete: { en: Not yet, de: Noch nicht } }
solution:
  - { do: set-dns, zone: example.com, records: "@ 3600 IN TXT \\"v=spf1 ip4:192.0.2.25 -all\\"" }
`;

function first(r: LoadResult, path?: string) {
  if (r.ok) throw new Error('expected errors, got a valid scenario');
  return r.errors.find((e) => e.path === path) ?? r.errors[0];
}

describe('loadScenario: valid files', () => {
  it('accepts the DESIGN.md example once its variable is drawn', () => {
    const r = loadScenario(DESIGN_EXAMPLE, 'design.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const host = r.values.busyHost;
    expect(['mx1.example.org', 'mx2.example.org']).toContain(host);
    expect(r.scenario.faults[0]).toEqual({ kind: 'busy', target: host, from: 0, for: 1_200_000, params: {} });
    expect(r.scenario.faults[1]).toEqual({ kind: 'greylist', target: 'mx2.example.org', from: 0, params: { attempts: 1, delay: 300_000 } });
    expect(r.scenario.goals[1]).toEqual({ id: 'saw-421', check: { reply: { code: 421, at: host } }, points: 1 });
    expect(r.scenario.hosts['mx1.example.org'].queue).toEqual({ retry: [300_000, 600_000, 1_200_000], lifetime: 432_000_000 });
    expect(r.scenario.send[0]).toEqual({ at: 0, from: 'alice@example.com', to: ['bob@example.org'], subject: 'Hello Bob' });
    expect(r.warnings).toEqual([]);
  });

  it('fills in the defaults of a minimal scenario', () => {
    const r = loadScenario('title: Just the default world\n');
    expect(r).toMatchObject({
      ok: true,
      scenario: { title: { en: 'Just the default world', de: 'Just the default world' }, version: 1, seed: 1, world: 'default', epoch: '2026-11-27T09:00:00Z', until: 3_600_000, hosts: {}, dns: {}, accounts: [], send: [], faults: [], actions: [], variables: {}, goals: [], solution: [] },
    });
  });

  it('accepts a scenario that uses every part of the format', () => {
    const r = loadScenario(FULL, 'full.yaml');
    if (!r.ok) throw new Error(r.errors.map((e) => formatScenarioError(e, 'en')).join('\n'));
    expect(r.scenario.title).toEqual({ en: 'Fix the SPF record', de: 'Den SPF-Eintrag reparieren' });
    expect(r.scenario.goals[0].messages).toEqual({ complete: { en: 'Well done', de: 'Well done' }, incomplete: { en: 'Not yet', de: 'Noch nicht' } });
    expect(r.scenario.send[1]).toMatchObject({ mailFrom: '', via: 'direct', when: { fate: 'delivered', message: 'm1' } });
    expect(r.scenario.send[1].at).toBeUndefined();
    expect(r.scenario.send[0].cc).toEqual(['dave@example.org']);
    expect(r.scenario.actions[0]).toMatchObject({ at: 1_800_000, do: 'pause' });
    expect(r.scenario.actions[4]).toMatchObject({ do: 'inject-fault', fault: { kind: 'busy', from: 0, for: 300_000 } });
    expect(r.scenario.faults[1]).toEqual({ kind: 'local-error', target: 'mx1.example.org', on: { event: 'end-of-data', attempt: 1 }, count: 1, params: {} });
    expect(r.scenario.solution[0]).toMatchObject({ at: 0, do: 'set-dns' });
  });

  it('accepts JSON as well as YAML', () => {
    const json = JSON.stringify({ title: 'JSON', seed: 3, send: [{ from: 'alice@example.com', to: 'bob@example.org', subject: 'x', at: '2m' }] }, null, '\t');
    const r = loadScenario(json, 'scenario.json');
    expect(r).toMatchObject({ ok: true, scenario: { seed: 3, send: [{ at: 120_000, to: ['bob@example.org'] }] } });
  });

  it('warns about what happens after the run ends and about unused variables', () => {
    const r = loadScenario('title: x\nuntil: 10m\nvariables: { spare: { pick: [a] } }\nsend:\n  - { at: 1h, from: alice@example.com, to: bob@example.org, subject: late }\n', 'w.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => formatScenarioError(w, 'en'))).toEqual([
      "w.yaml:3:21: variables.spare: the variable 'spare' is never used as {{spare}}",
      'w.yaml:5:11: send[0].at: this mail is sent at 1h, after the run ends at 10m (until); it will not happen unless the run is longer',
    ]);
  });
});

describe('loadScenario: each bad file gives the right located message', () => {
  it.each([
    ['wrong type', 'title: x\nseed: seven\n', 2, 7, 'seed', "expected a number, found the text 'seven'"],
    ['unknown top-level key', 'title: x\ncolour: red\n', 2, 1, 'colour', "unknown field 'colour'. Allowed fields here: $schema, version, title"],
    ['misspelt top-level key', 'title: x\nfault: []\n', 2, 1, 'fault', "unknown field 'fault' — did you mean 'faults'?"],
    ['unknown fault kind', 'title: x\nfaults:\n  - { kind: bussy, target: mx1.example.org }\n', 3, 13, 'faults[0].kind', "unknown fault kind 'bussy' — did you mean 'busy'? Known kinds: busy, local-error, greylist"],
    ['unknown fault parameter', 'title: x\nfaults:\n  - kind: greylist\n    target: mx2.example.org\n    atempts: 2\n', 5, 5, 'faults[0].atempts', "unknown field 'atempts' for a 'greylist' fault — did you mean 'attempts'?"],
    ['bad fault parameter', 'title: x\nfaults:\n  - { kind: link-loss, target: a<->b, params: { loss: 3 } }\n', 3, 55, 'faults[0].params.loss', 'must be at most 1'],
    ['missing field', 'title: x\nsend:\n  - { from: alice@example.com, subject: s }\n', 3, 5, 'send[0].to', "'to' is missing: expected text or a list"],
    ['missing title', 'seed: 1\n', 1, 1, 'title', "'title' is missing"],
    ['nested unknown key', 'title: x\nsend:\n  - from: alice@example.com\n    to: bob@example.org\n    subjet: Hi\n', 5, 5, 'send[0].subjet', "unknown field 'subjet' — did you mean 'subject'?"],
    ['bad duration', 'title: x\nuntil: 5 fortnights\n', 2, 8, 'until', "'5 fortnights' is not a duration"],
    ['bad enum in a check', 'title: x\ngoals:\n  - id: a\n    check: { fate: deliverd }\n', 4, 20, 'goals[0].check.fate', "unknown fate 'deliverd' — did you mean 'delivered'?"],
    ['unknown check', 'title: x\ngoals:\n  - id: a\n    check: { repl: { code: 421 } }\n', 4, 14, 'goals[0].check.repl', "unknown field 'repl' — did you mean 'reply'? Expected one of the fields fate, reply, auth"],
    ['deep check', 'title: x\ngoals:\n  - id: a\n    check: { all: [ { not: { reply: { code: "x" } } } ] }\n', 4, 45, 'goals[0].check.all[0].not.reply.code', "expected a number, found the text 'x'"],
    ['unknown action', 'title: x\nactions:\n  - { at: 1m, do: inject }\n', 3, 19, 'actions[0].do', "unknown action 'inject'"],
    ['real domain', 'title: x\nhosts:\n  mx.gmail.com: {}\n', 3, 3, "hosts['mx.gmail.com']", "'mx.gmail.com' is not a reserved name"],
    ['public IP', 'title: x\nhosts:\n  mx1.example.org: { ip: 8.8.8.8 }\n', 3, 26, "hosts['mx1.example.org'].ip", '8.8.8.8 is a public address'],
    ['bad address', 'title: x\naccounts:\n  - { address: bob.example.org }\n', 3, 16, 'accounts[0].address', "'bob.example.org' is not a mail address"],
    ['duplicate goal id', 'title: x\ngoals:\n  - { id: a, check: { fate: delivered } }\n  - { id: a, check: { fate: bounced } }\n', 4, 11, 'goals[1].id', "the goal id 'a' is used twice"],
    ['at and when', 'title: x\nactions:\n  - { at: 1m, when: { fate: delivered }, do: pause }\n', 3, 21, 'actions[0].when', "give either 'at' (a time) or 'when' (a check), not both"],
    ['unknown variable', 'title: "{{nope}}"\nvariables: { nop: { pick: [1] } }\n', 1, 8, 'title', "unknown variable 'nope' — did you mean 'nop'?"],
    ['unquoted variable', 'title: {{nope}}\n', 1, 9, '', 'text with {{variables}} must be quoted'],
    ['YAML syntax error', 'title: x\nsend: [1, 2\n', 3, 1, '', 'YAML: Flow sequence in block collection must be sufficiently indented'],
    ['YAML bad indentation', 'title: x\nhosts:\n  a: {}\n b: {}\n', 4, 1, '', 'YAML'],
    ['YAML duplicate key', 'title: x\ntitle: y\n', 2, 1, '', 'this field appears twice'],
    ['tab indentation', 'title: x\nhosts:\n\ta: {}\n', 3, 1, '', 'tabs are not allowed for indentation'],
    ['JSON wrong type', '{\n  "title": "x",\n  "seed": "s"\n}', 3, 11, 'seed', "expected a number, found the text 's'"],
    ['JSON syntax error', '{ "title": "x", }\n{', 2, 1, '', 'YAML'],
    ['not a mapping', '- a\n- b\n', 1, 1, '', 'expected a mapping with the fields $schema, version, title'],
    ['empty file', '', 1, 1, '', 'the file is empty'],
    ['prototype key', 'title: x\n__proto__: { polluted: 1 }\n', 2, 1, '__proto__', "'__proto__' is not allowed as a field name"],
  ])('%s', (_name, text, line, column, path, message) => {
    const e = first(loadScenario(text, 'bad.yaml'), path);
    expect({ line: e.line, column: e.column, path: e.path }).toEqual({ line, column, path });
    expect(e.message.en).toContain(message);
    expect(e.message.de).not.toBe(e.message.en);
    expect(e.file).toBe('bad.yaml');
  });

  it('says in German what was expected', () => {
    const e = first(loadScenario('title: x\nfaults:\n  - { kind: bussy, target: mx1.example.org }\n'));
    expect(e.message.de).toContain("'bussy' gibt es nicht als Fehlerart – meinten Sie 'busy'? Bekannte Arten: busy");
  });

  it('reports every problem, in file order', () => {
    const r = loadScenario('title: x\nseed: -1\ncolour: red\nworld: full\n');
    expect(r.ok ? [] : r.errors.map((e) => `${e.line}:${e.path}`)).toEqual(['2:seed', '3:colour', '4:world']);
  });

  it('refuses oversize input with a clear error', () => {
    const e = first(loadScenario('title: x\n# ' + 'x'.repeat(300 * 1024), 'big.yaml'));
    expect(formatScenarioError(e, 'en')).toBe('big.yaml:1:1: the file is too large: 300.0 KiB, the limit is 256 KiB');
    expect(first(loadScenario('title: a long title\n', 'f', { maxBytes: 10 })).message.de).toContain('zu groß');
  });

  it('refuses nesting too deep for the validators', () => {
    const check = '{not: '.repeat(80) + '{fate: delivered}' + '}'.repeat(80);
    expect(first(loadScenario(`title: x\ngoals:\n  - { id: a, check: ${check} }\n`)).message.en).toContain('nests deeper than 64 levels');
    expect(loadScenario('title: x\nhosts: ' + '['.repeat(5000) + ']'.repeat(5000)).ok).toBe(false);
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => typeof loadScenario(text).ok === 'boolean'), { numRuns: 300 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => typeof loadScenario(JSON.stringify(value) ?? '').ok === 'boolean'), { numRuns: 300 });
    const keys = fc.constantFrom('title', 'seed', 'hosts', 'send', 'faults', 'goals', 'actions', 'variables', 'check', 'kind', 'target', 'all', 'not', 'fate', 'do', 'at', 'when');
    const doc = fc.dictionary(keys, fc.anything({ maxDepth: 4, withObjectString: true }));
    fc.assert(fc.property(doc, (value) => typeof loadScenario(JSON.stringify(value) ?? '').ok === 'boolean'), { numRuns: 300 });
  });
});

describe('formatScenarioError', () => {
  it.each([
    ['en', "lessons/x/scenario.yaml:3:13: faults[0].kind: unknown fault kind 'bussy'"],
    ['de', "lessons/x/scenario.yaml:3:13: faults[0].kind: 'bussy' gibt es nicht als Fehlerart"],
  ] as const)('prints file:line:column: path: message in %s', (lang, start) => {
    const e = first(loadScenario('title: x\nfaults:\n  - { kind: bussy, target: mx1.example.org }\n', 'lessons/x/scenario.yaml'));
    expect(formatScenarioError(e, lang).startsWith(start)).toBe(true);
  });
});
