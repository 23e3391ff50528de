/**
 * The JSON Schema of the scenario format, generated from the one zod schema, so that editors
 * (VS Code with the YAML extension, any JSON editor) can check and autocomplete scenario files.
 */
import { z } from 'zod';
import { ScenarioSchema } from './schema';

/** SCENARIO_SCHEMA_ID: where the generated schema is published (relative to the app). */
export const SCENARIO_SCHEMA_ID = 'scenario.schema.json';

type JsonObject = { [key: string]: unknown };

/** Gives `$defs` entries made for reused or recursive schemas the name of their title (`Check`), and rewrites their references. */
function nameDefinitions(schema: JsonObject): JsonObject {
  const defs = schema.$defs as Record<string, JsonObject> | undefined;
  if (!defs) return schema;
  const rename = new Map<string, string>();
  for (const [key, def] of Object.entries(defs)) {
    const title = typeof def.title === 'string' ? def.title.replace(/[^A-Za-z0-9]/g, '') : '';
    if (title && !(title in defs) && ![...rename.values()].includes(title)) rename.set(key, title);
  }
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        const name = v.slice('#/$defs/'.length);
        out[k] = `#/$defs/${rename.get(name) ?? name}`;
      } else if (k === '$defs' && node === schema) {
        out[k] = Object.fromEntries(Object.entries(v as JsonObject).map(([name, def]) => [rename.get(name) ?? name, rewrite(def)]));
      } else {
        out[k] = rewrite(v);
      }
    }
    return out;
  };
  return rewrite(schema) as JsonObject;
}

/** scenarioJsonSchema returns the JSON Schema (draft 2020-12) of a scenario file as written (durations as text or numbers, defaults optional). */
export function scenarioJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonObject;
  const { $schema, ...rest } = generated;
  return nameDefinitions({ $schema, $id: SCENARIO_SCHEMA_ID, ...rest });
}

/** scenarioJsonSchemaText prints the schema as the file `public/scenario.schema.json` holds it. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
