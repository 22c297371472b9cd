import { describe, expect, it } from 'vitest';
import { formatProblem, lessonIdOf, parseExerciseFile, parseLabFile, type LoadedExercise } from './files';

const FILE = 'src/content/lessons/demo.exercises.yaml';

function problems(text: string): string[] {
  return parseExerciseFile(FILE, text).problems.map(formatProblem);
}

const GOOD = `- id: touch
  title: Write a note
  goal: Write hello into notes.txt.
  scenario: empty
  solution:
    lines: [echo hello > notes.txt]
  checks:
    - title: notes.txt says hello
      run: cat notes.txt
      exact: hello
`;

describe('exercise files', () => {
  it('gives each exercise the stable id <lessonId>/<exerciseId> and fills defaults', () => {
    const { exercises, problems } = parseExerciseFile(FILE, GOOD);
    expect(problems).toEqual([]);
    expect(
      exercises.map((e) => [e.id, e.lessonId, e.exercise.seed, e.exercise.setup, e.exercise.checks[0]?.where]),
    ).toEqual([['demo/touch', 'demo', 1, [], 'host']]);
  });

  it('names the file, the exercise and the field of each schema problem', () => {
    const text = GOOD.replace('scenario: empty', 'scenario: kind').replace(
      '      exact: hello',
      '      exact: hello\n      contains: hel\n      passed: true',
    );
    expect(problems(text)).toEqual([
      `${FILE}: exercise touch: scenario: unknown scenario: use kind-iptables, kind-ipvs, aws-vpc-cni, weave or empty`,
      `${FILE}: exercise touch: checks[0]: unknown field "passed"`,
      `${FILE}: exercise touch: checks[0]: a check compares one way, but this one has exact and contains: split it into several checks`,
    ]);
  });

  it('names an exercise without an id by its position', () => {
    expect(problems(GOOD.replace('- id: touch\n  title', '- title'))).toEqual([
      `${FILE}: exercise #1: id: missing (expected string)`,
    ]);
  });

  it('rejects a find task whose solution gives no answer', () => {
    const text = GOOD.replace(
      '  checks:',
      '  find:\n    prompt: What does notes.txt say?\n    run: cat notes.txt\n  checks:',
    );
    expect(problems(text)).toEqual([
      `${FILE}: exercise touch: solution.answer: a find task's solution needs the answer (the value for the exercise's seed)`,
    ]);
  });

  it('rejects an exercise with neither checks nor a find task, and a duplicate id', () => {
    const noChecks = GOOD.slice(0, GOOD.indexOf('  checks:'));
    expect(problems(noChecks + noChecks)).toEqual([
      `${FILE}: exercise touch: checks: an exercise needs at least one check, or a find task`,
      `${FILE}: exercise touch: checks: an exercise needs at least one check, or a find task`,
      `${FILE}: exercise touch: id: id "touch" is used twice in this file`,
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('- id: a\n  title: [unclosed\n')).toEqual([
      `${FILE}: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1`,
    ]);
  });

  it('takes the lesson id from the file name', () => {
    expect(lessonIdOf('src/content/lessons/services.exercises.yaml')).toBe('services');
  });
});

describe('lab files', () => {
  const known = new Map<string, LoadedExercise>(parseExerciseFile(FILE, GOOD).exercises.map((e) => [e.id, e]));
  const LAB =
    'id: week9\ntitle: Week 9\nweek: 9\ndescription: Notes.\nexercises:\n  - demo/touch\n  - id: demo/touch2\n    points: 3\n';

  it('normalises bare ids to {id, points: 1}', () => {
    const { lab } = parseLabFile(
      'labs/week9.yaml',
      LAB.replace('demo/touch2', 'demo/touch').replace('  - demo/touch\n', ''),
      known,
    );
    expect(lab?.exercises).toEqual([{ id: 'demo/touch', points: 3, challenge: false }]);
  });

  it('names unknown exercises and a lab id that does not match the file name', () => {
    expect(parseLabFile('labs/week10.yaml', LAB, known).problems.map(formatProblem)).toEqual([
      'labs/week10.yaml: id: the lab id "week9" does not match the file name (expected "week10")',
      'labs/week10.yaml: exercises[1]: there is no exercise "demo/touch2" (ids are <lessonId>/<exerciseId>)',
    ]);
  });

  it('names the field of a schema problem', () => {
    expect(
      parseLabFile('labs/week9.yaml', LAB.replace('week: 9', 'week: nine') + 'due: next week\n', known).problems.map(
        formatProblem,
      ),
    ).toEqual([
      'labs/week9.yaml: week: expected number, got string',
      'labs/week9.yaml: due: due must be written "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM ZONE"',
    ]);
  });

  it('reads a roster file beside the lab, and names its bad lines', () => {
    const all = new Map([...known, ['demo/touch2', known.get('demo/touch')!]]);
    const files: Record<string, string> = { 'group.txt': 'ada, Ada L.\nminsu, 김민수\nbad id\n' };
    const context = { readRelative: (p: string) => files[p] };
    expect(
      parseLabFile('labs/week9.yaml', LAB + 'roster: group.txt\n', all, context).problems.map(formatProblem),
    ).toEqual([
      'labs/week9.yaml: roster: group.txt: line 3: "bad id" is not a learner id (letters, digits, ".", "-" and "_", at most 64)',
    ]);
    files['group.txt'] = 'ada, Ada L.\nminsu, 김민수\n';
    expect(parseLabFile('labs/week9.yaml', LAB + 'roster: group.txt\n', all, context).lab?.roster).toEqual([
      { id: 'ada', name: 'Ada L.' },
      { id: 'minsu', name: '김민수' },
    ]);
    expect(
      parseLabFile('labs/week9.yaml', LAB + 'roster: nowhere.txt\n', all, context).problems.map(formatProblem),
    ).toEqual(['labs/week9.yaml: roster: cannot read the roster file "nowhere.txt"']);
  });

  it('reads the week: what to read first, rules, due with zone, salt, an inline roster, a challenge', () => {
    const { lab, problems } = parseLabFile(
      'labs/week9.yaml',
      LAB.replace('    points: 3\n', '    points: 3\n    challenge: true\n') +
        'read:\n  - services\n  - services#nodeport\n  - lesson: dns\n    note: All of it.\n' +
        'rules: [Work alone.]\ndue: 2026-12-06 23:59 Asia/Seoul\nsalt: autumn\nroster:\n  - ada\n  - id: minsu\n    name: 김민수\n',
      new Map([...known, ['demo/touch2', known.get('demo/touch')!]]),
      { lessons: new Set(['services']) },
    );
    expect(problems.map(formatProblem)).toEqual(['labs/week9.yaml: read[2]: there is no lesson "dns"']);
    expect(lab).toBeUndefined();
    const ok = parseLabFile(
      'labs/week9.yaml',
      LAB + 'read: [services#nodeport]\ndue: 2026-12-06 23:59 Asia/Seoul\nroster: [ada, {id: minsu, name: 김민수}]\n',
      new Map([...known, ['demo/touch2', known.get('demo/touch')!]]),
    ).lab!;
    expect(ok.read).toEqual([{ lesson: 'services', section: 'nodeport' }]);
    expect(ok.due).toMatchObject({ date: '2026-12-06', time: '23:59', zone: 'Asia/Seoul', offset: '+09:00' });
    expect(ok.roster).toEqual([{ id: 'ada' }, { id: 'minsu', name: '김민수' }]);
    expect(ok.salt).toBe('');
  });
});
