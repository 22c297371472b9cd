/**
 * Colour theme preference. The learner picks light, dark or auto (follow the system); the page
 * carries the resolved theme in `<html data-theme="light|dark">`. The inline script in
 * src/components/ThemeScript.astro repeats `resolveTheme` in plain JS because it must run before
 * first paint, before any bundle loads: keep the two in step.
 */

export type ThemePreference = 'light' | 'dark' | 'auto';
export type Theme = 'light' | 'dark';

/** localStorage key holding the ThemePreference. */
export const THEME_KEY = 'netlab:theme';

/** Event dispatched on `document` whenever the resolved theme changes; detail is the Theme. */
export const THEME_EVENT = 'netlab:themechange';

const CYCLE: readonly ThemePreference[] = ['auto', 'light', 'dark'];

/** A stored value read back as a preference; anything unknown means auto. */
export function parsePreference(value: string | null | undefined): ThemePreference {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

/** The theme to show for a preference, given whether the system prefers dark. */
export function resolveTheme(pref: ThemePreference, systemPrefersDark: boolean): Theme {
  if (pref === 'auto') return systemPrefersDark ? 'dark' : 'light';
  return pref;
}

/** The preference after one press of the toggle: auto → light → dark → auto. */
export function nextPreference(pref: ThemePreference): ThemePreference {
  return CYCLE[(CYCLE.indexOf(pref) + 1) % CYCLE.length] ?? 'auto';
}
