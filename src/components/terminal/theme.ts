/**
 * xterm colour themes matching the site's light and dark themes. The site resolves its theme to
 * `<html data-theme="light|dark">` (ThemeScript.astro), so the terminal only has to follow that
 * attribute. ANSI colours follow GitHub's terminal palettes, the light one darkened where needed so
 * every colour (bold text uses the bright ones) keeps a 4.5:1 contrast on the light background.
 */
import type { ITheme } from '@xterm/xterm';

export type SiteTheme = 'light' | 'dark';

export const LIGHT: ITheme = {
  background: '#f5f7fa',
  foreground: '#1f2328',
  cursor: '#1f2328',
  cursorAccent: '#f5f7fa',
  selectionBackground: '#b6d6fd',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#4d2d00',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#57606a',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#633c01',
  brightBlue: '#0550ae',
  brightMagenta: '#6639ba',
  brightCyan: '#166a70',
  brightWhite: '#424a53',
};

export const DARK: ITheme = {
  background: '#161c23',
  foreground: '#e6edf3',
  cursor: '#e6edf3',
  cursorAccent: '#161c23',
  selectionBackground: '#264f78',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#ffffff',
};

/** The site's current theme: `data-theme` on <html>, else the system preference. */
export function currentSiteTheme(doc: Document = document): SiteTheme {
  const attr = doc.documentElement.dataset.theme;
  if (attr === 'light' || attr === 'dark') return attr;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Call `apply` now and whenever the site's theme changes; returns a function that stops watching. */
export function followSiteTheme(apply: (theme: SiteTheme) => void): () => void {
  apply(currentSiteTheme());
  const observer = new MutationObserver(() => apply(currentSiteTheme()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = matchMedia('(prefers-color-scheme: dark)');
  const onMedia = () => apply(currentSiteTheme());
  media.addEventListener('change', onMedia);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', onMedia);
  };
}
