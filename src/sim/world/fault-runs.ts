/**
 * Running the world with faults written as on the command line (`busy@mx1.example.org:for=20m`),
 * and reading what happened from the trace: each recipient's fate, the replies a server gave,
 * a queue's attempts and deferrals, what a mail program showed. Fault tests, lesson checks and
 * the CLI ask these questions the same way.
 */
import type { MessageFate, QueueEvent, TraceEvent, ProtoLine, MailEvent } from '../kernel/trace';
import { parseFaultArg } from '../scenario/faults';
import { simulate, type SimulateOptions, type SimulateResult } from './simulate';
import { toFaultInput } from './scenario-plan';

/** EventOf: the trace event kind whose `type` can be T. */
export type EventOf<T extends TraceEvent['type']> = TraceEvent extends infer E ? (E extends { type: infer U } ? (T extends U ? E : never) : never) : never;

/** FaultRun: a finished run and questions about it. */
export type FaultRun = Extract<SimulateResult, { ok: true }> & { facts: RunFacts };

/** runWithFaults simulates the default world (or `opts`' scenario) with CLI-style fault arguments. */
export async function runWithFaults(faults: readonly string[], opts: SimulateOptions = {}): Promise<FaultRun> {
  const specs = faults.map((arg) => {
    const parsed = parseFaultArg(arg);
    if (!parsed.ok) throw new Error(`fault '${arg}': ${parsed.error.en}`);
    return toFaultInput(parsed.fault);
  });
  const r = await simulate({ ...opts, faults: [...(opts.faults ?? []), ...specs] });
  if (!r.ok) throw new Error(`scenario errors: ${JSON.stringify(r.errors)}`);
  return { ...r, facts: new RunFacts(r.trace) };
}

/** RunFacts: lookups over one run's trace. */
export class RunFacts {
  constructor(readonly trace: readonly TraceEvent[]) {}

  /** msgId finds the message a mail program composed with this subject. */
  msgId(subject: string): string {
    const e = this.trace.find((x): x is MailEvent => x.type === 'mail.submit' && x.subject === subject);
    if (!e) throw new Error(`no message with subject '${subject}'`);
    return e.msg;
  }

  /** fates lists the `message.fate` events of a message (and recipient). */
  fates(msg: string, rcpt?: string): MessageFate[] {
    return this.trace.filter((e): e is MessageFate => e.type === 'message.fate' && e.id === msg && (rcpt === undefined || e.to === rcpt.toLowerCase()));
  }

  /** replies lists the SMTP reply lines a server sent, with their time. */
  replies(server: string): ProtoLine[] {
    return this.trace.filter((e): e is ProtoLine => e.type === 'smtp.reply' && e.from === server);
  }

  /** commands lists the SMTP command lines a client sent to a server. */
  commands(client: string, server?: string): ProtoLine[] {
    return this.trace.filter((e): e is ProtoLine => e.type === 'smtp.command' && e.from === client && (server === undefined || e.to === server));
  }

  /** queue lists one MTA's queue events for a message, optionally of one type. */
  queue(host: string, msg?: string, type?: QueueEvent['type']): QueueEvent[] {
    return this.trace.filter((e): e is QueueEvent => e.type.startsWith('queue.') && (e as QueueEvent).host === host && (msg === undefined || (e as QueueEvent).msg === msg) && (type === undefined || e.type === type));
  }

  /** dsns lists the DSNs (messages with the null sender) composed by an MTA. */
  dsns(reporting?: string): MailEvent[] {
    return this.trace.filter((e): e is MailEvent => e.type === 'mail.submit' && e.from === '<>' && (reporting === undefined || e.host === reporting));
  }

  /** errors lists what mail programs or servers reported as `mail.error` for a message. */
  errors(msg: string): MailEvent[] {
    return this.trace.filter((e): e is MailEvent => e.type === 'mail.error' && e.msg === msg);
  }

  /** of lists events of one type. */
  of<T extends TraceEvent['type']>(type: T): EventOf<T>[] {
    return this.trace.filter((e) => e.type === type) as EventOf<T>[];
  }
}
