import { describe, expect, it } from 'vitest';
import { domainSpecProblem, expandDomainSpec, expandMacros, parseMacroString, type MacroContext } from './spf-macro';
import { parseIp } from '../protocol/ip';

// RFC 7208 §7.4: sender strong-bad@email.example.com, client 192.0.2.3 (or 2001:db8::cb01),
// validated PTR name mx.example.org.
const base: MacroContext = {
  sender: 'strong-bad@email.example.com',
  localPart: 'strong-bad',
  senderDomain: 'email.example.com',
  domain: 'email.example.com',
  ip: parseIp('192.0.2.3')!,
  helo: 'mx.example.org',
  receiver: 'mx.example.net',
  timestamp: 1700000000,
  validatedName: () => 'mx.example.org',
};
const v6: MacroContext = { ...base, ip: parseIp('2001:db8::cb01')! };

const expand = (text: string, ctx = base, explain = false) => {
  const r = expandMacros(text, ctx, explain);
  return 'value' in r ? r.value : `ERROR: ${r.problem.en}`;
};

describe('RFC 7208 §7.4 macro examples', () => {
  it.each([
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
  ])('%s → %s', (macro, expansion) => {
    expect(expand(macro)).toBe(expansion);
  });

  it('expands the IPv6 example', () => {
    expect(expand('%{ir}.%{v}._spf.%{d2}', v6)).toBe('1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com');
  });
});

describe('macro letters, transformers and escapes', () => {
  it.each([
    ['%{h}', 'mx.example.org'],
    ['%{p}', 'mx.example.org'],
    ['%{p2}', 'example.org'],
    ['%{i}', '192.0.2.3'],
    ['%{v}', 'in-addr'],
    ['%%', '%'],
    ['%_', ' '],
    ['%-', '%20'],
    ['a%%b%_c%-d', 'a%b c%20d'],
    ['%{S}', 'strong-bad%40email.example.com'],
    ['%{L}', 'strong-bad'],
    ['%{s=}', 'strong-bad@email.example.com'],
    ['%{s1@}', 'ERROR'],
    ['%{l1-}', 'bad'],
    ['%{d99}', 'email.example.com'],
    ['%{dr.-}', 'com.example.email'],
    ['%{IR}', '3.2.0.192'],
  ])('%s → %s', (macro, expansion) => {
    expect(expand(macro).startsWith(expansion)).toBe(true);
  });

  it('expands c, r and t only in explanations (RFC 7208 §7.3)', () => {
    expect(expand('%{c} %{r} %{t}', base, true)).toBe('192.0.2.3 mx.example.net 1700000000');
    expect(expand('%{c}', v6, true)).toBe('2001:db8::cb01');
    expect(expand('%{i}', v6)).toBe('2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1');
    expect(expand('%{c}')).toMatch(/^ERROR: .*only be used in an explanation/);
    expect(expand('%{r}.example.org')).toMatch(/^ERROR/);
  });

  it.each(['%', '%a', '%{x}', '%{d0}', '%{d', '%{}', '%(ir)', 'a b', 'grüße'])('refuses %j', (text) => {
    const r = parseMacroString(text);
    expect('problem' in r).toBe(true);
  });

  it('allows spaces in explanations only', () => {
    expect(expand('not allowed, see %{d}', base, true)).toBe('not allowed, see email.example.com');
  });
});

describe('domain-specs (RFC 7208 §7.1 domain-end)', () => {
  it.each(['example.org', 'example.org.', '%{d}', '_spf.%{d2}', '%{i}.dnsbl.example.net', 'xn--bcher-kva.example', 'a-b.c-d', '%%'])('accepts %j', (spec) => {
    expect(domainSpecProblem(spec)).toBeUndefined();
  });
  it.each(['', 'example', '192.0.2.1', 'example.org:8080', 'example.org/24', '%{d}com', 'example.-org', 'example.org..'])('refuses %j', (spec) => {
    expect(domainSpecProblem(spec)).toBeDefined();
  });

  it('drops the trailing dot and shortens names over 253 characters from the left', () => {
    expect(expandDomainSpec('Example.ORG.', base)).toEqual({ value: 'example.org' });
    const long = { ...base, localPart: `${'x'.repeat(60)}.${'y'.repeat(60)}.${'z'.repeat(60)}.${'w'.repeat(60)}` };
    const r = expandDomainSpec('%{l}.example.org', long) as { value: string };
    expect(r.value.length).toBeLessThanOrEqual(253);
    expect(r.value).toBe(`${'y'.repeat(60)}.${'z'.repeat(60)}.${'w'.repeat(60)}.example.org`);
  });
});
