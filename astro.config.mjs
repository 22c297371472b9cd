// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

/** Fenced-code languages that are shell sessions a learner could type into the terminal. */
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'shellsession']);

/**
 * Shiki transformer that marks shell blocks.
 *
 * Contract for the terminal (src/components/terminal): every fenced ```sh / ```bash / ```shell /
 * ```console block comes out as `<pre class="astro-code ..." data-shell="bash|sh|console|...">`.
 * A "Run in terminal" button can hook onto `pre[data-shell]` and read the command lines from its
 * text (for `console` blocks, only lines starting with `$ ` are commands; the rest is output).
 * CodeCopy.astro adds the copy button to every `pre.astro-code`, shell or not.
 * @type {import('shiki').ShikiTransformer}
 */
const markShellBlocks = {
  name: 'netlab:mark-shell-blocks',
  pre(node) {
    const lang = this.options.lang;
    if (SHELL_LANGS.has(lang)) node.properties['data-shell'] = lang;
  },
};

export default defineConfig({
  site: 'https://k8s-netlab.example',
  trailingSlash: 'always',
  // English at /, Korean at /ko/ (src/i18n/locales.ts holds the same list for the pages' own code).
  i18n: {
    locales: ['en', 'ko'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: false },
  },
  integrations: [mdx()],
  markdown: {
    // Mermaid blocks stay plain <pre data-language="mermaid"> so the diagram script can find them
    // and so their source is still readable when JS is off or rendering fails.
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid', 'math'] },
    shikiConfig: {
      // The -default GitHub themes keep comments above 4.5:1 contrast on our code backgrounds.
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      transformers: [markShellBlocks],
    },
  },
});
