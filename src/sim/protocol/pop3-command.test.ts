import { describe, expect, it } from 'vitest';
import { isPop3Multiline, parsePop3Command, readNumber } from './pop3-command';

describe('parsePop3Command', () => {
  it.each([
    ['STAT', { verb: 'STAT', args: '', known: true }],
    ['stat', { verb: 'STAT', args: '', known: true }],
    ['rEtR 1', { verb: 'RETR', args: '1', known: true }],
    ['USER bob@example.org', { verb: 'USER', args: 'bob@example.org', known: true }],
    ['PASS  two  spaces ', { verb: 'PASS', args: 'two  spaces ', known: true }],
    ['TOP 1 0', { verb: 'TOP', args: '1 0', known: true }],
    ['AUTH PLAIN AGJvYgBzZWNyZXQ=', { verb: 'AUTH', args: 'PLAIN AGJvYgBzZWNyZXQ=', known: true }],
    ['FROBNICATE', { verb: 'FROBNICATE', args: '', known: false }],
    ['LAST', { verb: 'LAST', args: '', known: false }],
    ['', { verb: '', args: '', known: false }],
  ])('%j', (line, expected) => {
    expect(parsePop3Command(line)).toEqual(expected);
  });
});

describe('readNumber reads message numbers as Dovecot does', () => {
  it.each([
    ['1', false, { ok: true, value: 1, rest: '' }],
    ['42', false, { ok: true, value: 42, rest: '' }],
    ['', false, { ok: false, problem: 'invalid', text: '' }],
    ['x', false, { ok: false, problem: 'invalid', text: 'x' }],
    ['-1', false, { ok: false, problem: 'invalid', text: '-1' }],
    ['1 ', false, { ok: false, problem: 'noise', text: ' ' }],
    ['1x', false, { ok: false, problem: 'noise', text: 'x' }],
    ['99999999999', false, { ok: false, problem: 'too-large', text: '' }],
    ['3 10', true, { ok: true, value: 3, rest: '10' }],
    ['3', true, { ok: false, problem: 'noise', text: '' }],
  ] as const)('%j (then space: %s)', (args, thenSpace, expected) => {
    expect(readNumber(args, thenSpace)).toEqual(expected);
  });
});

describe('isPop3Multiline', () => {
  it.each([
    ['RETR 1', true], ['TOP 1 0', true], ['CAPA', true], ['LIST', true], ['LIST 1', false],
    ['UIDL', true], ['uidl 2', false], ['AUTH', true], ['AUTH PLAIN', false], ['STAT', false], ['QUIT', false],
  ])('%s → %s', (cmd, multi) => expect(isPop3Multiline(cmd)).toBe(multi));
});
