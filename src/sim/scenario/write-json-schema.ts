/**
 * Writes `public/scenario.schema.json` from the scenario schema. Run from the repository root:
 * `npx tsx src/sim/scenario/write-json-schema.ts`. The one Node script in src/sim; nothing imports it.
 */
import { scenarioJsonSchemaText } from './json-schema';

/** NodeFs is the part of `node:fs` this script needs (the core's tsconfig has no Node types). */
interface NodeFs {
  writeFileSync(path: string, data: string): void;
  existsSync(path: string): boolean;
}

const fs = (await import('node:fs' as string)) as NodeFs;
const target = 'public/scenario.schema.json';
if (!fs.existsSync('public')) throw new Error('run this from the repository root (public/ not found)');
fs.writeFileSync(target, scenarioJsonSchemaText());
