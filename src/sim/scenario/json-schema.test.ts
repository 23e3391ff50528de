import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema';
import { FAULT_KINDS } from './faults';

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as {
    $schema: string;
    type: string;
    properties: Record<string, { description?: string; items?: { properties?: Record<string, { enum?: string[] }> } }>;
    required: string[];
    $defs: Record<string, unknown>;
  };

  it('describes every top-level field of a scenario', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual([
      '$schema', 'version', 'title', 'description', 'seed', 'world', 'epoch', 'until', 'hosts', 'dns', 'accounts', 'send', 'faults', 'actions', 'variables', 'goals', 'solution', 'gradedBy',
    ]);
    expect(schema.required).toEqual(['title']);
    for (const [name, prop] of Object.entries(schema.properties)) expect(prop.description, name).toBeTruthy();
  });

  it('lets editors complete fault kinds and refers to checks by name', () => {
    expect(schema.properties.faults.items?.properties?.kind.enum).toEqual([...FAULT_KINDS]);
    expect(Object.keys(schema.$defs)).toContain('Check');
    expect(JSON.stringify(schema)).toContain('"$ref":"#/$defs/Check"');
  });

  it('matches the committed public/scenario.schema.json (run write-json-schema.ts after changing the schema)', () => {
    const committed = readFileSync(new URL('../../../public/scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });
});
