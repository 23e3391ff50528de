/**
 * WorldContext: what the parts of a world (mail hosts, mail programs, the store) share.
 * The `World` class implements it; parts take it instead of importing the world, which keeps
 * the dependency graph one-way.
 */
import type { Actor } from 'xstate';
import type { Scheduler } from '../kernel/scheduler';
import type { Random } from '../kernel/random';
import type { Trace } from '../kernel/trace';
import type { Network } from '../kernel/network';
import type { Transport } from '../kernel/transport';
import type { Certificate } from '../kernel/connection';
import type { mdaMachine } from '../agents/mda';
import type { Mailboxes } from '../store/mailboxes';
import type { DnsService } from './dns-service';
import type { FaultState } from './fault-state';
import type { Ledger } from './ledger';
import type { AuthLog } from './auth-log';
import type { AccountPlan, WorldPlan } from './default-world';

/** WorldContext: the shared services of one world. */
export interface WorldContext {
  readonly plan: WorldPlan;
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly trace: Trace;
  readonly net: Network;
  readonly transport: Transport;
  readonly dns: DnsService;
  readonly faults: FaultState;
  readonly ledger: Ledger;
  /** Every receiving server's SPF, DKIM, DMARC and spam checks, per message. */
  readonly authLog: AuthLog;
  /** Mail stores by host. */
  readonly stores: Map<string, Mailboxes>;
  /** MDAs by store host. */
  readonly mdas: Map<string, Actor<typeof mdaMachine>>;
  /** account finds an account by address or alias. */
  account(address: string): AccountPlan | undefined;
  /** storeHostFor tells which host stores a local domain's mail. */
  storeHostFor(domain: string): string | undefined;
  /** dateHeader formats the current virtual time as an RFC 5322 date. */
  dateHeader(): string;
  /** certificate returns the certificate a host presents (faults may spoil it) to a client's n-th attempt. */
  certificate(host: string, attempt?: number): Certificate;
  /** ipOf returns a host's IPv4 address. */
  ipOf(host: string): string;
  /** queueId draws a Postfix-style queue id. */
  queueId(): string;
}
