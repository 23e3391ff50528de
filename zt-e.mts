import { loadScenario, formatScenarioError, scenarioJsonSchema } from './src/sim/scenario/index.ts';
const cases = [
 `title: x\ngoals: 5\nseed: -1\n`,
 `title: x\ngoals:\n  - { id: a, check: { fate: delivered } }\n  - { id: a, check: { fate: delivered } }\nseed: x\n`,
 `title: x\ngoals:\n  - { id: a, check: { fate: delivered } }\n  - { id: a, check: { fate: delivered } }\n`,
 `title: x\nactions:\n  - { do: clear-fault, id: nope }\n  - { do: inject-fault, at: 2h, fault: { id: f1, kind: busy, target: mx1.example.org } }\n`,
 `title: x\nsend:\n  - { at: 5m, when: { fate: delivered }, from: a@example.com, to: b@example.org, subject: s }\n`,
 `title: x\nvariables:\n  a: { template: "{{b}}" }\n  b: { template: "{{a}}" }\nsend:\n  - { from: "{{a}}@example.com", to: b@example.org, subject: s }\n`,
 `title: x\nvariables:\n  port: { range: [25, 25] }\n  user: { pick: [bob, carol] }\n  addr: { template: "{{user}}@example.org" }\n  unused: { pick: [1] }\naccounts:\n  - { address: "{{addr}}", outgoing: { server: smtp.example.com, port: "{{port}}", security: starttls } }\n`,
 `title: x\ngoals:\n  - { id: a, check: {} }\n  - { id: b, check: 5 }\n  - { id: c, check: { auth: {} } }\n  - { id: d, check: { console: { command: "/[a/" } } }\n`,
 `title: x\nhosts:\n  mx1.example.org:\n    queue: { minBackoff: 10m, maxBackoff: 5m }\n    services: { smtp: { ports: [25], policy: mxx } }\n    links: [{ to: relay.example.net, latency: 20ms, loss: 2 }]\n`,
 `a: &a [1,2]\nb: *a\ntitle: t\n`,
 '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
 'title: x\n__proto__: { polluted: 1 }\n',
 'x'.repeat(300000),
];
for (const c of cases) { const r = loadScenario(c, 'f.yaml'); console.log('---\n' + c.slice(0, 300)); if (!r.ok) for (const e of r.errors) console.log(formatScenarioError(e, 'en')); else console.log('OK', JSON.stringify(r.values), r.warnings.map(w => formatScenarioError(w, 'en')), JSON.stringify(r.scenario.accounts)); }
const js = scenarioJsonSchema();
console.log(Object.keys(js), Object.keys((js as any).properties), Object.keys((js as any).$defs ?? {}));
console.log(JSON.stringify(js).length);
