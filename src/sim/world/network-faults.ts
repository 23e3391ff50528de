/**
 * The network's questions to the fault layer, answered from a world's faults: is a host down,
 * is a port closed, does a provider's router drop this connection attempt (port 25 blocked for
 * home customers), and which certificate does a server present (expired or for another name).
 */
import type { Network, NetworkFaults } from '../kernel/network';
import type { Certificate } from '../kernel/connection';
import type { FaultState } from './fault-state';

/** networkFaults answers the network's fault questions from `faults`. */
export function networkFaults(faults: FaultState, net: Network): NetworkFaults {
  return {
    hostDown: (host, attempt) => faults.active('down', host, { attempt }) !== undefined,
    portClosed: (host, port, attempt) => faults.matching('port-closed', host, attempt).some((f) => Number(f.params?.port ?? 25) === port),
    filtered: (from, _to, port, route, attempt) => {
      const src = net.hosts.get(from);
      for (const hop of route) {
        const node = net.hosts.get(hop);
        // The fault names the client host itself, or its provider's router (which filters its own customers).
        const customer = hop === from || (node?.role === 'router' && node.net !== undefined && node.net === src?.net);
        if (!customer) continue;
        const f = faults.matching('block-port-25', hop, attempt).find((x) => Number(x.params?.port ?? 25) === port);
        if (f) return hop === from ? `the provider of ${from} blocks outbound port ${port}` : `${hop} blocks outbound port ${port} from its customers`;
      }
      return undefined;
    },
  };
}

/** certificateFor returns the certificate a host presents now; cert faults spoil it. */
export function certificateFor(faults: FaultState, host: string, attempt?: number): Certificate {
  if (faults.active('cert-expired', host, { attempt })) return { names: [host], notAfter: -1, trusted: true };
  const mismatch = faults.active('cert-mismatch', host, { attempt });
  if (mismatch) return { names: [String(mismatch.params?.name || 'wrong.example.net')], trusted: true };
  return { names: [host], trusted: true };
}
