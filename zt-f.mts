import { loadScenario, formatScenarioError, scenarioJsonSchema } from './src/sim/scenario/index.ts';
for (const c of ['title: x\ngoals:\n  - { id: b, check: 5 }\n', 'title: x\nhosts: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n', 'title: x\nhosts: ' + '{a: '.repeat(3000) + '1' + '}'.repeat(3000) + '\n', 'title: x\ngoals:\n  - id: z\n    check: ' + '{not: '.repeat(100) + '{fate: delivered}' + '}'.repeat(100) + '\n']) {
  const r = loadScenario(c); console.log(r.ok ? 'OK' : r.errors.slice(0, 3).map(e => formatScenarioError(e, 'en')));
}
const js: any = scenarioJsonSchema();
console.log(JSON.stringify(js.properties.until), JSON.stringify(js.properties.faults).slice(0, 1500));
console.log(Object.keys(js).slice(0,3));
