import type { code as En } from '../en/code';

export const code: typeof En = {
  copy: '복사',
  copyLabel: '코드를 클립보드에 복사',
  copied: '복사됨',
  copyFailed: '복사 실패',
  copiedSpoken: '코드를 클립보드에 복사했다',
  copyFailedSpoken: '코드를 복사하지 못했다',
  run: '실행',
  runLabel: '터미널에서 실행',
};
