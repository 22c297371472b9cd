/**
 * The language switch's target: the same page in the other language, with the query (a lab sheet's
 * `?learner=`) and the section being read. Section anchors differ between languages (they come from
 * the headings' words), so a section is found by its place: the pages list their anchors in order
 * and the n-th section of one is the n-th of the other. Pure; the page's script (LanguageSwitch.astro)
 * feeds it the location and the anchors.
 */

/** The choice a reader made about languages, kept so the suggestion is offered once. */
export const LANGUAGE_KEY = 'netlab:lang:v1';

export interface SwitchInput {
  /** The other language's path, as the page was built (`/ko/lessons/x/`). */
  target: string;
  /** `location.search`, e.g. `?learner=alice`. */
  search: string;
  /** The anchor to keep: `location.hash`, or the section being read (`#a-clusterip-service`). */
  hash: string;
  /** This page's section anchors in order, and the other page's. */
  own?: readonly string[];
  other?: readonly string[];
}

/** The URL (path, query, anchor) of the same place in the other language. */
export function switchHref({ target, search, hash, own = [], other = [] }: SwitchInput): string {
  const id = decodeURIComponent(hash.replace(/^#/, ''));
  let anchor = '';
  if (id) {
    const at = own.indexOf(id);
    // A section maps by its place; any other anchor (an exercise's, `#progress`) is the same in both.
    if (at >= 0) anchor = other[at] !== undefined ? `#${encodeURIComponent(other[at])}` : '';
    else anchor = `#${encodeURIComponent(id)}`;
  }
  return `${target}${search}${anchor}`;
}
