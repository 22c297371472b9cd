/**
 * iproute2's `-c` colours (lib/color.c, the default palette for a light background): interface
 * names cyan, MACs yellow, IPv4 magenta, IPv6 blue, operational state UP green and DOWN red.
 */

export type ColorKind = 'ifname' | 'mac' | 'inet' | 'inet6' | 'up' | 'down' | 'none';

const CODES: Record<ColorKind, string> = {
  ifname: '\x1b[36m',
  mac: '\x1b[33m',
  inet: '\x1b[35m',
  inet6: '\x1b[34m',
  up: '\x1b[32m',
  down: '\x1b[31m',
  none: '',
};
const RESET = '\x1b[0m';

/** Paints text when colour is on: iproute2 wraps the whole printed field, trailing space included. */
export type Paint = (kind: ColorKind, text: string) => string;

/** A painter: identity without -c. */
export function painter(on: boolean): Paint {
  return (kind, text) => (on && kind !== 'none' ? `${CODES[kind]}${text}${RESET}` : text);
}

/** The colour of an operational state. */
export function stateColor(state: string): ColorKind {
  return state === 'UP' ? 'up' : state === 'DOWN' ? 'down' : 'none';
}
