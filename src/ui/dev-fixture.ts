/**
 * A small hand-written world and trace that follow the core's types exactly: alice sends one
 * mail to bob@example.org and one to carol@example.net; bob reads with IMAP, carol with POP3.
 * The worker falls back to it while `src/sim/index.ts` is missing; tests and the benchmark use it.
 */
import type { Proto, TraceEvent } from '../sim/kernel/trace';
import type { HostView, LinkView, StoredMessageView, WorldView } from '../sim/world/view-model';

const EPOCH = Date.UTC(2026, 2, 2, 9, 0, 0);

const HOSTS: [string, HostView['role'], string, string?][] = [
  ['alice-pc', 'client', '203.0.113.10', 'home'],
  ['home-router', 'router', '203.0.113.1', 'home'],
  ['core-router', 'router', '198.51.100.1'],
  ['smtp.example.com', 'submission', '192.0.2.10'],
  ['ns.example.net', 'dns', '198.51.100.53'],
  ['mx1.example.org', 'mx', '198.51.100.25'],
  ['imap.example.org', 'store', '198.51.100.30'],
  ['mail.example.net', 'mx', '203.0.113.25'],
  ['mobile-router', 'router', '203.0.113.129'],
  ['bob-phone', 'client', '203.0.113.140'],
  ['carol-pc', 'client', '203.0.113.11', 'home'],
];
const LINKS: [string, string, number][] = [
  ['alice-pc', 'home-router', 12],
  ['carol-pc', 'home-router', 12],
  ['home-router', 'core-router', 8],
  ['smtp.example.com', 'core-router', 4],
  ['ns.example.net', 'core-router', 3],
  ['mx1.example.org', 'core-router', 6],
  ['imap.example.org', 'core-router', 2],
  ['mail.example.net', 'core-router', 7],
  ['mobile-router', 'core-router', 10],
  ['bob-phone', 'mobile-router', 25],
];

function latency(a: string, b: string): number {
  return LINKS.find(([x, y]) => (x === a && y === b) || (x === b && y === a))?.[2] ?? 0;
}

function routeOf(from: string, to: string): string[] {
  const up = (h: string): string[] => {
    const first = LINKS.find(([x, y]) => x === h || y === h)!;
    const r = first[0] === h ? first[1] : first[0];
    return r === 'core-router' ? [h, r] : [h, r, 'core-router'];
  };
  const a = up(from);
  const b = up(to).reverse();
  const path = [...a, ...b.slice(b.indexOf('core-router') + 1)];
  // Two hosts behind the same edge router do not cross the core.
  const ai = a.indexOf(b[b.indexOf('core-router') - 1] ?? '');
  return ai > 0 ? [...a.slice(0, ai + 1), ...b.slice(b.indexOf(a[ai]) + 1)] : path;
}

type Step = ['C' | 'S', string, { msg?: string; type?: 'smtp.data' }?] | ['tls'] | ['close'];

/** FixtureWriter appends events with real flight times along the fixture's routes. */
class FixtureWriter {
  readonly events: TraceEvent[] = [];
  private conns = 0;
  private queries = 0;
  t = 0;

  packet(fields: { type: string; from: string; to: string; proto: Proto } & Record<string, unknown>): number {
    const route = routeOf(fields.from, fields.to);
    let arrive = this.t;
    for (let i = 1; i < route.length; i++) arrive += latency(route[i - 1], route[i]);
    this.events.push({ t: this.t, ...fields, route, arrive } as unknown as TraceEvent);
    this.t = arrive;
    return arrive;
  }

  note(e: Record<string, unknown>): void {
    this.events.push({ t: this.t, ...e } as unknown as TraceEvent);
  }

  dns(from: string, name: string, qtype: string, answers: string[]): void {
    const id = `q${++this.queries}`;
    this.packet({ type: 'dns.query', from, to: 'ns.example.net', proto: 'dns', id, name, qtype });
    this.packet({ type: 'dns.answer', from: 'ns.example.net', to: from, proto: 'dns', id, name, qtype, rcode: 'NOERROR', answers });
  }

  session(client: string, server: string, port: number, proto: 'smtp' | 'imap' | 'pop3', steps: Step[]): void {
    const conn = `c${++this.conns}`;
    let tls = false;
    const base = { conn, port };
    this.packet({ type: 'net.connect', from: client, to: server, proto: 'tcp', ...base });
    this.packet({ type: 'net.accept', from: server, to: client, proto: 'tcp', ...base });
    for (const step of steps) {
      if (step[0] === 'tls') {
        this.packet({ type: 'tls.step', from: client, to: server, proto: 'tls', step: 'ClientHello', detail: `SNI ${server}`, ...base });
        this.packet({ type: 'tls.step', from: server, to: client, proto: 'tls', step: 'ServerHello', detail: `certificate for ${server}`, ...base });
        this.packet({ type: 'tls.step', from: client, to: server, proto: 'tls', step: 'Finished', ...base });
        this.note({ type: 'tls.established', conn, client, server, port });
        tls = true;
        continue;
      }
      if (step[0] === 'close') {
        this.packet({ type: 'net.close', from: client, to: server, proto: 'tcp', tls, ...base });
        continue;
      }
      const [dir, line, extra] = step;
      const [from, to] = dir === 'C' ? [client, server] : [server, client];
      const type = extra?.type ?? `${proto}.${dir === 'C' ? 'command' : 'reply'}`;
      const code = proto === 'smtp' && dir === 'S' ? /^(\d{3})[ -](\d\.\d+\.\d+)?/.exec(line) : null;
      const parsed = code ? { code: Number(code[1]), ...(code[2] ? { enhanced: code[2] } : {}) } : {};
      this.packet({ type, from, to, proto, tls, dir, line, ...parsed, ...(extra?.msg ? { msg: extra.msg } : {}), ...base });
    }
  }
}

function raw(id: string, to: string, subject: string, hops: string[]): string {
  return [
    ...hops.map((h) => `Received: ${h}`),
    'From: Alice <alice@example.com>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.com>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0000',
    '',
    `Hello from Alice. This message is ${id}.`,
    '',
  ].join('\r\n');
}

function smtpDelivery(w: FixtureWriter, client: string, server: string, port: number, msg: string, rcpt: string, content: string, auth: boolean): void {
  w.session(client, server, port, 'smtp', [
    ['S', `220 ${server} ESMTP Postfix`],
    ['C', `EHLO ${client}`],
    ['S', `250-${server}\n250-PIPELINING\n250-SIZE 10240000\n250-STARTTLS\n250 ENHANCEDSTATUSCODES`],
    ['C', 'STARTTLS'],
    ['S', '220 2.0.0 Ready to start TLS'],
    ['tls'],
    ['C', `EHLO ${client}`],
    ['S', auth ? `250-${server}\n250-AUTH PLAIN LOGIN\n250 ENHANCEDSTATUSCODES` : `250-${server}\n250 ENHANCEDSTATUSCODES`],
    ...(auth ? ([['C', 'AUTH PLAIN AGFsaWNlQGV4YW1wbGUuY29tAGFsaWNlLXNlY3JldA=='], ['S', '235 2.7.0 Authentication successful']] as Step[]) : []),
    ['C', 'MAIL FROM:<alice@example.com>', { msg }],
    ['S', '250 2.1.0 Ok', { msg }],
    ['C', `RCPT TO:<${rcpt}>`, { msg }],
    ['S', '250 2.1.5 Ok', { msg }],
    ['C', 'DATA', { msg }],
    ['S', '354 End data with <CR><LF>.<CR><LF>', { msg }],
    ['C', `${content}.`, { msg, type: 'smtp.data' }],
    ['S', `250 2.0.0 Ok: queued as ${msg.toUpperCase()}Q`, { msg }],
    ['C', 'QUIT'],
    ['S', '221 2.0.0 Bye'],
    ['close'],
  ]);
}

/** fixtureRun builds the fixture's trace and final world view; `until` cuts the trace. */
export function fixtureRun(until = Infinity): { trace: TraceEvent[]; view: WorldView; horizon: number } {
  const w = new FixtureWriter();
  w.note({ type: 'world.start', what: 'default', detail: 'fixture world' });
  const mails = [
    { msg: 'm1', to: 'bob@example.org', subject: 'Lunch on Friday?', mx: 'mx1.example.org', domain: 'example.org' },
    { msg: 'm2', to: 'carol@example.net', subject: 'Slides for Monday', mx: 'mail.example.net', domain: 'example.net' },
  ];
  const contents = mails.map((m) => raw(m.msg, m.to, m.subject, []));
  mails.forEach((m, i) => {
    w.note({ type: 'mail.submit', host: 'alice-pc', msg: m.msg, from: 'alice@example.com', to: [m.to], subject: m.subject });
    smtpDelivery(w, 'alice-pc', 'smtp.example.com', 587, m.msg, m.to, contents[i], true);
    w.note({ type: 'queue.enqueue', host: 'smtp.example.com', msg: m.msg, rcpts: [m.to], domain: m.domain });
  });
  for (const m of mails) {
    w.t += 50;
    w.note({ type: 'queue.attempt', host: 'smtp.example.com', msg: m.msg, rcpts: [m.to], domain: m.domain, attempt: 1 });
    w.dns('smtp.example.com', m.domain, 'MX', [`10 ${m.mx}.`]);
    w.dns('smtp.example.com', m.mx, 'A', [HOSTS.find((h) => h[0] === m.mx)![2]]);
    const i = mails.indexOf(m);
    smtpDelivery(w, 'smtp.example.com', m.mx, 25, m.msg, m.to, raw(m.msg, m.to, m.subject, ['from smtp.example.com by ' + m.mx]), false);
    w.note({ type: 'queue.sent', host: 'smtp.example.com', msg: m.msg, rcpts: [m.to], domain: m.domain, target: m.mx, code: 250 });
    const store = m.domain === 'example.org' ? 'imap.example.org' : m.mx;
    w.note({ type: 'mail.store', host: store, msg: m.msg, mailbox: m.to, folder: 'INBOX' });
    w.note({ type: 'message.fate', id: m.msg, from: 'alice@example.com', to: m.to, fate: 'delivered', mailbox: m.to, folder: 'INBOX' });
    void i;
  }
  w.t += 2000;
  w.session('bob-phone', 'imap.example.org', 993, 'imap', [
    ['tls'],
    ['S', '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot ready.'],
    ['C', 'a1 LOGIN bob@example.org "bob-secret"'],
    ['S', 'a1 OK Logged in'],
    ['C', 'a2 SELECT INBOX'],
    ['S', '* 1 EXISTS\na2 OK [READ-WRITE] Select completed'],
    ['C', 'a3 FETCH 1 BODY[]', { msg: 'm1' }],
    ['S', `* 1 FETCH (FLAGS (\\Seen) BODY[] {${contents[0].length}}\na3 OK Fetch completed`, { msg: 'm1' }],
    ['C', 'a4 LOGOUT'],
    ['S', '* BYE Logging out\na4 OK Logout completed'],
    ['close'],
  ]);
  w.note({ type: 'mail.fetch', host: 'bob-phone', msg: 'm1', mailbox: 'bob@example.org', folder: 'INBOX' });
  w.session('carol-pc', 'mail.example.net', 110, 'pop3', [
    ['S', '+OK Dovecot ready.'],
    ['C', 'STLS'],
    ['S', '+OK Begin TLS negotiation now.'],
    ['tls'],
    ['C', 'USER carol@example.net'],
    ['S', '+OK'],
    ['C', 'PASS carol-secret'],
    ['S', '+OK Logged in.'],
    ['C', 'RETR 1', { msg: 'm2' }],
    ['S', `+OK ${contents[1].length} octets`, { msg: 'm2' }],
    ['C', 'DELE 1'],
    ['S', '+OK Marked to be deleted.'],
    ['C', 'QUIT'],
    ['S', '+OK Logging out, messages deleted.'],
    ['close'],
  ]);
  w.note({ type: 'mail.fetch', host: 'carol-pc', msg: 'm2', mailbox: 'carol@example.net', folder: 'INBOX' });
  const horizon = w.t + 1000;
  w.note({ type: 'world.end', what: 'default' });
  const trace = w.events.filter((e) => e.t <= until);
  return { trace, view: fixtureView(trace, Math.min(until, horizon), mails.map((m, i) => ({ ...m, raw: raw(m.msg, m.to, m.subject, ['from smtp.example.com by ' + m.mx]), content: contents[i] }))), horizon };
}

function fixtureView(trace: TraceEvent[], t: number, mails: { msg: string; to: string; subject: string; raw: string }[]): WorldView {
  const stored = (mailbox: string): StoredMessageView[] =>
    trace
      .filter((e) => e.type === 'mail.store' && e.mailbox === mailbox)
      .map((e, i) => {
        const m = mails.find((x) => x.msg === (e as { msg: string }).msg)!;
        return { uid: i + 1, msg: m.msg, from: 'alice@example.com', subject: m.subject, date: 'Mon, 02 Mar 2026 09:00:00 +0000', size: m.raw.length, flags: [], raw: m.raw };
      });
  const fetched = (host: string) => new Set(trace.filter((e) => e.type === 'mail.fetch' && e.host === host).map((e) => (e as { msg: string }).msg));
  const sent = new Set(trace.filter((e) => e.type === 'smtp.reply' && e.code === 250 && e.msg && e.to === 'alice-pc' && e.line.includes('queued')).map((e) => (e as { msg: string }).msg));
  const links: LinkView[] = LINKS.map(([a, b, latency]) => ({ id: `${a}~${b}`, a, b, latency, loss: 0, up: true }));
  const services: Record<string, HostView['services']> = {
    'smtp.example.com': [{ port: 25, proto: 'smtp', label: 'smtp (MTA)' }, { port: 465, proto: 'smtp', label: 'submissions (implicit TLS)' }, { port: 587, proto: 'smtp', label: 'submission (STARTTLS)' }],
    'mx1.example.org': [{ port: 25, proto: 'smtp', label: 'smtp (MX)' }],
    'mail.example.net': [{ port: 25, proto: 'smtp', label: 'smtp (MX)' }, { port: 110, proto: 'pop3', label: 'pop3 (STLS)' }, { port: 995, proto: 'pop3', label: 'pop3s' }],
    'imap.example.org': [{ port: 143, proto: 'imap', label: 'imap (STARTTLS)' }, { port: 993, proto: 'imap', label: 'imaps' }],
    'ns.example.net': [{ port: 53, proto: 'dns', label: 'dns (authoritative + resolver)' }],
  };
  return {
    t,
    epoch: EPOCH,
    title: 'Default world (fixture)',
    hosts: HOSTS.map(([name, role, ip, net]) => ({ name, role, ip, net, services: services[name] ?? [], config: role === 'submission' ? ['AUTH required after STARTTLS', 'size limit 10240000'] : [], states: [], sessions: 0, queueLength: 0, faults: [] })),
    links,
    queues: [],
    mailboxes: [
      { address: 'bob@example.org', host: 'imap.example.org', folders: [{ name: 'INBOX', messages: stored('bob@example.org') }, { name: 'Junk', messages: [] }] },
      { address: 'carol@example.net', host: 'mail.example.net', folders: [{ name: 'INBOX', messages: stored('carol@example.net').filter((m) => !fetched('carol-pc').has(m.msg)) }] },
    ],
    zones: [
      { zone: 'example.org', server: 'ns.example.net', text: '$ORIGIN example.org.\n@ 3600 IN MX 10 mx1.example.org.\nmx1 3600 IN A 198.51.100.25\n@ 3600 IN TXT "v=spf1 mx -all"\n' },
      { zone: 'example.net', server: 'ns.example.net', text: '$ORIGIN example.net.\n@ 3600 IN MX 10 mail.example.net.\nmail 3600 IN A 203.0.113.25\n' },
    ],
    accounts: [
      { address: 'alice@example.com', clientHost: 'alice-pc', reads: 'imap', outgoing: { server: 'smtp.example.com', port: 587, security: 'starttls', user: 'alice@example.com', password: 'alice-secret' }, outbox: mails.map((m) => ({ msg: m.msg, to: [m.to], subject: m.subject, state: sent.has(m.msg) ? 'sent' : 'sending' })), downloaded: [] },
      { address: 'bob@example.org', clientHost: 'bob-phone', reads: 'imap', outgoing: { server: 'smtp.example.org', port: 587, security: 'starttls', user: 'bob@example.org', password: 'bob-secret' }, incoming: { server: 'imap.example.org', port: 993, security: 'tls', protocol: 'imap', user: 'bob@example.org', password: 'bob-secret' }, outbox: [], downloaded: [] },
      { address: 'carol@example.net', clientHost: 'carol-pc', reads: 'pop3', outgoing: { server: 'smtp.example.net', port: 465, security: 'tls', user: 'carol@example.net', password: 'carol-secret' }, incoming: { server: 'mail.example.net', port: 110, security: 'starttls', protocol: 'pop3', user: 'carol@example.net', password: 'carol-secret', keepOnServer: false }, outbox: [], downloaded: stored('carol@example.net').filter((m) => fetched('carol-pc').has(m.msg)) },
    ],
    faults: [],
    auth: [],
  };
}
