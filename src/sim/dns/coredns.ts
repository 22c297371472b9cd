/**
 * The emulated CoreDNS server: the Corefile from the `coredns` ConfigMap picks the server block, the
 * kubernetes plugin answers its zones, and everything else (or what falls through) is forwarded to the
 * upstream, with the `cache` plugin's TTL cap applied to what comes back.
 */
import type { KubeObject } from '../cluster/types';
import { parseCorefile, type ServerBlock } from './corefile';
import { emptyResponse, type DnsQuestion, type DnsResponse, type ResourceRecord } from './message';
import { inZone } from './names';
import { kubernetesAnswer, type ApiView } from './records';
import { upstreamAnswer } from './upstream';

/** The Corefile CoreDNS runs with: the coredns ConfigMap's `Corefile` key ('' when the ConfigMap is gone). */
export function corefileText(api: ApiView): string {
  const cm: KubeObject | undefined = api.get('configmaps', 'kube-system', 'coredns');
  const text = cm?.data?.Corefile;
  return typeof text === 'string' ? text : '';
}

/** The server block that serves `name` on `port`: the longest matching zone wins, as in CoreDNS. */
function blockFor(blocks: ServerBlock[], name: string, port: number): ServerBlock | undefined {
  let best: { b: ServerBlock; len: number } | undefined;
  for (const b of blocks) {
    if (b.port !== port) continue;
    for (const z of b.zones) if (inZone(name, z) && (!best || z.length > best.len)) best = { b, len: z.length };
  }
  return best?.b;
}

function capTtl(rrs: ResourceRecord[], max: number | undefined): ResourceRecord[] {
  return max === undefined ? rrs : rrs.map((r) => (r.ttl > max ? { ...r, ttl: max } : r));
}

/**
 * How the forward plugin reaches its upstreams: the `TO` list as the Corefile has it (addresses,
 * `dns://IP[:53]` or `/etc/resolv.conf`); the first upstream that answers gives the reply, and none
 * answering is SERVFAIL (forward's `no healthy upstream` / i/o timeout). Without one, the emulated
 * internet answers directly.
 */
export type ForwardUpstreams = (to: string[], q: DnsQuestion) => DnsResponse;

/** Forward to the upstream; the cache plugin caps the TTLs it hands out (and AA follows the upstream's). */
function forward(block: ServerBlock, q: DnsQuestion, upstreams?: ForwardUpstreams): DnsResponse {
  const r = upstreams ? upstreams(block.forward!.to, q) : upstreamAnswer(q);
  return {
    ...r,
    answer: capTtl(r.answer, block.cacheMaxTtl),
    authority: capTtl(r.authority, block.cacheMaxTtl),
    additional: capTtl(r.additional, block.cacheMaxTtl),
  };
}

// Parsing is memoised on the text itself, so an edited ConfigMap is never answered from stale blocks.
let parsed: { text: string; blocks: ServerBlock[] } | undefined;
function serverBlocks(text: string): ServerBlock[] {
  if (parsed?.text !== text) parsed = { text, blocks: parseCorefile(text) };
  return parsed.blocks;
}

/** Whether the server block that serves `name` on `port` has the `log` (or `errors`) plugin. */
export function logsFor(api: ApiView, name: string, port = 53): { log: boolean; errors: boolean } {
  const block = blockFor(serverBlocks(corefileText(api)), name, port);
  return { log: Boolean(block?.log), errors: Boolean(block?.errors) };
}

/** CoreDNS's reply to one query on `port` (53), reading the API objects and the Corefile now. */
export function coreDnsAnswer(api: ApiView, q: DnsQuestion, port = 53, upstreams?: ForwardUpstreams): DnsResponse {
  const blocks = serverBlocks(corefileText(api));
  const block = blockFor(blocks, q.name, port);
  if (!block) return emptyResponse(q, 'REFUSED', false, false);
  if (block.kubernetes) {
    const chase = (target: string, type: DnsQuestion['type']) =>
      coreDnsAnswer(api, { name: target, type }, port, upstreams).answer;
    const r = kubernetesAnswer(api, block.kubernetes, q, chase);
    if (r && r !== 'fallthrough') return r;
  }
  if (block.forward && inZone(q.name, block.forward.from)) return forward(block, q, upstreams);
  return emptyResponse(q, 'SERVFAIL', false, false);
}
