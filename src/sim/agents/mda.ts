/**
 * mdaMachine: the mail delivery agent of a mail store host. It files each accepted message into
 * the recipient's mailbox — INBOX, or Junk when the receiving server's checks say so — after
 * checking the quota, as Dovecot's LMTP delivery does.
 */
import { setup } from 'xstate';
import type { Mailboxes } from '../store/mailboxes';

/** DeliveryOutcome: stored (where) or refused (why). */
export type DeliveryOutcome =
  | { kind: 'stored'; folder: string; uid: number }
  | { kind: 'refused'; reason: 'unknown-user' | 'mailbox-full' };

/** MdaInput: the store this agent writes to. */
export interface MdaInput {
  store: Mailboxes;
  now: () => number;
}

type Ev = {
  type: 'mda.deliver';
  rcpt: string;
  folder: 'INBOX' | 'Junk';
  msg: string;
  raw: string;
  size: number;
  reply: (o: DeliveryOutcome) => void;
};

/** mdaMachine: one state, delivering; quota and folder rules decide each delivery. */
export const mdaMachine = setup({
  types: {} as { context: MdaInput; events: Ev; input: MdaInput },
  actions: {
    deliver: ({ context, event }) => {
      const box = context.store.get(event.rcpt);
      if (!box) return event.reply({ kind: 'refused', reason: 'unknown-user' });
      if (box.quota !== undefined && context.store.used(box) + event.size > box.quota) return event.reply({ kind: 'refused', reason: 'mailbox-full' });
      const m = context.store.store(box, event.folder, event.msg, event.raw, event.size, context.now());
      event.reply({ kind: 'stored', folder: event.folder, uid: m.uid });
    },
  },
}).createMachine({
  id: 'mda',
  context: ({ input }) => input,
  initial: 'delivering',
  states: { delivering: { on: { 'mda.deliver': { actions: 'deliver' } } } },
});
