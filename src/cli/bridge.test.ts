import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startBridge, type Bridge, type BridgeOptions } from './bridge-server';

// The bridge runs in this process, so the clients run asynchronously (a blocking spawnSync would
// stop the bridge's own clock and sockets).
function run(cmd: string, args: string[], timeoutMs = 25_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** startOnFreePorts tries random high port bases until every listener binds. */
async function startOnFreePorts(opts: BridgeOptions = {}): Promise<Bridge> {
  for (let attempt = 0; ; attempt++) {
    const portBase = 20000 + Math.floor(Math.random() * 40) * 1000;
    try {
      return await startBridge({ ...opts, portBase });
    } catch (e) {
      if (attempt > 8 || !String(e).includes('EADDRINUSE')) throw e;
    }
  }
}

const port = (b: Bridge, simulated: number) => b.mappings.find((m) => m.port === simulated)!.listen;
const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-bridge-'));

/** talk opens a raw connection, sends `send`, and collects what comes back until the server closes (or 3 s pass). */
function talk(p: number, send: string | Buffer, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(p, '127.0.0.1');
    let got = '';
    const done = () => {
      socket.destroy();
      resolve(got);
    };
    socket.on('data', (d) => (got += d.toString()));
    socket.on('close', done);
    socket.on('error', done);
    socket.on('connect', () => socket.write(send));
    setTimeout(done, waitMs);
  });
}

let bridge: Bridge;

beforeAll(async () => {
  bridge = await startOnFreePorts({ speed: 5 });
}, 20_000);

afterAll(async () => {
  await bridge?.close();
});

describe('the TCP bridge with real mail clients', () => {
  it('maps the simulated servers onto 127.0.0.1 at base + 587, 465, 525 (MX), 110, 995, 143, 993', () => {
    const base = bridge.mappings[0].listen - 587;
    expect(bridge.mappings.map((m) => `${m.name} ${m.listen - base} ${m.target}:${m.port} ${m.tls}`)).toEqual([
      'submission 587 smtp.example.com:587 starttls', 'submissions 465 smtp.example.com:465 implicit', 'MX 525 mx1.example.org:25 starttls',
      'POP3 110 mail.example.org:110 starttls', 'POP3S 995 mail.example.org:995 implicit', 'IMAP 143 mail.example.org:143 starttls', 'IMAPS 993 mail.example.org:993 implicit',
    ]);
    expect(bridge.world.net.hosts.get('bridge')?.ip).toMatch(/^198\.51\.100\.\d+$/);
  });

  it('swaks submits with STARTTLS and AUTH PLAIN; curl fetches the mail back over IMAP with the Received headers of every hop', async () => {
    const swaks = await run('swaks', [
      '--server', `127.0.0.1:${port(bridge, 587)}`, '--tls', '--auth', 'PLAIN', '--auth-user', 'alice@example.com', '--auth-password', 'alice-secret',
      '--from', 'alice@example.com', '--to', 'bob@example.org', '--header', 'Subject: swaks-through-the-bridge',
    ]);
    expect(swaks.code, swaks.stdout + swaks.stderr).toBe(0);
    expect(swaks.stdout).toMatch(/<~ {2}250 2\.0\.0 Ok: queued as [0-9A-F]+/);
    let uid = '';
    for (let i = 0; i < 40 && !uid; i++) {
      const search = await run('curl', ['-s', '-k', '--ssl-reqd', `imap://bob%40example.org:bob-secret@127.0.0.1:${port(bridge, 143)}/INBOX`, '-X', 'UID SEARCH SUBJECT swaks-through-the-bridge']);
      uid = /\* SEARCH (\d+)/.exec(search.stdout)?.[1] ?? '';
      if (!uid) await new Promise((r) => setTimeout(r, 250));
    }
    // The bridge's world starts without the demo mails: the first mail a real client sends is UID 1.
    expect(uid).toBe('1');
    const fetched = await run('curl', ['-s', `imap://bob%40example.org:bob-secret@127.0.0.1:${port(bridge, 143)}/INBOX;UID=1`]);
    expect(fetched.code).toBe(0);
    const received = fetched.stdout.split('\r\n').filter((l) => l.startsWith('Received: from'));
    expect(received).toEqual([
      expect.stringMatching(/^Received: from relay\.example\.net /),
      expect.stringMatching(/^Received: from smtp\.example\.com /),
      expect.stringMatching(/^Received: from \S+ \(bridge \[198\.51\.100\.\d+\]\)$/),
    ]);
    expect(fetched.stdout).toContain('Subject: swaks-through-the-bridge');
  }, 30_000);

  it('curl speaks smtp (--ssl-reqd), smtps, pop3, pop3s, imap and imaps', async () => {
    const msg = join(dir, 'curl.eml');
    writeFileSync(msg, 'From: alice@example.com\r\nTo: bob@example.org\r\nSubject: curl-upload\r\n\r\n.leading dot\r\nHello from curl\r\n');
    const smtp = ['-s', '-k', '--mail-from', 'alice@example.com', '--mail-rcpt', 'bob@example.org', '--user', 'alice@example.com:alice-secret', '--upload-file', msg, '-w', '%{response_code}'];
    const bob = 'bob%40example.org:bob-secret@127.0.0.1';
    const [sub, subs, pop3, pop3s, imap, imaps] = await Promise.all([
      run('curl', [...smtp, '--ssl-reqd', '--url', `smtp://127.0.0.1:${port(bridge, 587)}`]),
      run('curl', [...smtp, '--url', `smtps://127.0.0.1:${port(bridge, 465)}`]),
      run('curl', ['-s', `pop3://${bob}:${port(bridge, 110)}/`]),
      run('curl', ['-s', '-k', `pop3s://${bob}:${port(bridge, 995)}/1`]),
      run('curl', ['-s', '-k', '--ssl-reqd', `imap://${bob}:${port(bridge, 143)}/`]),
      run('curl', ['-s', '-k', `imaps://${bob}:${port(bridge, 993)}/INBOX;UID=1`]),
    ]);
    expect(sub.stdout).toBe('250');
    expect(subs.stdout).toBe('250');
    expect(pop3.stdout).toMatch(/^1 \d+\r\n/);
    expect(pop3s.stdout).toMatch(/^Received: from /m);
    expect(imap.stdout).toContain('* LIST (\\HasNoChildren) "/" INBOX');
    expect(imaps.stdout).toMatch(/^Subject: /m);
  }, 30_000);

  it("passes Python's smtplib, poplib and imaplib, with lowercase verbs, AUTH after 334/+ continuations, quoted passwords and dot-stuffing", async () => {
    const ports = { submission: port(bridge, 587), submissions: port(bridge, 465), pop3: port(bridge, 110), pop3s: port(bridge, 995), imap: port(bridge, 143), imaps: port(bridge, 993) };
    const py = await run('python3', [join(import.meta.dirname, 'bridge-clients.py'), JSON.stringify(ports)], 28_000);
    const checks = py.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { check: string; ok: boolean; detail: unknown });
    expect(checks.filter((c) => !c.ok), py.stdout + py.stderr).toEqual([]);
    expect(checks).toHaveLength(8);
    expect(py.code).toBe(0);
  }, 30_000);

  it('stays up when clients misbehave: an endless line, plain text on a TLS port, pipelined text after STARTTLS', async () => {
    const flood = await talk(port(bridge, 143), 'a1 ' + 'x'.repeat(70_000));
    expect(flood).toContain('* BYE Input buffer full, aborting');
    expect(await talk(port(bridge, 110), 'x'.repeat(10_000))).toContain('-ERR Input buffer full, aborting');
    // Postfix reads a long line up to its limit, throws the rest away and stays in sync.
    const longSmtp = await talk(port(bridge, 25), `NOOP ${'x'.repeat(100_000)}\r\nQUIT\r\n`);
    expect(longSmtp).toMatch(/^220 .*\r\n250 2\.0\.0 Ok\r\n221 2\.0\.0 Bye\r\n$/s);
    const plainOnTls = await talk(port(bridge, 993), 'a1 LOGIN bob@example.org bob-secret\r\n', 1500);
    expect(plainOnTls).not.toContain('OK');
    const injected = await talk(port(bridge, 587), 'EHLO x\r\nSTARTTLS\r\nRSET\r\n', 1500);
    expect(injected).toContain('220 2.0.0 Ready to start TLS');
    expect(injected).not.toContain('250 2.0.0 Ok\r\n');
    const after = await run('curl', ['-s', `pop3://bob%40example.org:bob-secret@127.0.0.1:${port(bridge, 110)}/`]);
    expect(after.stdout).toMatch(/^1 \d+/);
  }, 30_000);

  it('bounds the number of connections with a clear reply', async () => {
    const small = await startOnFreePorts({ speed: 5, maxConnections: 2 });
    try {
      const p = port(small, 110);
      const held = [net.connect(p, '127.0.0.1'), net.connect(p, '127.0.0.1')];
      await new Promise((r) => setTimeout(r, 300));
      expect(await talk(p, '', 1500)).toBe('-ERR [SYS/TEMP] bridge: too many connections\r\n');
      for (const s of held) s.destroy();
    } finally {
      await small.close();
    }
  }, 20_000);
});
