import type { lesson as En } from '../en/lesson';

export const lesson: typeof En = {
  lessonsMenu: '레슨',
  time: '시간',
  aboutMinutes: (minutes: string) => `약 ${minutes}분`,
  cluster: '클러스터',
  readFirst: '먼저 읽을 것',
  objectives: '이 레슨을 마치면 할 수 있는 것',
  pagerLabel: '이전 레슨과 다음 레슨',
  previous: '이전',
  next: '다음',
  viewSwitchLabel: '레슨과 터미널 중 하나를 보기',
  viewLesson: '레슨',
  viewTerminal: '터미널',
  untranslatedTitle: '이 레슨은 아직 한국어로 번역되지 않았다',
  untranslatedHtml: (href: string) =>
    `아래는 영어 원문이다. 번역이 끝나면 이 자리에 한국어 본문이 들어온다. 연습 문제와 진도는 두 언어가 같으니, <a href="${href}" hreflang="en">영어 페이지</a>에서 풀어도 여기에 그대로 반영된다.`,
};
