import { loadScenario } from './src/sim/scenario/index.ts';
console.log(JSON.stringify(loadScenario('title: x\nfaults:\n  - kind: greylist\n    target: mx2.example.org\n    atempts: 2\n')));
