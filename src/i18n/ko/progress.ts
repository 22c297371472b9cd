import type { progress as En } from '../en/progress';

export const progress: typeof En = {
  title: '내 진도',
  keptHere: '진도는 이 브라우저에 저장된다.',
  about:
    '아무것도 브라우저 밖으로 나가지 않는다. 진도를 파일로 내보내면 사본을 보관하거나 다른 브라우저에서 이어서 할 수 있다. 파일을 가져오면 그 파일에서 통과한 문제가 여기서 통과한 문제에 더해지고, 시드도 함께 옮겨 와 클러스터가 그대로 유지된다.',
  export: '진도 내보내기',
  import: '진도 파일 가져오기',
  summary: (passed: string, total: string, seed: number) =>
    `연습 문제 ${total}개 중 ${passed}개를 통과했다. 시드는 ${seed}이고, 연습 문제 클러스터(파드 이름, IP)는 이 시드로 만들어진다.`,
  exported: '진도를 내보냈다.',
  tooLarge: '진도 파일이라기엔 파일이 너무 크다',
  notImported: (reason: string) => `가져오지 않았다: ${reason}.`,
  imported: (n: number) => `가져왔다: 새로 통과한 문제 ${n}개.`,
  aboutLink: '진도 안내',
  marks: (passed: number, total: number) => `(연습 문제 ${total}개 중 ${passed}개 통과)`,
  resetNotice: (reason: string, key: string) =>
    `저장된 진도를 읽을 수 없어(${reason}) 초기화했다. 원래 저장돼 있던 내용은 이 브라우저의 ${key} 항목에 사본으로 남겨 두었다.`,
  repairNotice: (listed: string, key: string) =>
    `저장된 진도 일부(${listed})를 읽을 수 없었다. 나머지는 그대로 두었다. 원래 저장돼 있던 내용은 이 브라우저의 ${key} 항목에 사본으로 남겨 두었다.`,
  andMore: (n: number) => ` 외 ${n}개`,
  fileEmpty: '파일이 비어 있다',
  notProgressFile: (detail: string) => `k8s-netlab 진도 파일이 아니다(${detail})`,
  unexpectedValueAt: (field: string) => `${field}의 값이 올바르지 않다`,
};
