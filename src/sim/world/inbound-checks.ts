/**
 * checkInbound: what a receiving MX checks after DATA, before it says 250 (placeholder until
 * the SPF/DKIM/DMARC checks are wired in).
 */
import type { Envelope } from '../agents/smtp-server';
import type { Reply } from '../protocol/smtp-reply';
import type { WorldContext } from './context';

/** InboundVerdict: the message as it will be stored (with added headers), where, or the refusal. */
export interface InboundVerdict {
  raw: string;
  folder: 'INBOX' | 'Junk';
  reject?: Reply;
  /** Time the checks took (DNS lookups), waited before replying. */
  delay: number;
}

/** checkInbound runs the receiving server's checks. */
export async function checkInbound(_ctx: WorldContext, _host: string, _env: Envelope, raw: string, _msg: string): Promise<InboundVerdict> {
  return { raw, folder: 'INBOX', delay: 0 };
}
