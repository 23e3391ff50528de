/**
 * dialSmtp: open a connection and run one SMTP client session over it — what both a mail
 * program (submission) and an MTA (relaying) do for each attempt.
 */
import { createActor } from 'xstate';
import { smtpClientMachine, type SmtpClientInput, type SmtpClientResult } from '../agents/smtp-client';
import { parseReplyLine, type Reply } from '../protocol/smtp-reply';
import type { WorldContext } from './context';

/** DialOutcome: the session's result, or why no session came about. */
export type DialOutcome =
  | { kind: 'session'; result: SmtpClientResult }
  | { kind: 'connect-failed'; reason: 'refused' | 'timeout'; detail: string };

/** dialSmtp connects `from` → `to:port` and runs the SMTP client with `session`. */
export function dialSmtp(
  ctx: WorldContext,
  from: string,
  to: string,
  port: number,
  session: Omit<SmtpClientInput, 'endpoint'>,
  done: (o: DialOutcome) => void,
): void {
  ctx.transport.connect(from, to, port, (outcome) => {
    if (outcome.kind === 'refused') return done({ kind: 'connect-failed', reason: 'refused', detail: `connect to ${to}[${ctx.ipOf(to)}]:${port}: Connection refused` });
    if (outcome.kind === 'timeout') return done({ kind: 'connect-failed', reason: 'timeout', detail: `connect to ${to}:${port}: Connection timed out (${outcome.reason})` });
    const endpoint = outcome.client;
    const actor = createActor(smtpClientMachine, { clock: ctx.scheduler, input: { ...session, endpoint } });
    // Multi-line replies (RFC 5321 §4.2.1) are collected here and handed over whole.
    let lines: string[] = [];
    let code = 0;
    let enhanced: string | undefined;
    endpoint.onLine = (line) => {
      const parsed = parseReplyLine(line);
      if (!parsed) {
        actor.send({ type: 'smtp.reply', reply: { code: 500, lines: [line] } });
        return;
      }
      if (lines.length === 0) {
        code = parsed.code;
        enhanced = parsed.enhanced;
      }
      lines.push(parsed.text);
      if (parsed.last) {
        const reply: Reply = { code, enhanced, lines };
        lines = [];
        actor.send({ type: 'smtp.reply', reply });
      }
    };
    endpoint.onClose = () => actor.send({ type: 'net.closed' });
    let reported = false;
    actor.subscribe((snap) => {
      if (snap.status === 'done' && !reported) {
        reported = true;
        done({ kind: 'session', result: snap.output! });
      }
    });
    actor.start();
  });
}
