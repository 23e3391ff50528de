/**
 * `npm run bench`: the default world's journey for 1,000 and 10,000 messages, headless.
 * Prints deliveries per second, virtual events per second and peak memory, and checks that the
 * cost grows linearly (10,000 messages cost no more than 12× 1,000).
 */
import { prepareWorld } from '../src/sim/world/simulate';

interface Figures {
  messages: number;
  delivered: number;
  seconds: number;
  events: number;
  traceEvents: number;
  peakMiB: number;
}

async function run(messages: number): Promise<Figures> {
  const prepared = prepareWorld({});
  if (!prepared.ok) throw new Error('default world failed to build');
  const world = prepared.world;
  const rcpts = ['bob@example.org', 'carol@example.org'];
  // Spread the mail over time like a busy afternoon: one message every 200 ms of virtual time.
  for (let i = 0; i < messages; i++) {
    world.send(5000 + i * 200, { from: 'alice@example.com', to: [rcpts[i % 2]], subject: `Bench ${i}`, body: `Message ${i}\r\n` });
  }
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  const start = performance.now();
  await world.run(6 * 86_400_000);
  world.finish();
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  sample();
  const delivered = world.trace.events.filter((e) => e.type === 'message.fate' && e.fate === 'delivered').length;
  return { messages: messages + 2, delivered, seconds, events: world.scheduler.executed, traceEvents: world.trace.events.length, peakMiB: peak / 1048576 };
}

function show(f: Figures): void {
  console.log(
    `${String(f.messages).padStart(6)} messages: ${f.delivered} delivered in ${f.seconds.toFixed(2)} s — ` +
      `${Math.round(f.delivered / f.seconds)} deliveries/s, ${Math.round(f.events / f.seconds)} virtual events/s ` +
      `(${f.events} events, ${f.traceEvents} trace events), peak RSS ${f.peakMiB.toFixed(0)} MiB`,
  );
}

const small = await run(1000);
show(small);
const large = await run(10000);
show(large);
const ratio = large.seconds / small.seconds;
console.log(`cost ratio 10,000 / 1,000 = ${ratio.toFixed(2)} (limit 12)`);
if (large.delivered < 10000 || small.delivered < 1000) {
  console.error('not every message was delivered');
  process.exit(1);
}
if (ratio > 12) {
  console.error('cost grows faster than linearly');
  process.exit(1);
}
