export const site = {
  skipLink: 'Skip to content',
  footer:
    'k8s-netlab: Kubernetes networking, learned by doing. Everything runs in your browser; nothing you type leaves it.',
  nav: {
    label: 'Main',
    lessons: 'Lessons',
    howItWorks: 'How it works',
    labs: 'Labs',
  },
  language: {
    /** The accessible name of the link to this page in the other language (that language's name is its text). */
    switchTo: 'Read this page in English',
    /** Offered to a reader whose browser prefers this language, on a page in the other one. */
    suggest: 'This page is also available in English.',
    suggestGo: 'Read in English',
    suggestDismiss: 'No, thanks',
    suggestLabel: 'Language',
  },
  search: {
    button: 'Search',
    title: 'Search the course',
    close: 'Close search',
    devOnly:
      'Search works on the built site: run `npm run build` then `npm run preview` (the dev server has no search index).',
  },
  theme: {
    auto: 'Theme: auto (follows your system)',
    light: 'Theme: light',
    dark: 'Theme: dark',
    clickToChange: (label: string) => `${label}. Click to change.`,
  },
  lessonList: {
    title: 'Lessons',
    completed: '(completed)',
    yourProgress: 'Your progress',
    /** After a lesson's title where the lesson is not yet written in the page's language. */
    notTranslated: '(not yet in English)',
  },
  toc: {
    title: 'On this page',
  },
};
