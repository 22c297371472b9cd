/** What the emulator knows about a container image: the sockets its process opens and how it answers. */
import type { HttpRequest, HttpResponse } from './http';

/** A socket the image's process listens on. */
export interface Listener {
  proto: 'tcp' | 'udp';
  port: number;
}

/** Tools a location may have; commands ask `hasTool` before running. */
export type Tool = 'curl' | 'wget' | 'ping' | 'ip' | 'hostname' | 'nslookup' | 'openssl';

/** What a serving app sees of its world for one request. */
export interface AppContext {
  /** The pod's hostname (its name, or spec.hostname). */
  hostname: string;
  /** Every interface address, in interface order, as Go's net.Interfaces lists them (whoami's `IP:` lines). */
  interfaceIPs: string[];
  /** Where the connection came from, after any NAT on the way. */
  clientIP: string;
  clientPort: number;
  /** The local address and port the connection arrived at. */
  localIP: string;
  localPort: number;
  /** Virtual time in ms. */
  now: number;
}

export interface AppSpec {
  /** A short id (`whoami`, `nginx`). */
  id: string;
  /** Repositories this app runs as (any registry, any tag). */
  images: string[];
  listens: Listener[];
  /** Shells in the image, for `kubectl exec POD -- sh` (scratch images have none). */
  shells: string[];
  tools: Tool[];
  /** BusyBox applets give ping and wget their BusyBox formats. */
  busybox?: boolean;
  /** Answer one HTTP request (apps that speak HTTP). */
  http?(req: HttpRequest, ctx: AppContext): HttpResponse;
  /** What the process prints when it starts (its first `kubectl logs` lines). */
  startLog?(now: number): string;
  /** The log line (or lines) one request adds. */
  accessLog?(req: HttpRequest, res: HttpResponse, ctx: AppContext): string;
}
