import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';
import { mulberry32, resolveVariables } from './variables';

const DOC = {
  title: 'Variant for {{user}}',
  variables: {
    host: { pick: ['mx1.example.org', 'mx2.example.org', 'mx3.example.org'] },
    port: { range: [2500, 2599] },
    user: { pick: ['bob', 'carol', 'dave', 'erin'] },
    address: { template: '{{user}}@example.org' },
  },
  faults: [{ kind: 'busy', target: '{{host}}' }],
  accounts: [{ address: '{{address}}', outgoing: { server: 'smtp.example.com', port: '{{port}}', security: 'starttls' } }],
};

function values(seed: number) {
  const r = resolveVariables(DOC, seed);
  if (!r.ok) throw new Error('unexpected errors');
  return r.values;
}

describe('resolveVariables', () => {
  it('draws the same values for the same seed', () => {
    for (const seed of [0, 1, 7, 42, 4_294_967_295]) expect(values(seed)).toEqual(values(seed));
  });

  it('draws different variants for different seeds', () => {
    const variants = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(values(seed))));
    expect(variants.size).toBeGreaterThan(10);
    const hosts = new Set(Array.from({ length: 50 }, (_, seed) => values(seed).host));
    expect(hosts).toEqual(new Set(DOC.variables.host.pick));
  });

  it('keeps ranges in bounds and builds templates from other variables', () => {
    for (let seed = 0; seed < 100; seed++) {
      const v = values(seed);
      expect(v.port).toBeGreaterThanOrEqual(2500);
      expect(v.port).toBeLessThanOrEqual(2599);
      expect(Number.isInteger(v.port)).toBe(true);
      expect(v.address).toBe(`${v.user}@example.org`);
    }
  });

  it('substitutes everywhere but in the definitions, keeping a lone value\'s type', () => {
    const r = resolveVariables(DOC, 3);
    if (!r.ok) throw new Error('unexpected errors');
    const doc = r.doc as typeof DOC & { accounts: { outgoing: { port: unknown } }[] };
    expect(doc.title).toBe(`Variant for ${r.values.user}`);
    expect(doc.faults[0].target).toBe(r.values.host);
    expect(doc.accounts[0].outgoing.port).toBe(r.values.port);
    expect(typeof doc.accounts[0].outgoing.port).toBe('number');
    expect(doc.variables).toBe(DOC.variables);
    expect(DOC.title).toBe('Variant for {{user}}');
    expect(r.unused).toEqual([]);
  });

  it('uses an injected random source', () => {
    const r = resolveVariables({ variables: { a: { pick: ['x', 'y', 'z'] }, n: { range: [1, 10] } } }, 1, () => 0.999999);
    expect(r).toMatchObject({ ok: true, values: { a: 'z', n: 10 } });
  });

  it.each([
    [{ title: '{{nope}}', variables: { yes: { pick: [1] } } }, ['title'], "unknown variable 'nope'. Defined variables: yes"],
    [{ title: 'x', send: [{ subject: 'Hi {{usr}}' }], variables: { user: { pick: ['bob'] } } }, ['send', 0, 'subject'], "unknown variable 'usr' — did you mean 'user'?"],
    [{ title: 'x', variables: { a: { template: '{{b}}' }, b: { template: '{{a}}' } } }, ['variables', 'a', 'template'], "the template of 'a' uses itself"],
  ])('reports %j at its path', (doc, path, message) => {
    const r = resolveVariables(doc, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].path).toEqual(path);
      expect(r.errors[0].message.en).toContain(message);
    }
  });

  it('leaves a document without variables alone', () => {
    const doc = { title: 'a {{b}} c' };
    expect(resolveVariables(doc, 1)).toEqual({ ok: true, doc, values: {}, unused: [] });
  });

  it('gives each student of a class a variant through loadScenario', () => {
    const text = 'title: x\nvariables:\n  host: { pick: [mx1.example.org, mx2.example.org] }\nfaults:\n  - { kind: busy, target: "{{host}}" }\n';
    const targets = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const r = loadScenario(text, 's.yaml', { seed });
      return r.ok ? r.scenario.faults[0].target : 'error';
    });
    expect(new Set(targets)).toEqual(new Set(['mx1.example.org', 'mx2.example.org']));
    expect(loadScenario(text, 's.yaml', { seed: 5 })).toEqual(loadScenario(text, 's.yaml', { seed: 5 }));
  });
});

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
