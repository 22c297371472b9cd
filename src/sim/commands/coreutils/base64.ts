/**
 * `base64` (GNU coreutils): encode with 76-column lines (`-w N`, `-w 0` for one line) or decode
 * (`-d`), as learners use it on Secret data (`kubectl get secret x -o jsonpath='{.data.token}' | base64 -d`).
 * Text is UTF-8 on both sides.
 */
import type { CommandSpec } from '../../shell/types';
import { parseOpts, readInputs } from './util';

/** Encode `text`'s UTF-8 bytes, wrapped every `wrap` characters (0: no wrapping), newline-terminated. */
export function base64Encode(text: string, wrap = 76): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  const enc = btoa(bin);
  if (enc === '') return '';
  if (wrap <= 0) return `${enc}\n`;
  const out: string[] = [];
  for (let i = 0; i < enc.length; i += wrap) out.push(enc.slice(i, i + wrap));
  return `${out.join('\n')}\n`;
}

/** Decode base64 (newlines ignored; with `ignoreGarbage` other non-alphabet characters too), or undefined when invalid. */
export function base64Decode(text: string, ignoreGarbage = false): string | undefined {
  const clean = ignoreGarbage ? text.replace(/[^A-Za-z0-9+/=]/g, '') : text.replace(/\n/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  let bin: string;
  try {
    bin = atob(clean);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export const base64Command: CommandSpec = {
  name: 'base64',
  summary: 'base64 encode or decode (-d) FILE or standard input',
  usage: 'base64 [-d] [-i] [-w COLS] [FILE]',
  flags: [
    { names: ['-d', '--decode'], description: 'decode data' },
    { names: ['-i', '--ignore-garbage'], description: 'when decoding, ignore non-alphabet characters' },
    {
      names: ['-w', '--wrap'],
      value: true,
      description: 'wrap encoded lines after COLS characters (default 76, 0 disables)',
    },
  ],
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'di', values: 'w', long: { decode: 'd', 'ignore-garbage': 'i', 'wrap=': 'w' } });
    if (typeof p === 'number') return p;
    const { inputs, ok } = readInputs(ctx, p.args.slice(0, 1));
    if (!ok) return 1;
    const text = inputs.map((i) => i.text).join('');
    if (p.opts.has('d')) {
      const out = base64Decode(text, p.opts.has('i'));
      if (out === undefined) {
        ctx.stderr.write('base64: invalid input\n');
        return 1;
      }
      ctx.stdout.write(out);
      return 0;
    }
    const w = p.opts.get('w');
    const wrap = typeof w === 'string' ? Number(w) : 76;
    if (!Number.isInteger(wrap) || wrap < 0) {
      ctx.stderr.write(`base64: invalid wrap size: '${w}'\n`);
      return 1;
    }
    ctx.stdout.write(base64Encode(text, wrap));
    return 0;
  },
};
