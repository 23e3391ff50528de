/**
 * `npm run bridge -- [SCENARIO_FILE] [--port-base N] [--speed X] [--seed N] [--quiet]`
 *
 * Starts the simulated world (the default one, or a scenario) and exposes its servers to real
 * mail clients on 127.0.0.1, with virtual time running in real time (or X times faster). Prints
 * the port mapping, then the journey of every message as it happens. Ctrl-C stops it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { startBridge } from './bridge-server';
import { formatTraceEvent } from '../sim/kernel/trace-format';

const USAGE = 'usage: npm run bridge -- [SCENARIO_FILE] [--port-base N] [--speed X] [--seed N] [--quiet]';

interface Args {
  file?: string;
  portBase: number;
  speed: number;
  seed?: number;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { portBase: 2000, speed: 1, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--port-base') {
      const v = value();
      if (!/^\d+$/.test(v ?? '') || Number(v) < 1024 || Number(v) > 64000) return `--port-base expects a number from 1024 to 64000 (ports are base + 110 … base + 995), got '${v ?? ''}'`;
      args.portBase = Number(v);
    } else if (a === '--speed') {
      const v = Number(value());
      if (!(v > 0) || v > 10_000) return '--speed expects a positive factor such as 1, 10 or 60';
      args.speed = v;
    } else if (a === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v ?? '')) return `--seed expects a whole number, got '${v ?? ''}'`;
      args.seed = Number(v);
    } else if (a === '--quiet') args.quiet = true;
    else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (args.file) return `only one scenario file can be given (got '${args.file}' and '${a}')`;
    else args.file = a;
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args === USAGE ? USAGE : `bridge: ${args}\n${USAGE}`);
    return args === USAGE ? 0 : 2;
  }
  let scenarioText: string | undefined;
  if (args.file) {
    if (!existsSync(args.file)) {
      console.error(`bridge: ${args.file}: no such file`);
      return 2;
    }
    scenarioText = readFileSync(args.file, 'utf8');
  }
  // The journey is printed after the port mapping; events of the first moments wait for it.
  let held: string[] | undefined = [];
  const print = (line: string) => (held ? held.push(line) : console.log(line));
  let bridge;
  try {
    bridge = await startBridge({
      portBase: args.portBase, speed: args.speed, seed: args.seed, scenarioText, scenarioFile: args.file,
      onEvent: args.quiet ? undefined : (e) => {
        const line = formatTraceEvent(e);
        if (line !== undefined) print(line);
      },
      log: (line) => print(`bridge: ${line}`),
    });
  } catch (e) {
    console.error(`bridge: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`SMTP Lab bridge: ${bridge.world.plan.title}`);
  console.log(`Virtual time runs at ${args.speed}× real time. Listening on 127.0.0.1 only:`);
  for (const m of bridge.mappings) {
    const how = m.tls === 'implicit' ? 'implicit TLS' : m.tls === 'starttls' ? 'STARTTLS' : 'plain';
    console.log(`  127.0.0.1:${pad(String(m.listen), 6)} ${pad(`${m.name} (${how})`, 26)} → ${m.target}:${m.port}`);
  }
  const accounts = bridge.world.plan.accounts.map((a) => `${a.address} / ${a.password}`);
  if (accounts.length) console.log(`Accounts: ${accounts.join(', ')}`);
  const sub = bridge.mappings.find((m) => m.port === 587);
  const imap = bridge.mappings.find((m) => m.port === 143);
  if (sub) console.log(`Try: swaks --server 127.0.0.1:${sub.listen} --tls --auth PLAIN --auth-user alice@example.com --auth-password alice-secret --from alice@example.com --to bob@example.org`);
  if (imap) console.log(`Then: curl 'imap://bob%40example.org:bob-secret@127.0.0.1:${imap.listen}/INBOX;UID=1'`);
  console.log('The certificate is self-signed: tell clients to accept it (curl -k; swaks does not verify by default).');
  for (const line of held) console.log(line);
  held = undefined;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`bridge: internal error: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
