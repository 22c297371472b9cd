import { describe, expect, it } from 'vitest';
import * as en from './en/index';
import * as ko from './ko/index';
import { dictionaries } from './index';
import { shapeProblems } from './shape';

/** Every string a dictionary holds, with its path; functions are called with sample values. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    // A sample value that serves as a word, a number or a list of words (workLine's parts).
    const sample = Object.assign(new String('2'), { join: () => '2' });
    const out: unknown = value(...Array.from({ length: value.length }, () => sample));
    return typeof out === 'string' ? [[path, out]] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe('the dictionaries', () => {
  it('have the same shape in Korean as in English (keys, lists, arities)', () => {
    expect(shapeProblems(en, ko)).toEqual([]);
    expect(Object.keys(dictionaries).sort()).toEqual(['en', 'ko']);
  });

  it('name a missing, extra, empty or mistyped key with its path', () => {
    const source = { a: { b: 'x', c: (n: number) => `${n}` }, d: ['1', '2'] };
    expect(shapeProblems(source, { a: { b: '' }, d: ['1'], e: 'y' })).toEqual([
      'a.b: empty',
      'a.c: missing',
      'd: 2 items in the source, 1 here',
      'e: not in the source',
    ]);
    expect(shapeProblems(source, { a: { b: 'y', c: () => '' }, d: ['1', '2'] })).toEqual([
      'a.c: takes 1 value(s) in the source, 0 here',
    ]);
  });

  it('has a Korean string for every English one that is mostly Hangul, not a copy of the English', () => {
    const english = new Map(strings(en));
    // Words that are the same in both languages: the site's name, the keys' own labels.
    const same = new Set(['home.title', 'bench.keyNames.Escape', 'bench.keyNames.Tab']);
    const copies = strings(ko).filter(([path, text]) => {
      if (same.has(path)) return false;
      const prose = text.replace(/<[^>]+>|`[^`]*`|\$\{[^}]*\}|[^\p{L}]/gu, '');
      const hangul = (prose.match(/\p{Script=Hangul}/gu) ?? []).length;
      // Nothing but symbols and values (`#`, `${title}: ${parts}`) is the same in every language.
      if (prose.length === 0) return false;
      return english.get(path) === text || hangul / prose.length < 0.3;
    });
    expect(copies.map(([path, text]) => `${path}: ${text}`)).toEqual([]);
  });

  it('keeps markup only in the strings whose key says so (…Html)', () => {
    for (const dict of [en, ko]) {
      const marked = strings(dict).filter(([path, text]) => /<[a-z]/i.test(text) && !/Html(\[\d+\])?$/.test(path));
      expect(marked).toEqual([]);
    }
  });
});
