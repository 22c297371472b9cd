/**
 * Just enough of a Corefile to run the emulated CoreDNS: the server blocks (`.:53 { ... }`), the
 * kubernetes plugin's zones and options (`pods`, `ttl`, `fallthrough`), `forward`, `cache`. The
 * Corefile is read from the coredns ConfigMap at query time, so `kubectl edit cm coredns` takes effect
 * at once (real CoreDNS's `reload` takes up to ~2 minutes: a simplification).
 */
import { fqdn } from './names';

export interface KubernetesPluginConfig {
  /** Zones the plugin is authoritative for, fully qualified (`cluster.local.`, `in-addr.arpa.`, ...). */
  zones: string[];
  pods: 'disabled' | 'insecure' | 'verified';
  /** TTL of every answer; the plugin default is 5, kubeadm's Corefile sets 30. */
  ttl: number;
  /** Zones whose misses go on to the next plugin (forward); `[]` = none, `['.']` = all. */
  fallthrough: string[];
}

export interface ServerBlock {
  /** Zones this block serves, fully qualified (`.` for the root). */
  zones: string[];
  port: number;
  kubernetes?: KubernetesPluginConfig;
  /** `forward . TO...`: upstreams (`/etc/resolv.conf` or addresses); undefined without the plugin. */
  forward?: { from: string; to: string[] };
  /** `cache N`: the largest TTL handed out from the cache; undefined without the plugin. */
  cacheMaxTtl?: number;
  /** `errors`: errors (an upstream that did not answer) are logged. */
  errors?: boolean;
  /** `log`: every query is logged in the Common Log Format (names, formats and classes are not modelled: all queries are). */
  log?: boolean;
}

interface Directive {
  name: string;
  args: string[];
  block: Directive[];
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*$/, '');
    for (const m of line.matchAll(/\{|\}|[^\s{}]+/g)) out.push(m[0]);
    out.push('\n');
  }
  return out;
}

function parseDirectives(tokens: string[], pos: { i: number }): Directive[] {
  const out: Directive[] = [];
  let cur: Directive | undefined;
  while (pos.i < tokens.length) {
    const t = tokens[pos.i++]!;
    if (t === '}') return out;
    if (t === '\n') {
      cur = undefined;
      continue;
    }
    if (t === '{') {
      const block = parseDirectives(tokens, pos);
      if (cur) cur.block = block;
      cur = undefined;
      continue;
    }
    if (!cur) out.push((cur = { name: t, args: [], block: [] }));
    else cur.args.push(t);
  }
  return out;
}

function parseKey(key: string): { zones: string[]; port: number } {
  const m = /^(?:dns:\/\/)?(.*?)(?::(\d+))?$/.exec(key)!;
  return { zones: [fqdn(m[1] || '.')], port: m[2] ? Number(m[2]) : 53 };
}

function kubernetesPlugin(d: Directive): KubernetesPluginConfig {
  const cfg: KubernetesPluginConfig = {
    zones: d.args.length ? d.args.map(fqdn) : [],
    pods: 'disabled',
    ttl: 5,
    fallthrough: [],
  };
  for (const o of d.block) {
    if (o.name === 'pods' && (o.args[0] === 'insecure' || o.args[0] === 'verified' || o.args[0] === 'disabled'))
      cfg.pods = o.args[0];
    else if (o.name === 'ttl' && /^\d+$/.test(o.args[0] ?? '')) cfg.ttl = Math.min(3600, Number(o.args[0]));
    else if (o.name === 'fallthrough') cfg.fallthrough = o.args.length ? o.args.map(fqdn) : ['.'];
  }
  return cfg;
}

/** The server blocks of a Corefile (directives the emulator does not model are ignored). */
export function parseCorefile(text: string): ServerBlock[] {
  const top = parseDirectives(tokenize(text), { i: 0 });
  return top.map((d) => {
    const keys = [d.name, ...d.args].map(parseKey);
    const block: ServerBlock = { zones: keys.flatMap((k) => k.zones), port: keys[0]!.port };
    for (const p of d.block) {
      if (p.name === 'kubernetes') {
        block.kubernetes = kubernetesPlugin(p);
        if (!block.kubernetes.zones.length) block.kubernetes.zones = block.zones;
      } else if (p.name === 'forward' && p.args.length >= 2)
        block.forward = { from: fqdn(p.args[0]!), to: p.args.slice(1) };
      else if (p.name === 'log') block.log = true;
      else if (p.name === 'errors') block.errors = true;
      else if (p.name === 'cache') block.cacheMaxTtl = /^\d+$/.test(p.args[0] ?? '') ? Number(p.args[0]) : 3600;
    }
    return block;
  });
}
