import { describe, expect, it } from 'vitest';
import {
  formatLabels,
  formatLabelSelector,
  matchLabelSelector,
  matchLabelSelectorString,
  parseLabelSelector,
} from './labels';

describe('formatLabels', () => {
  it('sorts pairs by key and joins them with commas', () => {
    expect(formatLabels({ tier: 'frontend', app: 'web' })).toBe('app=web,tier=frontend');
  });

  it('prints <none> for no labels', () => {
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('parseLabelSelector', () => {
  it('reads every operator and sorts requirements by key', () => {
    expect(parseLabelSelector('z=1, b==2,c!=3,d in (y,x),e notin (q),f,!g')).toEqual([
      { key: 'b', operator: '==', values: ['2'] },
      { key: 'c', operator: '!=', values: ['3'] },
      { key: 'd', operator: 'in', values: ['x', 'y'] },
      { key: 'e', operator: 'notin', values: ['q'] },
      { key: 'f', operator: 'exists', values: [] },
      { key: 'g', operator: '!', values: [] },
      { key: 'z', operator: '=', values: ['1'] },
    ]);
  });

  it('accepts an empty value after =', () => {
    expect(parseLabelSelector('a=')).toEqual([{ key: 'a', operator: '=', values: [''] }]);
  });

  it('rejects a set without parentheses as labels.Parse does', () => {
    expect(() => parseLabelSelector('a in b')).toThrow("unable to parse requirement: found 'b' expected: '('");
  });

  it('rejects an unknown operator with the list of binary operators', () => {
    expect(() => parseLabelSelector('a b')).toThrow(
      "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    );
  });

  it('rejects a trailing comma', () => {
    expect(() => parseLabelSelector('a=b,')).toThrow("found '', expected: identifier after ','");
  });

  it('rejects a selector that starts with an operator', () => {
    expect(() => parseLabelSelector('=a')).toThrow("found '=', expected: !, identifier, or 'end of string'");
  });

  it('rejects anything after a !key requirement other than a comma', () => {
    expect(() => parseLabelSelector('!a=b')).toThrow("found '=', expected: ',' or 'end of string'");
  });

  it('rejects a value that is not a valid label value', () => {
    expect(() => parseLabelSelector('app=-web')).toThrow(
      'unable to parse requirement: values[0][app]: Invalid value: "-web": a valid label must be an empty string',
    );
  });

  it('rejects a key that is not a qualified name', () => {
    expect(() => parseLabelSelector('-a=b')).toThrow('name part must consist of alphanumeric characters');
  });
});

describe('matchLabelSelectorString', () => {
  const labels = { app: 'web', tier: 'frontend' };

  it('ANDs comma-separated requirements', () => {
    expect(matchLabelSelectorString('app=web,tier=frontend', labels)).toBe(true);
    expect(matchLabelSelectorString('app=web,tier=backend', labels)).toBe(false);
  });

  it('treats != and notin as true when the key is missing', () => {
    expect(matchLabelSelectorString('env!=prod', labels)).toBe(true);
    expect(matchLabelSelectorString('env notin (prod)', labels)).toBe(true);
  });

  it('tests existence and absence of a key', () => {
    expect(matchLabelSelectorString('app', labels)).toBe(true);
    expect(matchLabelSelectorString('!app', labels)).toBe(false);
  });

  it('matches set membership', () => {
    expect(matchLabelSelectorString('app in (api,web)', labels)).toBe(true);
    expect(matchLabelSelectorString('app in (api)', labels)).toBe(false);
  });

  it('matches everything with an empty selector', () => {
    expect(matchLabelSelectorString('', {})).toBe(true);
  });
});

describe('matchLabelSelector', () => {
  it('combines matchLabels and matchExpressions', () => {
    const sel = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['a', 'frontend'] }],
    };
    expect(matchLabelSelector(sel, { app: 'web', tier: 'frontend' })).toBe(true);
    expect(matchLabelSelector(sel, { app: 'web', tier: 'backend' })).toBe(false);
  });

  it('selects everything with an empty selector and nothing with a missing one', () => {
    expect(matchLabelSelector({}, { a: 'b' })).toBe(true);
    expect(matchLabelSelector(undefined, { a: 'b' })).toBe(false);
  });
});

describe('formatLabelSelector', () => {
  it('prints matchLabels and expressions sorted by key', () => {
    expect(
      formatLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['b', 'a'] },
          { key: 'env', operator: 'Exists' },
        ],
      }),
    ).toBe('app=web,env,tier notin (a,b)');
  });

  it('prints <none> for an empty selector', () => {
    expect(formatLabelSelector({})).toBe('<none>');
  });
});
