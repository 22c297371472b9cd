export const labs = {
  indexTitle: 'Weekly labs',
  indexDescription:
    'Weekly labs for a study group: exercises on your own emulated cluster, a file to hand in, and a grading page for the lead.',
  indexIntro:
    'A lab is one week of a study group: what to read, the week’s exercises (each on its own cluster, built for you), and a file to hand in. Your lead sends you a link with your learner id; open the lab from that link.',
  week: (n: number) => `Week ${n}`,
  listMeta: (exercises: number, points: number) => `${exercises} exercises · ${points} points`,
  due: (when: string) => ` · due ${when}`,
  leadHtml: (gradeHref: string) =>
    `Leading a group? Read the lead’s guide in <code>labs/README.md</code>, then grade the week’s files on the <a href="${gradeHref}">grading page</a>: it runs in your browser and sends nothing anywhere.`,
  sheetDescription: (week: number, title: string) =>
    `Week ${week} lab: ${title}. Exercises on your own emulated cluster and a file to hand in.`,
  kicker: (week: number) => `Week ${week} · Lab`,
  anywhereOnEarth: 'anywhere on Earth',
  dueLabel: 'Due',
  points: 'Points',
  pointsIn: (points: number, exercises: number, challenge: boolean) =>
    `${points} in ${exercises} exercises${challenge ? ', one a challenge' : ''}`,
  who: 'Who is working',
  openFromLink: 'Open this sheet from the link your lead sent you: it names you, and your clusters are built for you.',
  idLabel: 'Your learner id (from your lead’s link)',
  useId: 'Use this id',
  readFirst: 'Read first',
  rules: 'Rules of the week',
  exercises: 'Exercises',
  exercisePoints: (n: number) => `${n} point${n === 1 ? '' : 's'}`,
  challenge: 'Challenge',
  from: 'From',
  handIn: 'Hand in',
  handInHtml:
    '<strong>Download submission</strong> saves one file with your command lines for each exercise, your answers, the hints you opened and the time on your clock. Send it to your lead. Downloading again after more work gives a newer file, which replaces the older one.',
  download: 'Download submission',
  viewSwitchLabel: 'Show the lab sheet or the terminal',
  viewSheet: 'Lab sheet',
  viewTerminal: 'Terminal',
  workingAs: 'You are working as ',
  seedNote: (seed: number, _id: string) =>
    `. Your clusters are built with seed ${seed}: your pod names and addresses are not your neighbour’s. `,
  notYou: 'Not you?',
  badId: 'A learner id is letters, digits, dots, dashes or underscores (as in your link after ?learner=).',
  saved: (name: string) => `Saved ${name}. Send it to your lead.`,
  openOrType: 'Open this sheet from the link your lead sent you, or type the learner id it names.',
  nothingYet: (title: string) => `${title}: nothing yet`,
  commandLines: (n: number) => `${n} command line${n === 1 ? '' : 's'}`,
  answer: (value: string) => `answer “${value}”`,
  noAnswerYet: 'no answer yet',
  hintsOpened: (n: number) => `${n} hint${n === 1 ? '' : 's'} opened`,
  solutionRevealed: 'solution revealed',
  workLine: (title: string, parts: string[]) => `${title}: ${parts.join(', ')}`,
  /** Shown on a sheet whose words are not all in the page's language yet. */
  untranslated: 'Parts of this lab are not yet in English and are shown in their original language.',
};
