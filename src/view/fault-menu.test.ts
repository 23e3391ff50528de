import { describe, expect, it } from 'vitest';
import { FAULTS } from '../sim/scenario/fault-catalogue';
import { simulate } from '../sim/index';
import { defaultParamForm, durationTextToMs, faultsFor, msToDurationText, readParamForm, targetKindsIn, targetKindsOfHost, targetsFor } from './fault-menu';

const run = await simulate({ until: 10 });
if (!run.ok) throw new Error('no world');
const world = run.view;

describe('the fault menu', () => {
  it('offers every kind of target the catalogue has, in menu order', () => {
    expect(targetKindsIn(FAULTS)).toEqual(['host', 'link', 'client', 'account', 'address', 'zone', 'dns-name']);
  });

  it('filters the catalogue by kind of target, and every fault is on exactly one menu', () => {
    const host = faultsFor(FAULTS, 'host').map((f) => f.kind);
    expect(host).toContain('busy');
    expect(host).toContain('down');
    expect(host).not.toContain('partition');
    expect(faultsFor(FAULTS, 'link').map((f) => f.kind)).toEqual(['link-loss', 'partition']);
    expect(faultsFor(FAULTS, 'address').map((f) => f.kind)).toEqual(expect.arrayContaining(['unknown-user', 'mailbox-full']));
    const all = targetKindsIn(FAULTS).flatMap((k) => faultsFor(FAULTS, k));
    expect(all).toHaveLength(FAULTS.length);
  });

  it('lists the targets of the default world for each kind', () => {
    const hosts = targetsFor('host', world);
    expect(hosts).toEqual(expect.arrayContaining(['mx1.example.org', 'mx2.example.org', 'relay.example.net', 'smtp.example.com']));
    expect(hosts).not.toContain('internet');
    expect(hosts).not.toContain('alice-pc');
    expect(targetsFor('client', world)).toEqual(expect.arrayContaining(['alice-pc', 'mallory-pc']));
    expect(targetsFor('link', world)).toContain('mx1.example.org<->internet');
    expect(targetsFor('account', world)).toEqual(['alice@example.com', 'bob@example.org', 'carol@example.org']);
    expect(targetsFor('address', world)).toContain('bob@example.org');
    expect(targetsFor('zone', world)).toEqual(['example.com', 'example.org', 'example.net']);
    expect(targetsFor('dns-name', world)).toEqual(expect.arrayContaining(['example.org', 'mx1.example.org']));
    expect(targetsFor('host', null)).toEqual([]);
  });

  it('knows what a host chosen in the network view can be the target of', () => {
    expect(targetKindsOfHost('mx1.example.org', world)).toEqual(['host']);
    expect(targetKindsOfHost('alice-pc', world)).toEqual(['client']);
    expect(targetKindsOfHost('internet', world)).toEqual([]);
    expect(targetKindsOfHost('nowhere', world)).toEqual([]);
  });
});

describe('fault parameters in a form', () => {
  const greylist = FAULTS.find((f) => f.kind === 'greylist')!;
  const mailboxFull = FAULTS.find((f) => f.kind === 'mailbox-full')!;
  const wrongTls = FAULTS.find((f) => f.kind === 'wrong-tls-mode')!;

  it('starts from the catalogue defaults, durations written with a unit', () => {
    expect(defaultParamForm(greylist)).toEqual({ attempts: '1', delay: '5m' });
    expect(defaultParamForm(mailboxFull)).toEqual({ permanent: true });
  });

  it('reads durations as authors write them', () => {
    expect(durationTextToMs('5m')).toBe(300_000);
    expect(durationTextToMs('1h 30m')).toBe(5_400_000);
    expect(durationTextToMs('250ms')).toBe(250);
    expect(durationTextToMs('90')).toBe(90_000);
    expect(durationTextToMs('soon')).toBeUndefined();
    expect(durationTextToMs('')).toBeUndefined();
    expect(msToDurationText(86_400_000)).toBe('1d');
    expect(msToDurationText(1500)).toBe('1500ms');
  });

  it('turns form values into parameters and names the fields that are wrong', () => {
    expect(readParamForm(greylist, { attempts: '2', delay: '10m' })).toEqual({ params: { attempts: 2, delay: 600_000 }, problems: [] });
    expect(readParamForm(greylist, { attempts: '', delay: '' }).params).toEqual({ attempts: 1, delay: 300_000 });
    expect(readParamForm(greylist, { attempts: '0', delay: 'later' }).problems).toEqual([
      { name: 'attempts', problem: 'range', min: 1, max: 100 },
      { name: 'delay', problem: 'duration' },
    ]);
    expect(readParamForm(greylist, { attempts: '1.5' }).problems[0]).toMatchObject({ name: 'attempts', problem: 'integer' });
    expect(readParamForm(mailboxFull, { permanent: false }).params).toEqual({ permanent: false });
    expect(readParamForm(wrongTls, { security: 'tls' }).params).toEqual({ security: 'tls' });
    expect(readParamForm(wrongTls, { security: 'ssl3' }).problems[0]).toMatchObject({ problem: 'choice' });
  });
});
