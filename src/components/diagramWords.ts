/**
 * The diagram scripts' words (MermaidDiagrams.astro, diagramZoom.ts), read from the JSON the page
 * renders in its language (`#diagram-words`), so no dictionary ships with a diagram page. The
 * dialog's label arrives with a `{kind}` placeholder (a function does not survive JSON).
 */
import type { diagram } from '../i18n/en/diagram';

export type DiagramWords = Omit<typeof diagram, 'dialogLabel'> & { dialogLabel: string };

export function diagramWords(): DiagramWords {
  try {
    return JSON.parse(document.getElementById('diagram-words')?.textContent ?? '{}') as DiagramWords;
  } catch {
    return {} as DiagramWords;
  }
}
