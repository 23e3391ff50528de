import { loadScenario, formatScenarioError, parseFaultArg } from './src/sim/scenario/index.ts';
const design = `title: The receiving server is busy
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
const r = loadScenario(design, 'design.yaml');
console.log(JSON.stringify(r, null, 1).slice(0, 3000));
const bad = [
 `title: x\nfaults:\n  - { kind: bussy, target: mx1.example.org }\n`,
 `title: x\nsend:\n  - at: 5m\n    from: alice@example.com\n    too: bob@example.org\n    subject: 3\n`,
 `title: x\nseed: abc\n`,
 `title: x\ngoals:\n  - id: a\n    check: { repl: { code: 421 } }\n  - id: b\n    check: { reply: { code: "x" } }\n  - id: c\n    check: { all: [ { fate: deliverd } ] }\n`,
 `title: x\nactions:\n  - { at: 1m, do: injekt-fault }\n  - { at: 1m, do: flush-queue }\n`,
 `title: x\nhosts:\n  mx1.gmail.com: { ip: 8.8.8.8 }\n  mx2.example.org: { ip: 192.0.2.300, queue: { lifetime: 5x } }\n`,
 `title: x\nuntil: true\nepoch: yesterday\nvariables:\n  a: { pick: [] }\n`,
 `title: x\nfaults:\n  - { kind: greylist, target: mx2.example.org, atempts: 2, params: { delay: 5q } }\n  - { kind: link-loss, target: mx2.example.org }\n`,
 `title: {{nope}}\nvariables: { yes: { pick: [1] } }\n`,
 `title: "{{nope}}"\nvariables: { yes: { pick: [1] } }\n`,
 `- a\n- b\n`,
 `{"title": "x", "seed": "s"}`,
 `title: x\ncolour: red\n`,
];
for (const b of bad) { const r = loadScenario(b, 'bad.yaml'); console.log('---\n' + b); if (!r.ok) for (const e of r.errors) { console.log(formatScenarioError(e, 'en')); console.log(formatScenarioError(e, 'de')); } else console.log('OK?', r.warnings); }
for (const a of ['busy@mx1.example.org:for=20m,count=2', 'unknown-user@bob@example.org', 'bussy@x', 'greylist@mx2.example.org:attempts=3,delay=10m', 'greylist@mx2.example.org:attempt=2,on=DATA', 'link-loss@a<->b:loss=2', 'busy@mx1.example.org:for=20x']) console.log(a, JSON.stringify(parseFaultArg(a)));
