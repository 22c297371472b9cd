import type { trace as En } from '../en/trace';
import { josa } from '../josa';

export const trace: typeof En = {
  noPackets: '이 명령은 패킷을 보내지 않았다.',
  legend:
    '파란 화살표는 패킷, 보라색은 응답이다. 강조된 상자에서 주소가 바뀐다. 홉을 누르면(또는 화살표 키와 Enter) 그 홉의 규칙과 라우팅을 볼 수 있다.',
  packet: (n: number, what: string) => `패킷 ${n}: ${what}`,
  andReply: ', 그리고 그 응답',
  reply: (n: number, what: string) => `응답 ${n}: ${what}`,
  morePackets: (n: number) => `패킷 ${n}개는 그리지 않았다.`,
  asText: '같은 경로를 글로 보기',
  pathOf: '패킷 경로: ',
  dialogLabel: (command: string) => `패킷 경로: ${command}`,
  close: '닫기',
  enlarge: '크게 보기',
  closePanel: '패킷 경로 닫기',
  replyBack: '돌아오는 응답',
  drawingLabel: (title: string, hops: number) =>
    `${title}. 그림: 홉 ${hops}개. 화살표 키로 홉 사이를 옮겨 다니고, Enter를 누르면 그 홉의 규칙을 보여 준다.`,
  hop: (n: number, total: number) => `홉 ${n}/${total}`,
  replyHop: (n: number, total: number) => `응답, 홉 ${n}/${total}`,
  tunnel: (from: string, to: string) => `${from}에서 ${to}${josa(to, '으로/로')} 가는 터널`,
  nodeLane: (name: string) => `노드 ${name}`,
  podLane: (name: string) => `파드 ${name}`,
  natFromTo: (type: string, from: string, to: string) => `${type}: ${from} → ${to}`,
  rulesMatched: (n: number) => `규칙 ${n}개 일치`,
  leaves: (dev: string, where: string, toDev: string) =>
    `${dev}${josa(dev, '으로/로')} 나가 ${where} ${toDev}${josa(toDev, '으로/로')}`,
};
