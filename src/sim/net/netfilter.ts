/**
 * One network namespace's netfilter state: the raw, mangle, nat and filter tables, their built-in
 * and user chains, the rules and their counters, and the `recent` match's address lists. Plain data
 * with a small editing API whose failures carry iptables' own error texts and exit codes, so the
 * `iptables` command, kube-proxy and CNIs all edit tables the same way.
 */
import type { Counters, Rule } from './rule';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';

/** Built-in chains per table, in the order iptables lists them (hook order). */
export const BUILTIN_CHAINS: Record<TableName, readonly string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The order iptables-nft-save writes tables (iptables nft.h `enum nft_table_type`: mangle, security, raw, filter, nat). */
export const SAVE_TABLE_ORDER: readonly TableName[] = ['mangle', 'raw', 'filter', 'nat'];

export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter'];

export type Policy = 'ACCEPT' | 'DROP';

export interface Chain {
  name: string;
  // Rule arrays are replaced, never edited in place (copy-on-write): the evaluator caches a
  // per-array index by destination, and a fresh array is what tells it the chain changed.
  /** Only built-in chains have a policy; user chains print `-`. */
  policy?: Policy;
  /** Packets that fell off the end of a built-in chain and took its policy. */
  counters: Counters;
  rules: Rule[];
}

export interface Table {
  name: TableName;
  /**
   * Whether the table exists in the kernel. iptables-nft-save prints only existing tables; a table
   * comes into being the first time anything adds a chain or rule to it.
   */
  present: boolean;
  chains: Record<string, Chain>;
}

/** A `recent` list: address → hit timestamps (virtual ms), oldest first. */
export type RecentList = Record<string, number[]>;

export interface NetfilterState {
  tables: Record<TableName, Table>;
  recent: Record<string, RecentList>;
}

/** An iptables failure: the text iptables prints on stderr and its exit status. */
export class IptablesError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'IptablesError';
  }
}

// iptables-nft 1.8.9 error texts (nft_strerror and xtables_error). Those marked UNCONFIRMED were not
// checked against a real capture.
export const ERR_NO_CHAIN = 'iptables: No chain/target/match by that name.';
export const ERR_CHAIN_EXISTS = 'iptables: Chain already exists.';
export const ERR_TOO_MANY_LINKS = 'iptables: Too many links.'; // -X of a referenced chain
export const ERR_NOT_EMPTY = 'iptables: Directory not empty.'; // -X of a non-empty chain
export const ERR_BAD_RULE = 'iptables: Bad rule (does a matching rule exist in that chain?).';
export const ERR_DELETE_INDEX = 'iptables: Index of deletion too big.';
export const ERR_INSERT_INDEX = 'iptables: Index of insertion too big.'; // UNCONFIRMED
export const ERR_REPLACE_INDEX = 'iptables: Index of replacement too big.'; // UNCONFIRMED
export const ERR_BAD_BUILTIN = 'iptables: Bad built-in chain name.';
export const ERR_BUILTIN_DELETE = 'iptables: Invalid argument.'; // UNCONFIRMED: -X of a built-in chain

function emptyTable(name: TableName): Table {
  const chains: Record<string, Chain> = {};
  for (const c of BUILTIN_CHAINS[name])
    chains[c] = { name: c, policy: 'ACCEPT', counters: { packets: 0, bytes: 0 }, rules: [] };
  return { name, present: false, chains };
}

/** Netfilter tables of one netns. */
export class Netfilter {
  state: NetfilterState;

  constructor(state?: NetfilterState) {
    this.state = state ?? {
      tables: {
        raw: emptyTable('raw'),
        mangle: emptyTable('mangle'),
        nat: emptyTable('nat'),
        filter: emptyTable('filter'),
      },
      recent: {},
    };
  }

  /** The table's data (always defined for the four known names). */
  table(name: TableName): Table {
    return this.state.tables[name];
  }

  /** A chain, or undefined. */
  chain(table: TableName, chain: string): Chain | undefined {
    const c: unknown = this.state.tables[table].chains[chain];
    // Hot path: a name check instead of hasOwn also rejects Object.prototype members ("toString").
    return typeof c === 'object' && c !== null && (c as Chain).name === chain ? (c as Chain) : undefined;
  }

  /** A chain, or the "No chain/target/match" error. */
  requireChain(table: TableName, chain: string): Chain {
    const c = this.chain(table, chain);
    if (!c) throw new IptablesError(ERR_NO_CHAIN);
    return c;
  }

  isBuiltin(table: TableName, chain: string): boolean {
    return BUILTIN_CHAINS[table].includes(chain);
  }

  /** User chains, sorted as iptables-save sorts them (byte order). */
  userChains(table: TableName): string[] {
    return Object.keys(this.table(table).chains)
      .filter((c) => !this.isBuiltin(table, c))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Built-in chains, then user chains sorted: the order every listing uses. */
  chainOrder(table: TableName): string[] {
    return [...BUILTIN_CHAINS[table], ...this.userChains(table)];
  }

  /** `-N`: create a user chain. */
  newChain(table: TableName, name: string): void {
    if (this.chain(table, name)) throw new IptablesError(ERR_CHAIN_EXISTS);
    // defineProperty, not assignment: a learner may name a chain "__proto__".
    Object.defineProperty(this.table(table).chains, name, {
      value: { name, counters: { packets: 0, bytes: 0 }, rules: [] },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    this.table(table).present = true;
  }

  /** Create a chain if it is missing (what iptables-restore's `:CHAIN` line does). */
  ensureChain(table: TableName, name: string): Chain {
    const existing = this.chain(table, name);
    if (existing) return existing;
    this.newChain(table, name);
    return this.chain(table, name)!;
  }

  /** `-A`: append a rule. */
  append(table: TableName, chain: string, rule: Rule): void {
    this.checkJump(table, rule);
    const c = this.requireChain(table, chain);
    c.rules = [...c.rules, rule];
    this.table(table).present = true;
  }

  /** `-I CHAIN [n]`: insert before rule n (1-based; default 1). */
  insert(table: TableName, chain: string, rule: Rule, position = 1): void {
    const c = this.requireChain(table, chain);
    this.checkJump(table, rule);
    if (position < 1 || position > c.rules.length + 1) throw new IptablesError(ERR_INSERT_INDEX);
    c.rules = [...c.rules.slice(0, position - 1), rule, ...c.rules.slice(position - 1)];
    this.table(table).present = true;
  }

  /** `-R CHAIN n`: replace rule n. */
  replace(table: TableName, chain: string, position: number, rule: Rule): void {
    const c = this.requireChain(table, chain);
    this.checkJump(table, rule);
    if (position < 1 || position > c.rules.length) throw new IptablesError(ERR_REPLACE_INDEX);
    c.rules = c.rules.map((r, i) => (i === position - 1 ? rule : r));
  }

  /** `-D CHAIN n`: delete rule n (1-based). */
  deleteAt(table: TableName, chain: string, position: number): void {
    const c = this.requireChain(table, chain);
    if (position < 1 || position > c.rules.length) throw new IptablesError(ERR_DELETE_INDEX);
    c.rules = c.rules.filter((_, i) => i !== position - 1);
  }

  /** `-D CHAIN spec`: delete the first rule equal to `rule` (compared by `key`, usually its save text). */
  deleteMatching(table: TableName, chain: string, rule: Rule, key: (r: Rule) => string): void {
    const i = this.indexOf(table, chain, rule, key);
    if (i < 0) throw new IptablesError(ERR_BAD_RULE);
    const c = this.requireChain(table, chain);
    c.rules = c.rules.filter((_, k) => k !== i);
  }

  /** The 0-based index of the first rule equal to `rule`, or -1. */
  indexOf(table: TableName, chain: string, rule: Rule, key: (r: Rule) => string): number {
    const wanted = key(rule);
    return this.requireChain(table, chain).rules.findIndex((r) => key(r) === wanted);
  }

  /** `-F [CHAIN]`: remove all rules of one chain or of every chain in the table. */
  flush(table: TableName, chain?: string): void {
    if (chain !== undefined) this.requireChain(table, chain).rules = [];
    else for (const c of Object.values(this.table(table).chains)) c.rules = [];
  }

  /** `-X [CHAIN]`: delete one empty, unreferenced user chain, or every user chain when none is named. */
  deleteChain(table: TableName, chain?: string): void {
    const names = chain !== undefined ? [chain] : this.userChains(table);
    for (const name of names) {
      if (this.isBuiltin(table, name)) throw new IptablesError(ERR_BUILTIN_DELETE);
      const c = this.requireChain(table, name);
      if (this.references(table, name) > 0) throw new IptablesError(ERR_TOO_MANY_LINKS);
      if (c.rules.length > 0) throw new IptablesError(ERR_NOT_EMPTY);
    }
    for (const name of names) delete this.table(table).chains[name];
  }

  /** `-P CHAIN POLICY` on a built-in chain. */
  setPolicy(table: TableName, chain: string, policy: Policy): void {
    if (!this.isBuiltin(table, chain)) throw new IptablesError(ERR_BAD_BUILTIN);
    this.requireChain(table, chain).policy = policy;
    this.table(table).present = true;
  }

  /** `-Z [CHAIN]`: zero rule and policy counters. */
  zero(table: TableName, chain?: string): void {
    const chains = chain !== undefined ? [this.requireChain(table, chain)] : Object.values(this.table(table).chains);
    for (const c of chains) {
      c.counters = { packets: 0, bytes: 0 };
      for (const r of c.rules) r.counters = { packets: 0, bytes: 0 };
    }
  }

  /** How many rules in the table jump to `chain` (the "(N references)" of `iptables -L`). */
  references(table: TableName, chain: string): number {
    let n = 0;
    for (const c of Object.values(this.table(table).chains))
      for (const r of c.rules) if (r.target?.kind === 'jump' && r.target.chain === chain) n++;
    return n;
  }

  private checkJump(table: TableName, rule: Rule): void {
    const t = rule.target;
    if (t?.kind === 'jump' && !this.chain(table, t.chain)) {
      // iptables looks the name up as a chain, then as a target extension, and reports the latter.
      throw new IptablesError(
        `iptables v1.8.9 (nf_tables): Couldn't load target \`${t.chain}':No such file or directory\n\nTry \`iptables -h' or 'iptables --help' for more information.`,
        2,
      );
    }
  }

  snapshot(): NetfilterState {
    return structuredClone(this.state);
  }

  static restore(snap: NetfilterState): Netfilter {
    return new Netfilter(structuredClone(snap));
  }
}
