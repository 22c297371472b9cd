import type { labs as En } from '../en/labs';
import { josa } from '../josa';

export const labs: typeof En = {
  indexTitle: '주간 실습',
  indexDescription:
    '스터디 그룹을 위한 주간 실습: 나만의 에뮬레이션 클러스터에서 푸는 연습 문제, 제출할 파일, 그리고 스터디 리더를 위한 채점 페이지.',
  indexIntro:
    '실습 하나가 스터디의 한 주다: 읽을 것, 그 주의 연습 문제(문제마다 따로 만들어 주는 클러스터), 그리고 제출할 파일. 스터디 리더가 학습자 ID가 담긴 링크를 보내 주니, 실습은 그 링크로 연다.',
  week: (n: number) => `${n}주차`,
  listMeta: (exercises: number, points: number) => `연습 문제 ${exercises}개 · ${points}점`,
  due: (when: string) => ` · 마감 ${when}`,
  leadHtml: (gradeHref: string) =>
    `스터디를 이끌고 있다면 <code>labs/README.md</code>의 리더 안내를 읽은 뒤, <a href="${gradeHref}">채점 페이지</a>에서 그 주의 파일을 채점한다. 채점은 브라우저 안에서 돌고 아무것도 밖으로 보내지 않는다.`,
  sheetDescription: (week: number, title: string) =>
    `${week}주차 실습: ${title}. 나만의 에뮬레이션 클러스터에서 푸는 연습 문제와 제출할 파일.`,
  kicker: (week: number) => `${week}주차 · 실습`,
  anywhereOnEarth: '지구 어디서나(AoE)',
  dueLabel: '마감',
  points: '점수',
  pointsIn: (points: number, exercises: number, challenge: boolean) =>
    `연습 문제 ${exercises}개, 총 ${points}점${challenge ? ', 그중 하나는 도전 과제' : ''}`,
  who: '실습하는 사람',
  openFromLink: '스터디 리더가 보낸 링크로 이 실습지를 연다: 링크에 내 ID가 있고, 내 클러스터는 그에 맞춰 만들어진다.',
  idLabel: '학습자 ID(리더가 보낸 링크에 있다)',
  useId: '이 ID로 하기',
  readFirst: '먼저 읽을 것',
  rules: '이번 주 규칙',
  exercises: '연습 문제',
  exercisePoints: (n: number) => `${n}점`,
  challenge: '도전 과제',
  from: '출처',
  handIn: '제출',
  handInHtml:
    '<strong>제출 파일 내려받기</strong>를 누르면 문제마다 입력한 명령 줄, 답, 열어 본 힌트, 내 시계의 시각이 파일 하나에 저장된다. 그 파일을 스터디 리더에게 보낸다. 더 작업한 뒤 다시 내려받으면 새 파일이 예전 파일을 대신한다.',
  download: '제출 파일 내려받기',
  viewSwitchLabel: '실습지와 터미널 중 하나를 보기',
  viewSheet: '실습지',
  viewTerminal: '터미널',
  workingAs: '지금 학습자 ',
  seedNote: (seed: number, id: string) =>
    `${josa(id, '으로/로')} 실습하고 있다. 클러스터는 시드 ${seed}로 만들어지므로 파드 이름과 주소가 옆 사람과 다르다. `,
  notYou: '내가 아닌가?',
  badId: '학습자 ID는 영문자, 숫자, 점, 대시, 밑줄로 이루어진다(링크의 ?learner= 뒤에 있는 값).',
  saved: (name: string) => `${name} 파일을 저장했다. 스터디 리더에게 보낸다.`,
  openOrType: '스터디 리더가 보낸 링크로 이 실습지를 열거나, 링크에 있는 학습자 ID를 입력한다.',
  nothingYet: (title: string) => `${title}: 아직 없음`,
  commandLines: (n: number) => `명령 줄 ${n}개`,
  answer: (value: string) => `답 “${value}”`,
  noAnswerYet: '아직 답 없음',
  hintsOpened: (n: number) => `힌트 ${n}개 열어 봄`,
  solutionRevealed: '풀이를 봄',
  workLine: (title: string, parts: string[]) => `${title}: ${parts.join(', ')}`,
  untranslated: '이 실습의 일부는 아직 한국어로 번역되지 않아 영어로 보인다. 채점과 제출 파일은 두 언어가 같다.',
};
