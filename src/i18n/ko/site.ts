import type { site as En } from '../en/site';

export const site: typeof En = {
  skipLink: '본문으로 건너뛰기',
  footer:
    'k8s-netlab: 직접 해 보며 배우는 쿠버네티스 네트워킹. 모든 것이 브라우저 안에서 돌고, 입력한 내용은 밖으로 나가지 않는다.',
  nav: {
    label: '주 메뉴',
    lessons: '레슨',
    howItWorks: '이용 안내',
    labs: '주간 실습',
  },
  language: {
    switchTo: '한국어 페이지로 보기',
    suggest: '이 페이지는 한국어로도 읽을 수 있다.',
    suggestGo: '한국어로 보기',
    suggestDismiss: '닫기',
    suggestLabel: '언어',
  },
  search: {
    button: '검색',
    title: '코스 검색',
    close: '검색 닫기',
    devOnly:
      '검색은 빌드한 사이트에서만 된다: `npm run build` 다음 `npm run preview`를 실행한다(개발 서버에는 검색 색인이 없다).',
  },
  theme: {
    auto: '테마: 자동(시스템 설정을 따름)',
    light: '테마: 밝게',
    dark: '테마: 어둡게',
    clickToChange: (label: string) => `${label}. 누르면 바뀐다.`,
  },
  lessonList: {
    title: '레슨',
    completed: '(완료)',
    yourProgress: '내 진도',
    notTranslated: '(영어)',
  },
  toc: {
    title: '이 페이지의 내용',
  },
};
