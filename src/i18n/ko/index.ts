/**
 * 사이트 인터페이스의 한국어 문자열. 부분(part)마다 모듈 하나이고, 각 부분의 타입은 en/의 같은 부분에서
 * 온다: 키가 하나라도 빠지면 타입 검사(`astro check`), 빌드(../index.ts), 테스트(../dictionary.test.ts)가
 * 실패한다.
 *
 * 문체와 용어는 docs/glossary-ko.md를 따른다: 문장은 평어체(~한다), 버튼은 짧은 명사형, 파드·서비스·노드는
 * 한글로만, kube-proxy·iptables·conntrack 같은 도구 이름과 필드 이름은 영어 그대로. 터미널 출력은 여기서
 * 오지 않는다: 도구가 찍는 그대로(영어) 보인다.
 */
export { site } from './site';
export { code } from './code';
export { diagram } from './diagram';
export { home } from './home';
export { lesson } from './lesson';
export { bench } from './bench';
export { trace } from './trace';
export { exercise } from './exercise';
export { progress } from './progress';
export { labs } from './labs';
export { grade } from './grade';
export { notFound } from './notFound';
