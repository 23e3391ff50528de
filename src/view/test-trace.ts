/**
 * A small hand-written trace for the view tests: alice-pc submits over 587 with STARTTLS,
 * a DNS lookup, then delivery to the MX. Only fields the types require.
 */
import type { TraceEvent } from '../sim/kernel/trace';

/** sampleTrace returns a fresh copy of the sample trace. */
export function sampleTrace(): TraceEvent[] {
  const c = { from: 'alice-pc', to: 'smtp.example.com', route: ['alice-pc', 'router', 'smtp.example.com'], conn: 'c1', port: 587 };
  const s = { from: 'smtp.example.com', to: 'alice-pc', route: ['smtp.example.com', 'router', 'alice-pc'], conn: 'c1', port: 587 };
  return [
    { t: 0, type: 'world.start', what: 'default' },
    { t: 0, type: 'net.connect', ...c, arrive: 20, proto: 'tcp' },
    { t: 20, type: 'net.accept', ...s, arrive: 40, proto: 'tcp' },
    { t: 40, type: 'smtp.reply', ...s, arrive: 60, proto: 'smtp', dir: 'S', line: '220 smtp.example.com ESMTP Postfix', code: 220 },
    { t: 60, type: 'smtp.command', ...c, arrive: 80, proto: 'smtp', dir: 'C', line: 'EHLO alice-pc' },
    { t: 80, type: 'smtp.reply', ...s, arrive: 100, proto: 'smtp', dir: 'S', line: '250-smtp.example.com', code: 250 },
    { t: 100, type: 'smtp.command', ...c, arrive: 120, proto: 'smtp', dir: 'C', line: 'STARTTLS' },
    { t: 120, type: 'smtp.reply', ...s, arrive: 140, proto: 'smtp', dir: 'S', line: '220 2.0.0 Ready to start TLS', code: 220, enhanced: '2.0.0' },
    { t: 140, type: 'tls.step', ...c, arrive: 160, proto: 'tls', step: 'ClientHello', detail: 'SNI smtp.example.com' },
    { t: 160, type: 'tls.established', conn: 'c1', client: 'alice-pc', server: 'smtp.example.com', port: 587 },
    { t: 160, type: 'smtp.command', ...c, arrive: 180, proto: 'smtp', tls: true, dir: 'C', line: 'AUTH PLAIN AGFsaWNl' },
    { t: 180, type: 'dns.query', from: 'smtp.example.com', to: 'ns.example.net', route: ['smtp.example.com', 'ns.example.net'], arrive: 190, proto: 'dns', id: 'q1', name: 'example.org', qtype: 'MX' },
    { t: 190, type: 'queue.enqueue', host: 'smtp.example.com', msg: 'm1', rcpts: ['bob@example.org'], domain: 'example.org' },
    { t: 200, type: 'smtp.data', ...c, arrive: 220, proto: 'smtp', tls: true, dir: 'C', line: 'Subject: Hi\r\n\r\n..dot\r\n.', msg: 'm1' },
    { t: 220, type: 'smtp.reply', ...s, arrive: 240, proto: 'smtp', tls: true, dir: 'S', line: '250 2.0.0 Ok: queued as 1', code: 250, enhanced: '2.0.0', msg: 'm1' },
    { t: 240, type: 'fault.inject', id: 'f1', kind: 'busy', target: 'mx1.example.org' },
    { t: 300, type: 'net.close', ...c, arrive: 320, proto: 'tcp', tls: true },
    { t: 400, type: 'queue.sent', host: 'smtp.example.com', msg: 'm1', rcpts: ['bob@example.org'], domain: 'example.org' },
    { t: 500, type: 'fault.clear', id: 'f1', kind: 'busy', target: 'mx1.example.org' },
  ];
}
