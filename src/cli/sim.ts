/**
 * `npm run sim -- [SCENARIO_FILE] [--json] [--seed N] [--until DURATION] [--export DIR]
 *                 [--fault KIND@TARGET[:key=value,...]]...`
 *
 * A thin wrapper over src/sim: runs a scenario (or the default world) headless and prints the
 * journey line by line, or the trace as JSON lines. Bad input is a clear error and exit code 2.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../sim/world/simulate';
import { formatTraceEvent } from '../sim/kernel/trace-format';
import { parseDuration } from '../sim/scenario/duration';
import { parseFaultArg, checkFaultTarget, linkName, type KnownTargets } from '../sim/scenario/faults';
import type { FaultSpecInput } from '../sim/world/fault-state';
import { defaultWorldPlan, type WorldPlan } from '../sim/world/default-world';
import { planFromScenarioText, toFaultInput, type PlanError } from '../sim/world/scenario-plan';

/** CliArgs: the parsed command line. */
interface CliArgs {
  file?: string;
  json: boolean;
  seed?: number;
  until?: number;
  exportDir?: string;
  faults: FaultSpecInput[];
}

const USAGE = 'usage: npm run sim -- [SCENARIO_FILE] [--json] [--seed N] [--until DURATION] [--export DIR] [--fault KIND@TARGET[:key=value,...]]';

class UsageError extends Error {}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { json: false, faults: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`option ${name} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--seed') {
      const v = value('--seed');
      if (!/^\d+$/.test(v)) throw new UsageError(`--seed expects a whole number, got '${v}'`);
      args.seed = Number(v);
    } else if (a === '--until') {
      const v = value('--until');
      const d = parseDuration(v);
      if (typeof d !== 'number') throw new UsageError(`--until expects a duration such as 30m, 6h or 5d, got '${v}'`);
      args.until = d;
    } else if (a === '--export') args.exportDir = value('--export');
    else if (a === '--fault') {
      const spec = parseFaultArg(value('--fault'));
      if ('error' in spec) throw new UsageError(`--fault: ${spec.error.en}`);
      args.faults.push(toFaultInput(spec.fault));
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (args.file) throw new UsageError(`only one scenario file can be given (got '${args.file}' and '${a}')`);
    else args.file = a;
  }
  return args;
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`sim: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  let text: string | undefined;
  if (args.file) {
    if (!existsSync(args.file)) {
      console.error(`sim: ${args.file}: no such file`);
      return 2;
    }
    text = readFileSync(args.file, 'utf8');
  }
  // The world's plan first: a bad scenario or a fault aimed at nothing stops before anything runs.
  const planned = text === undefined ? { ok: true as const, plan: defaultWorldPlan() } : planOf(text, args.file!, args.seed);
  if (!planned.ok) return reportErrors(planned.errors);
  const known = knownTargets(planned.plan);
  for (const f of args.faults) {
    const problem = checkFaultTarget({ kind: f.kind, target: f.target, params: f.params ?? {} }, known);
    if (problem) {
      console.error(`sim: --fault ${f.kind}@${f.target}: ${problem.en}`);
      return 2;
    }
  }
  const result = await simulate({ scenarioText: text, scenarioFile: args.file, seed: args.seed, until: args.until, faults: args.faults });
  if (!result.ok) return reportErrors(result.errors);
  if (args.json) process.stdout.write(result.world.trace.toJsonLines());
  else {
    const out: string[] = [];
    for (const e of result.trace) {
      const line = formatTraceEvent(e);
      if (line !== undefined) out.push(line);
    }
    process.stdout.write(out.join('\n') + '\n');
  }
  if (args.exportDir) exportWorld(result.world, args.exportDir);
  return 0;
}

function planOf(text: string, file: string, seed?: number): { ok: true; plan: WorldPlan } | { ok: false; errors: PlanError[] } {
  const planned = planFromScenarioText(text, file, seed);
  return planned.ok ? { ok: true, plan: planned.run.plan } : planned;
}

function reportErrors(errors: PlanError[]): number {
  for (const e of errors) console.error(`${e.file}:${e.line}:${e.column}: ${e.path ? e.path + ': ' : ''}${e.message.en}`);
  return 2;
}

function knownTargets(plan: WorldPlan): KnownTargets {
  return {
    hosts: plan.hosts.map((h) => h.name),
    links: plan.links.map((l) => linkName(l.a, l.b)),
    accounts: plan.accounts.map((a) => a.address),
    zones: plan.zones.map((z) => z.zone),
  };
}

/**
 * exportWorld writes every stored message as DIR/<mailbox>/<n>.eml (Junk and other folders in
 * sub-folders), bytes as stored with CRLF, and every zone as DIR/zones/<zone>.zone. A message
 * that a POP3 mail program downloaded and deleted from the server is exported from the
 * program's copy, so carol's mail is there too.
 */
function exportWorld(world: Extract<Awaited<ReturnType<typeof simulate>>, { ok: true }>['world'], dir: string): void {
  const view = world.view();
  const counters = new Map<string, number>();
  const write = (sub: string, raw: string) => {
    const n = (counters.get(sub) ?? 0) + 1;
    counters.set(sub, n);
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, `${n}.eml`), raw);
  };
  for (const box of view.mailboxes) {
    const onServer = new Set<string>();
    for (const folder of box.folders) {
      for (const m of folder.messages) {
        onServer.add(m.msg);
        write(folder.name === 'INBOX' ? box.address : join(box.address, folder.name), m.raw);
      }
    }
    const account = view.accounts.find((a) => a.address.toLowerCase() === box.address);
    for (const m of account?.downloaded ?? []) if (!onServer.has(m.msg)) write(box.address, m.raw);
  }
  mkdirSync(join(dir, 'zones'), { recursive: true });
  for (const z of world.dns.zones.values()) writeFileSync(join(dir, 'zones', `${z.zone}.zone`), world.dns.zoneText(z.zone));
}

// exitCode, not exit(): a large trace written to a pipe must be flushed before the process ends.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`sim: internal error: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
