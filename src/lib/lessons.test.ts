import { describe, expect, it } from 'vitest';
import { hasMermaidBlock, lessonHref, neighbours, prerequisiteProblems, publishedInOrder } from './lessons';

const lesson = (id: string, order: number, draft = false) => ({ id, data: { title: id, order, draft } });

describe('publishedInOrder', () => {
  it('sorts lessons by order', () => {
    const ids = publishedInOrder([lesson('c', 2), lesson('a', 0), lesson('b', 1)]).map((l) => l.id);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('breaks ties in order by id so the list is stable', () => {
    const ids = publishedInOrder([lesson('zeta', 1), lesson('alpha', 1)]).map((l) => l.id);
    expect(ids).toEqual(['alpha', 'zeta']);
  });

  it('leaves drafts out', () => {
    const ids = publishedInOrder([lesson('a', 0), lesson('wip', 1, true)]).map((l) => l.id);
    expect(ids).toEqual(['a']);
  });
});

describe('neighbours', () => {
  const ordered = [lesson('a', 0), lesson('b', 1), lesson('c', 2)];

  it('gives the previous and next lesson in the middle of the course', () => {
    const { prev, next } = neighbours(ordered, 'b');
    expect([prev?.id, next?.id]).toEqual(['a', 'c']);
  });

  it('has no previous lesson for the first one', () => {
    const { prev, next } = neighbours(ordered, 'a');
    expect([prev?.id, next?.id]).toEqual([undefined, 'b']);
  });

  it('has no next lesson for the last one', () => {
    const { prev, next } = neighbours(ordered, 'c');
    expect([prev?.id, next?.id]).toEqual(['b', undefined]);
  });

  it('has neither for an unknown id', () => {
    expect(neighbours(ordered, 'nope')).toEqual({});
  });
});

describe('hasMermaidBlock', () => {
  it('finds a fenced mermaid block', () => {
    expect(hasMermaidBlock('Text\n\n```mermaid\nflowchart LR\n  a --> b\n```\n')).toBe(true);
  });

  it('finds a tilde-fenced mermaid block', () => {
    expect(hasMermaidBlock('~~~mermaid\nflowchart LR\n~~~\n')).toBe(true);
  });

  it('does not count the word mermaid in prose or other code blocks', () => {
    expect(hasMermaidBlock('We use mermaid here.\n\n```sh\necho mermaid\n```\n')).toBe(false);
  });

  it('is false for a missing body', () => {
    expect(hasMermaidBlock(undefined)).toBe(false);
  });
});

describe('lessonHref', () => {
  it('puts lessons under /lessons/<id>/ with a trailing slash', () => {
    expect(lessonHref('services-and-iptables')).toBe('/lessons/services-and-iptables/');
  });
});

describe('prerequisiteProblems', () => {
  const entry = (id: string, prerequisites: string[], draft = false) => ({
    id,
    filePath: `src/content/lessons/${id}.mdx`,
    data: { title: id, order: 0, draft, prerequisites: prerequisites.map((p) => ({ id: p })) },
  });

  it('accepts prerequisites that are published lessons', () => {
    expect(prerequisiteProblems([entry('intro', []), entry('services', ['intro'])])).toEqual([]);
  });

  it('names the file and field of a prerequisite that does not exist', () => {
    expect(prerequisiteProblems([entry('services', ['intro', 'nope'])])).toEqual([
      'src/content/lessons/services.mdx: prerequisites[0]: there is no lesson "intro"',
      'src/content/lessons/services.mdx: prerequisites[1]: there is no lesson "nope"',
    ]);
  });

  it('rejects a published lesson that requires a draft', () => {
    expect(prerequisiteProblems([entry('wip', [], true), entry('services', ['wip'])])).toEqual([
      'src/content/lessons/services.mdx: prerequisites[0]: lesson "wip" is a draft, so it is not published',
    ]);
  });

  it('lets a draft point anywhere, since it is not built', () => {
    expect(prerequisiteProblems([entry('wip', ['nope'], true)])).toEqual([]);
  });

  it('rejects a lesson that requires itself', () => {
    expect(prerequisiteProblems([entry('loop', ['loop'])])).toEqual([
      'src/content/lessons/loop.mdx: prerequisites[0]: a lesson cannot be its own prerequisite',
    ]);
  });
});
