import { describe, expect, it } from 'vitest';
import { benchKey, parseBenchState } from './bench';

const tab = {
  id: 'services/nodeport',
  title: 'Open a NodePort',
  scenario: 'kind-iptables',
  seed: 7,
  setup: ['sleep 30'],
};

describe('parseBenchState', () => {
  it('starts on the lesson tab with no exercise tabs', () => {
    expect(parseBenchState(null)).toEqual({ active: 'lesson', tabs: [], runIn: {} });
  });

  it('reads the exercise tabs, the shown one and the remembered Run answers', () => {
    const raw = JSON.stringify({ active: tab.id, tabs: [tab], runIn: { [tab.id]: 'lesson' } });
    expect(parseBenchState(raw)).toEqual({ active: tab.id, tabs: [tab], runIn: { [tab.id]: 'lesson' } });
  });

  it('drops malformed tabs and duplicates, and shows the lesson when the shown tab is gone', () => {
    const raw = JSON.stringify({
      active: 'services/gone',
      tabs: [tab, { ...tab }, { id: 'x', title: 'no scenario' }, { ...tab, id: 'y', setup: [1] }],
      runIn: { [tab.id]: 'elsewhere', other: 'exercise' },
    });
    expect(parseBenchState(raw)).toEqual({ active: 'lesson', tabs: [tab], runIn: { other: 'exercise' } });
  });

  it('gives an empty bench for a corrupt entry', () => {
    expect(parseBenchState('{"tabs":')).toEqual({ active: 'lesson', tabs: [], runIn: {} });
    expect(parseBenchState('42')).toEqual({ active: 'lesson', tabs: [], runIn: {} });
  });
});

describe('benchKey', () => {
  it('is one entry per lesson page', () => {
    expect(benchKey('/lessons/services/')).toBe('netlab:bench:v1:/lessons/services/');
  });
});
