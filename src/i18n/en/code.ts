export const code = {
  copy: 'Copy',
  copyLabel: 'Copy code to clipboard',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  copiedSpoken: 'Code copied to clipboard',
  copyFailedSpoken: 'Could not copy the code',
  run: 'Run',
  runLabel: 'Run in the terminal',
};
