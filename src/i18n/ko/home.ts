import type { home as En } from '../en/home';

export const home: typeof En = {
  title: 'k8s-netlab',
  description:
    '직접 해 보며 배우는 쿠버네티스 네트워킹: 에뮬레이션한 클러스터와 리눅스 데이터 플레인에 연결된 터미널이 레슨마다 브라우저 안에 있다.',
  heroTitle: '쿠버네티스 네트워킹, 패킷 하나까지',
  heroLedeHtml:
    '<code>curl</code>이 보낸 요청을 파드까지 따라간다. 서비스의 가상 IP, kube-proxy가 써 둔 iptables나 IPVS 규칙, conntrack, veth 쌍, 노드의 라우팅을 차례로 지난다. 레슨마다 브라우저에서 도는 클러스터 한 벌과 터미널이 딸려 있다. 계정도, VM도, 설치할 것도 없다.',
  start: (title: string) => `“${title}”부터 시작하기`,
  learnTitle: '배우는 것',
  learnHtml: [
    '<strong>파드 네트워킹.</strong> 네트워크 네임스페이스, veth 쌍, 브리지와 라우팅, 그리고 CNI 플러그인(kindnet, bridge, 위브넷(Weave Net), Amazon VPC CNI)이 파드마다 설정하는 것.',
    '<strong>서비스.</strong> ClusterIP, NodePort, LoadBalancer, 엔드포인트와 엔드포인트슬라이스(EndpointSlice), 그리고 kube-proxy가 iptables 모드에서 쓰는 체인과 IPVS 모드에서 쓰는 가상 서버.',
    '<strong>패킷 따라가기.</strong> DNAT, SNAT, 마스커레이드, conntrack 엔트리, 그리고 <code>iptables -t nat -S</code>, <code>ipvsadm -Ln</code>, <code>conntrack -L</code>의 출력을 자신 있게 읽는 법.',
    '<strong>DNS.</strong> CoreDNS, 리졸버의 search 목록과 <code>ndots</code>, 헤드리스 서비스, 그리고 <code>nslookup</code>과 <code>dig</code>가 실제로 무엇을 묻는지.',
    '<strong>누가 무엇을 할 수 있나.</strong> 서비스어카운트(ServiceAccount), 롤(Role)과 롤바인딩(RoleBinding), 그리고 API 서버의 인가 모듈이 허용 여부를 정하는 방식.',
  ],
  lessonsTitle: '레슨',
  cardMeta: (minutes: string) => `약 ${minutes}분 · 클러스터`,
  labsTitle: '주간 실습',
  labsHtml: (howHref: string) =>
    `스터디 그룹은 주간 실습으로 코스를 따라간다. 실습은 레슨의 연습 문제를 모은 실습지로, 저장소의 <code>labs/</code> 폴더에 한 주에 파일 하나씩 있다. 학습자는 여기 레슨 터미널에서 문제를 풀고 입력한 명령 줄을 제출한다. 스터디 리더는 <code>netlab grade</code>로 모든 제출물을 오프라인에서 채점하는데, 이 도구는 명령을 새 에뮬레이션 클러스터에서 다시 실행한다. 자세한 내용은 <a href="${howHref}">연습 문제를 채점하는 방법</a>을 본다.`,
  howAnchor: '연습-문제를-채점하는-방법',
};
