import { describe, expect, it } from 'vitest';
import { messages } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has every English key in German, none empty', () => {
    expect(Object.keys(messages.de).sort()).toEqual(Object.keys(messages.en).sort());
    for (const lang of ['en', 'de'] as const) for (const [key, text] of Object.entries(messages[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(messages.en)) expect(placeholders(messages.de[key as keyof typeof messages.de]), key).toEqual(placeholders(text));
  });

  it('writes German with its real letters, not ae/oe/ue stand-ins', () => {
    const german = Object.values(messages.de).join('\n');
    expect(german).toMatch(/[äöüß]/);
    expect(german).not.toMatch(/\b(fuer|ueber|koennen|Schluessel|Stoerung)\b/);
  });
});
