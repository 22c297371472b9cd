import { describe, expect, it } from 'vitest';
import { switchHref } from './switch';

describe('the language switch’s address', () => {
  it('keeps the query, a lab sheet’s learner', () => {
    expect(switchHref({ target: '/ko/labs/week3-services/', search: '?learner=alice', hash: '' })).toBe(
      '/ko/labs/week3-services/?learner=alice',
    );
  });

  it('finds the section by its place, since anchors differ between languages', () => {
    const own = ['what-you-need', 'a-clusterip-service', 'nodeport'];
    const other = ['준비물', 'clusterip-서비스', 'nodeport'];
    expect(switchHref({ target: '/ko/lessons/x/', search: '', hash: '#a-clusterip-service', own, other })).toBe(
      `/ko/lessons/x/#${encodeURIComponent('clusterip-서비스')}`,
    );
    expect(
      switchHref({
        target: '/lessons/x/',
        search: '',
        hash: `#${encodeURIComponent('준비물')}`,
        own: other,
        other: own,
      }),
    ).toBe('/lessons/x/#what-you-need');
  });

  it('keeps an anchor that is not a section (an exercise, the progress panel): it is the same in both', () => {
    expect(switchHref({ target: '/ko/lessons/x/', search: '', hash: '#exercise-1', own: ['a'], other: ['b'] })).toBe(
      '/ko/lessons/x/#exercise-1',
    );
    expect(switchHref({ target: '/ko/', search: '', hash: '#progress' })).toBe('/ko/#progress');
  });
});
