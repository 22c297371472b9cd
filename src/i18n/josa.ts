/**
 * Korean particles after a word the sentence does not know in advance (an exercise title, a file
 * name, a learner id): 을/를, 은/는, 이/가, 와/과 and (으)로 depend on whether the word, as read
 * aloud, ends in a consonant (받침). Hangul is read from its last syllable; a digit or a Latin letter
 * by how Korean readers say it (`web` 웹, `kube-proxy` 프록시, `3` 삼). Pure, tested in josa.test.ts.
 */

export type JosaPair = '을/를' | '은/는' | '이/가' | '와/과' | '으로/로';

/** Digits as Korean readers say them: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. */
const DIGIT_FINAL: Record<string, 'none' | 'rieul' | 'other'> = {
  '0': 'other',
  '1': 'rieul',
  '2': 'none',
  '3': 'other',
  '4': 'none',
  '5': 'none',
  '6': 'other',
  '7': 'rieul',
  '8': 'rieul',
  '9': 'none',
};

/**
 * The final sound of a word: no final consonant, ㄹ (which takes 로, not 으로), or another one.
 * Trailing punctuation, quotes and brackets are skipped.
 */
export function finalSound(word: string): 'none' | 'rieul' | 'other' {
  const chars = Array.from(word.replace(/[\s"'“”‘’()[\]{}.,:;!?…]+$/u, ''));
  const last = chars.at(-1) ?? '';
  const code = last.codePointAt(0) ?? 0;
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    return jong === 0 ? 'none' : jong === 8 ? 'rieul' : 'other';
  }
  if (/\d/.test(last)) return DIGIT_FINAL[last]!;
  const tail = chars.join('').toLowerCase();
  if (!/[a-z]$/.test(tail)) return 'none';
  // How English words are read in Korean: -l 엘/-ll 을, -m 엠, -n 엔, -ng 응, -b 브/웹, -ck/-k 크...
  if (/(?:l|le)$/.test(tail)) return 'rieul';
  if (/(?:m|n|ng|ck|ot|et|ok|ob|eb|ub|ap|op|up|ip)$/.test(tail)) return 'other';
  return 'none';
}

/** The particle of `pair` that follows `word`. */
export function josa(word: string, pair: JosaPair): string {
  const sound = finalSound(word);
  if (pair === '으로/로') return sound === 'other' ? '으로' : '로';
  // 와/과 is written in the usual order, the form without a final consonant first.
  const [withFinal, without] = (pair === '와/과' ? ['과', '와'] : pair.split('/')) as [string, string];
  return sound === 'none' ? without : withFinal;
}

/** `word` followed by its particle: `withJosa('웹', '을/를')` → `웹을`. */
export function withJosa(word: string, pair: JosaPair): string {
  return word + josa(word, pair);
}
