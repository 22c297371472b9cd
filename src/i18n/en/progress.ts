export const progress = {
  title: 'Your progress',
  keptHere: 'Your progress is kept in this browser.',
  about:
    'Nothing leaves your browser. Export your progress to a file to keep a copy or to continue in another browser; importing a file adds the exercises it passed to the ones passed here, and brings its seed along, so your clusters stay the same.',
  export: 'Export progress',
  import: 'Import a progress file',
  summary: (passed: string, total: string, seed: number) =>
    `You have passed ${passed} of ${total} exercises. Your seed is ${seed}: your exercise clusters (pod names, IPs) are built with it.`,
  exported: 'Progress exported.',
  tooLarge: 'the file is too large to be a progress file',
  notImported: (reason: string) => `Not imported: ${reason}.`,
  imported: (n: number) => `Imported: ${n} newly passed ${n === 1 ? 'exercise' : 'exercises'}.`,
  aboutLink: 'About your progress',
  marks: (passed: number, total: number) => `(${passed} of ${total} exercises passed)`,
  resetNotice: (reason: string, key: string) =>
    `Your saved progress could not be read (${reason}), so it was reset. A copy of what was stored is kept in this browser under ${key}.`,
  repairNotice: (listed: string, key: string) =>
    `Part of your saved progress could not be read (${listed}); the rest was kept. A copy of what was stored is kept in this browser under ${key}.`,
  andMore: (n: number) => ` and ${n} more`,
  fileEmpty: 'the file is empty',
  notProgressFile: (detail: string) => `the file is not a k8s-netlab progress file (${detail})`,
  unexpectedValueAt: (field: string) => `unexpected value at ${field}`,
};
