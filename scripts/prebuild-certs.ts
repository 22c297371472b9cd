/**
 * Regenerates src/sim/pki/prebuilt.ts: the DER of the certificates each scenario starts with (its
 * cluster CA and the admin client certificate in the learner's kubeconfig), so that no scenario
 * build or first kubectl command encodes or signs anything. Run: npx tsx scripts/prebuild-certs.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Emulator, allScenarios } from '../src/sim/emulator';
import { pkiSourceOf, standardCertificates } from '../src/sim/pki/cluster';
import { toBase64 } from '../src/sim/pki/pem';

const entries = new Map<string, string>();
for (const s of allScenarios()) {
  const emu = Emulator.create({ scenario: s.id, seed: 1 });
  for (const c of standardCertificates(pkiSourceOf(emu))) entries.set(c.key, toBase64(c.der));
}
const file = new URL('../src/sim/pki/prebuilt.ts', import.meta.url);
const text = readFileSync(file, 'utf8');
const head = text.slice(0, text.indexOf('export const PREBUILT'));
const body = [...entries].map(([k, v]) => `  '${k}':\n    '${v}',\n`).join('');
writeFileSync(file, `${head}export const PREBUILT: Readonly<Record<string, string>> = {\n${body}};\n`);
console.log(`wrote ${entries.size} certificates`);
