import { describe, expect, it } from 'vitest';
import { josa, withJosa } from './josa';

describe('Korean particles after a word', () => {
  it('reads Hangul by its last syllable', () => {
    expect(withJosa('서비스', '을/를')).toBe('서비스를');
    expect(withJosa('파드', '이/가')).toBe('파드가');
    expect(withJosa('클러스터', '은/는')).toBe('클러스터는');
    expect(withJosa('노드 목록', '을/를')).toBe('노드 목록을');
    expect(withJosa('엔드포인트슬라이스', '와/과')).toBe('엔드포인트슬라이스와');
    expect(withJosa('레슨', '와/과')).toBe('레슨과');
  });

  it('takes 로 after ㄹ and after no final consonant, 으로 after the others', () => {
    expect(withJosa('파일', '으로/로')).toBe('파일로');
    expect(withJosa('서버', '으로/로')).toBe('서버로');
    expect(withJosa('명령', '으로/로')).toBe('명령으로');
  });

  it('reads digits and Latin words as Korean readers say them', () => {
    expect(withJosa('3', '을/를')).toBe('3을');
    expect(withJosa('2', '을/를')).toBe('2를');
    expect(withJosa('kube-proxy', '이/가')).toBe('kube-proxy가');
    expect(withJosa('curl', '이/가')).toBe('curl이');
    expect(withJosa('iptables', '을/를')).toBe('iptables를');
    expect(withJosa('conntrack', '을/를')).toBe('conntrack을');
    expect(withJosa('web', '을/를')).toBe('web을');
    expect(josa('1', '으로/로')).toBe('로');
  });

  it('skips closing quotes and punctuation', () => {
    expect(withJosa('"10.200.1.1"', '은/는')).toBe('"10.200.1.1"은');
    expect(withJosa('“웹 서버 띄우기”', '을/를')).toBe('“웹 서버 띄우기”를');
  });
});
